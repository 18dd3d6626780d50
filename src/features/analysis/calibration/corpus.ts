// The labelled analysis corpus (test/fixtures/analysis/corpus/): prompts with exhaustive finding labels
// and better/worse pairs, split into dev (read while writing rules and fitting the score) and blind
// (written without reading the rules, never used to tune). See docs/analysis-labels.md.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { FINDING_KINDS, type FindingKind } from "../engine/types.js";

export type Split = "dev" | "blind";

export interface LabelledPrompt {
  id: string;
  category: string;
  language: string;
  has_task: boolean;
  findings: FindingKind[];
  text: string;
  split: Split;
}

export interface CorpusPair {
  id: string;
  category: string;
  language: string;
  better: string;
  worse: string;
  why: string;
  tags: string[];
  split: Split;
  /** The file the pair came from: pairs written by one session at one time share wording. */
  source: string;
}

export interface Corpus {
  prompts: LabelledPrompt[];
  pairs: CorpusPair[];
}

const KINDS = new Set<string>(FINDING_KINDS);

/** The corpus folder, from the repository root, from bench/ under tsx, or from dist/. */
export function corpusDir(from: string = process.cwd()): string {
  for (const up of ["", "..", "../.."]) {
    const dir = join(from, up, "test/fixtures/analysis/corpus");
    if (existsSync(dir)) return dir;
  }
  throw new Error(`the analysis corpus (test/fixtures/analysis/corpus) is not under ${from}`);
}

function readJsonl(path: string): Array<Record<string, unknown>> {
  return readFileSync(path, "utf8")
    .split("\n")
    .map((line, i) => ({ line: line.trim(), n: i + 1 }))
    .filter(({ line }) => line !== "")
    .map(({ line, n }) => {
      try {
        return JSON.parse(line) as Record<string, unknown>;
      } catch {
        throw new Error(`${path}:${n}: not valid JSON`);
      }
    });
}

/** Loads every `<split>-prompts*.jsonl` and `<split>-pairs*.jsonl`; a malformed line names its file and line. */
export function loadCorpus(dir: string = corpusDir()): Corpus {
  const prompts: LabelledPrompt[] = [];
  const pairs: CorpusPair[] = [];
  for (const file of readdirSync(dir).sort()) {
    const m = /^(dev|blind)-(prompts|pairs).*\.jsonl$/.exec(file);
    if (!m) continue;
    const split = m[1] as Split;
    for (const row of readJsonl(join(dir, file))) {
      if (m[2] === "prompts") {
        const findings = (row.findings as string[]) ?? [];
        for (const k of findings)
          if (!KINDS.has(k)) throw new Error(`${file}: ${String(row.id)} has unknown kind ${k}`);
        prompts.push({
          id: String(row.id),
          category: String(row.category ?? ""),
          language: String(row.language ?? "en"),
          has_task: row.has_task !== false,
          findings: findings as FindingKind[],
          text: String(row.text),
          split,
        });
      } else {
        pairs.push({
          id: String(row.id),
          category: String(row.category ?? ""),
          language: String(row.language ?? "en"),
          better: String(row.better),
          worse: String(row.worse),
          why: String(row.why ?? ""),
          tags: (row.tags as string[]) ?? [],
          split,
          source: file,
        });
      }
    }
  }
  return { prompts, pairs };
}
