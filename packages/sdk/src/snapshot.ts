// The last-known-good snapshot file: every prompt this client fetched, with its ETag, so that a process
// starting while the server is down can still serve them. Written after each successful fetch by
// writing a temporary file next to it and renaming it over the old one (atomic on the same file
// system: a reader sees the old file or the new one, never half of one). Node's fs is loaded only when
// a snapshot path is set, so the SDK still runs where there is no file system.
import { PromptForgeSnapshotError } from "./errors.js";
import { type PromptData, readPromptData } from "./prompt.js";

export interface SnapshotEntry {
  etag: string | null;
  data: PromptData;
}

const FORMAT = "promptforge-sdk-snapshot";
const FORMAT_VERSION = 1;

export class SnapshotStore {
  private entries: Promise<Map<string, SnapshotEntry>> | null = null;
  private writing: Promise<void> = Promise.resolve();
  private writeQueued = false;

  constructor(
    private readonly path: string,
    private readonly report: (error: PromptForgeSnapshotError) => void,
  ) {}

  /** The entry saved for `key`, if the file had one. */
  async get(key: string): Promise<SnapshotEntry | undefined> {
    return (await this.load()).get(key);
  }

  /**
   * Records `entry` and rewrites the file. Saves that arrive while a write is waiting share it; a
   * failure is reported as an event, never thrown (the fetch it follows has already succeeded).
   */
  async save(key: string, entry: SnapshotEntry): Promise<void> {
    const entries = await this.load();
    entries.set(key, entry);
    if (this.writeQueued) return this.writing;
    this.writeQueued = true;
    this.writing = this.writing.then(async () => {
      this.writeQueued = false;
      await this.write(entries);
    });
    return this.writing;
  }

  /** Reads the file once; what was there is kept when this process saves its own fetches. */
  private load(): Promise<Map<string, SnapshotEntry>> {
    this.entries ??= this.read();
    return this.entries;
  }

  private async read(): Promise<Map<string, SnapshotEntry>> {
    const entries = new Map<string, SnapshotEntry>();
    const { readFile } = await import("node:fs/promises");
    let text: string;
    try {
      text = await readFile(this.path, "utf8");
    } catch (e) {
      if ((e as { code?: string }).code !== "ENOENT") {
        this.report(
          new PromptForgeSnapshotError("snapshot_invalid", `Cannot read the snapshot file ${this.path}`, {
            cause: e,
          }),
        );
      }
      return entries;
    }
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (e) {
      this.report(
        new PromptForgeSnapshotError(
          "snapshot_invalid",
          `The snapshot file ${this.path} is not JSON; ignored`,
          {
            cause: e,
          },
        ),
      );
      return entries;
    }
    const prompts = (doc as { prompts?: unknown } | null)?.prompts;
    if (
      typeof doc !== "object" ||
      doc === null ||
      (doc as { format?: unknown }).format !== FORMAT ||
      typeof prompts !== "object" ||
      prompts === null
    ) {
      this.report(
        new PromptForgeSnapshotError(
          "snapshot_invalid",
          `The file ${this.path} is not a PromptForge snapshot; ignored`,
        ),
      );
      return entries;
    }
    let dropped = 0;
    for (const [key, value] of Object.entries(prompts)) {
      const data = readPromptData((value as { data?: unknown } | null)?.data);
      const etag = (value as { etag?: unknown } | null)?.etag;
      if (data) entries.set(key, { data, etag: typeof etag === "string" ? etag : null });
      else dropped++;
    }
    if (dropped > 0) {
      this.report(
        new PromptForgeSnapshotError(
          "snapshot_invalid",
          `The snapshot file ${this.path} has ${dropped} unreadable prompt(s); they were ignored`,
        ),
      );
    }
    return entries;
  }

  private async write(entries: Map<string, SnapshotEntry>): Promise<void> {
    const { mkdir, rename, rm, writeFile } = await import("node:fs/promises");
    const { dirname } = await import("node:path");
    const doc = {
      format: FORMAT,
      format_version: FORMAT_VERSION,
      saved_at: new Date().toISOString(),
      prompts: Object.fromEntries(entries),
    };
    const tmp = `${this.path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      await mkdir(dirname(this.path), { recursive: true });
      // Prompts can be a business's own work: readable by this user only, like the key it was fetched with.
      await writeFile(tmp, JSON.stringify(doc), { encoding: "utf8", mode: 0o600 });
      await rename(tmp, this.path);
    } catch (e) {
      await rm(tmp, { force: true }).catch(() => {});
      this.report(
        new PromptForgeSnapshotError("snapshot_write_failed", `Cannot write the snapshot file ${this.path}`, {
          cause: e,
        }),
      );
    }
  }
}
