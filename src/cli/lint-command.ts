// `promptforge lint PATH…`: analyses prompt files (directories are walked for .txt, .md and .prompt)
// and exits 1 when one scores below --min-score or has an error-severity finding, 2 when it cannot run —
// including a directory with no prompt files, so a CI gate pointed at the wrong folder fails instead of
// passing on nothing. Text, JSON (the batch API's shape, with the file) or SARIF 2.1.0 for code scanning.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, relative, resolve, sep } from "node:path";
import { packageVersion } from "../config.js";
import { TARGET_LLMS } from "../features/analysis/engine/types.js";
import { analyzeText } from "../features/analysis/providers/llm-analysis.js";
import { type CliIo, EXIT, oneOf, parseArgs, UsageError, write } from "./cli-io.js";
import { checkLength } from "./limits.js";
import { type LintedFile, toSarif } from "./sarif.js";
import { renderAnalysis } from "./text-report.js";

export const usage = `Usage: promptforge lint PATH... [--min-score N] [--format text|json|sarif]
                       [--target ${TARGET_LLMS.join("|")}]

Analyses every prompt file given, and every .txt, .md and .prompt file under the directories given.
Exits 1 when a prompt scores below N (default 0) or has an error-severity finding; exits 2 when a
directory given holds no prompt files.`;

const EXTENSIONS = new Set([".txt", ".md", ".prompt"]);
const PROGRESS_THRESHOLD = 20;

/** Files under `root` with a prompt extension, sorted, skipping dot-directories and node_modules. */
function walk(root: string): string[] {
  const out: string[] = [];
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!entry.name.startsWith(".") && entry.name !== "node_modules") visit(path);
      } else if (entry.isFile() && EXTENSIONS.has(extname(entry.name).toLowerCase())) {
        out.push(path);
      }
    }
  };
  visit(root);
  return out;
}

function collect(paths: string[], cwd: string): string[] {
  const files: string[] = [];
  const empty: string[] = [];
  for (const p of paths) {
    const abs = resolve(cwd, p);
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(abs);
    } catch {
      throw new UsageError(`no such file or directory: ${p}`);
    }
    // A file named explicitly is linted whatever its extension.
    if (st.isDirectory()) {
      const found = walk(abs);
      if (found.length === 0) empty.push(p);
      files.push(...found);
    } else files.push(abs);
  }
  if (empty.length) {
    throw new UsageError(`no prompt files (${[...EXTENSIONS].join(", ")}) under ${empty.join(", ")}`);
  }
  return [...new Set(files)];
}

function progress(io: CliIo, done: number, total: number): void {
  const width = 30;
  const filled = Math.round((done / total) * width);
  io.stderr.write(`\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total}`);
  if (done === total) io.stderr.write("\n");
}

export async function lintCommand(args: string[], io: CliIo): Promise<number> {
  const { positional, flags } = parseArgs(args, ["help"], ["min-score", "format", "target"]);
  if (flags.help) {
    write(io.stdout, usage);
    return EXIT.ok;
  }
  if (positional.length === 0) throw new UsageError("lint needs at least one PATH");
  const format = oneOf(flags.format, ["text", "json", "sarif"] as const, "format", "text");
  const targetLlm = oneOf(flags.target, TARGET_LLMS, "target", "generic");
  const rawMin = flags["min-score"];
  const minScore = rawMin === undefined ? 0 : Number(rawMin);
  if (rawMin === true || !Number.isFinite(minScore) || minScore < 0 || minScore > 100) {
    throw new UsageError("--min-score must be a number from 0 to 100");
  }

  const paths = collect(positional, io.cwd);
  const showProgress = paths.length > PROGRESS_THRESHOLD && io.stderr.isTTY === true;
  const files: LintedFile[] = [];
  for (const [i, abs] of paths.entries()) {
    const uri = relative(io.cwd, abs).split(sep).join("/") || abs;
    let text = "";
    try {
      text = readFileSync(abs, "utf8");
      checkLength(text, uri);
      const result = await analyzeText(text, { targetLlm }, null);
      files.push({ uri, text, result, belowMinScore: result.scores.overall < minScore });
    } catch (e) {
      files.push({ uri, text, error: e instanceof Error ? e.message : String(e), belowMinScore: false });
    }
    if (showProgress) progress(io, i + 1, paths.length);
  }

  const failed = (f: LintedFile) =>
    Boolean(f.error) || f.belowMinScore || Boolean(f.result?.findings.some((x) => x.severity === "error"));
  const failures = files.filter(failed).length;

  if (format === "sarif") {
    write(io.stdout, JSON.stringify(toSarif(files, minScore, packageVersion()), null, 2));
  } else if (format === "json") {
    const results = files.map((f) =>
      f.result
        ? { file: f.uri, ok: !failed(f), result: f.result }
        : { file: f.uri, ok: false, error: { code: "unreadable", message: f.error ?? "" } },
    );
    write(io.stdout, JSON.stringify({ results, min_score: minScore, failed: failures }, null, 2));
  } else {
    for (const f of files) {
      if (f.error || !f.result) write(io.stdout, `${f.uri}: error: ${f.error}`);
      else {
        write(io.stdout, renderAnalysis(f.result, f.text, f.uri));
        if (f.belowMinScore)
          write(io.stdout, `  ${f.uri}: score ${f.result.scores.overall} is below --min-score ${minScore}`);
      }
    }
    write(io.stdout, `${files.length} prompt${files.length === 1 ? "" : "s"} checked, ${failures} failed`);
  }
  return failures > 0 ? EXIT.failed : EXIT.ok;
}
