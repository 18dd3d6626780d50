// Ways of showing user text, always as React text nodes: line diffs with +/− markers and line
// numbers (so additions and removals do not rely on colour), enhancer output with `[fill in: …]`
// placeholders marked, and templates with their `{{variables}}` marked.
import { parsePlaceholders } from "../lib/placeholders";
import { fillInSegments, segmentText } from "../lib/segments";
import type { DiffLine } from "../lib/types";

/** A diff line; `op` is "equal", "add" or "remove" (a promotion's diff types it as any string). */
type ShownDiffLine = Omit<DiffLine, "op"> & { op: string };

export function DiffView({ lines, label }: { lines: readonly ShownDiffLine[]; label: string }) {
  const added = lines.filter((l) => l.op === "add").length;
  const removed = lines.filter((l) => l.op === "remove").length;
  return (
    <div className="diff" data-testid="diff">
      <table className="diff-table">
        <caption className="small muted">
          {label}: {added} line{added === 1 ? "" : "s"} added, {removed} removed
        </caption>
        {/* A fixed layout sizes columns from the first row: give the narrow ones their widths here. */}
        <colgroup>
          <col className="col-ln old" />
          <col className="col-ln" />
          <col className="col-op" />
          <col />
        </colgroup>
        <thead className="visually-hidden">
          <tr>
            <th scope="col">Old line</th>
            <th scope="col">New line</th>
            <th scope="col">Change</th>
            <th scope="col">Text</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: lines have no identity beyond their position
            <tr key={i} className={`diff-line ${l.op}`} data-op={l.op}>
              <td className="ln old">{l.old_line ?? ""}</td>
              <td className="ln">{l.new_line ?? ""}</td>
              <td className="op">
                <span aria-hidden="true">{l.op === "add" ? "+" : l.op === "remove" ? "−" : " "}</span>
                <span className="visually-hidden">
                  {l.op === "add" ? "added" : l.op === "remove" ? "removed" : "same"}
                </span>
              </td>
              <td className="txt">{l.text === "" ? " " : l.text}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function FillInText({ text, label }: { text: string; label?: string }) {
  return (
    <div className="text-block" data-testid="fill-in-text" title={label}>
      {fillInSegments(text).map((s) =>
        s.ids.length ? (
          <mark key={s.start} className="fill-in" title="Fill this in: only you know it">
            {s.text}
          </mark>
        ) : (
          <span key={s.start}>{s.text}</span>
        ),
      )}
    </div>
  );
}

export function PlaceholderText({ text, label }: { text: string; label?: string }) {
  const spans = parsePlaceholders(text).placeholders.map((p, i) => ({ start: p.start, end: p.end, id: i }));
  return (
    <div className="text-block" title={label}>
      {segmentText(text, spans).map((s) =>
        s.ids.length ? (
          <mark key={s.start} className="placeholder">
            {s.text}
          </mark>
        ) : (
          <span key={s.start}>{s.text}</span>
        ),
      )}
    </div>
  );
}
