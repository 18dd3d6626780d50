// Small SVG line charts across a prompt's versions: the overall score, and an evaluation's pass rate.
// Every point also has its number drawn next to it, and the same data is listed in a table for screen
// readers. Both use one drawing, so they look alike.
import { scoreWord } from "./ui";

export interface ScorePoint {
  version: number;
  score: number;
}

export interface VersionPoint {
  version: number;
  /** 0–100. */
  value: number;
  /** The number drawn and listed for the point. */
  text: string;
  /** Said in the point's tooltip and table row after the number. */
  detail?: string;
}

export function ScoreChart({ points }: { points: readonly ScorePoint[] }) {
  if (points.length === 0) return <p className="muted">No versions to chart yet.</p>;
  return (
    <VersionLineChart
      title="Overall score by version"
      column="Score"
      testId="score-chart"
      points={points.map((p) => ({
        version: p.version,
        value: p.score,
        text: String(Math.round(p.score)),
        detail: scoreWord(p.score).word,
      }))}
    />
  );
}

export function VersionLineChart({
  points,
  title,
  column,
  testId,
  ticks = [0, 50, 100],
  tickText = String,
}: {
  points: readonly VersionPoint[];
  title: string;
  column: string;
  testId: string;
  ticks?: number[];
  tickText?: (t: number) => string;
}) {
  const w = 560;
  const h = 200;
  const pad = { l: 40, r: 16, t: 16, b: 32 };
  const innerW = w - pad.l - pad.r;
  const innerH = h - pad.t - pad.b;
  const x = (i: number) => pad.l + (points.length === 1 ? innerW / 2 : (i / (points.length - 1)) * innerW);
  const y = (s: number) => pad.t + innerH - (Math.max(0, Math.min(100, s)) / 100) * innerH;
  const path = points
    .map((p, i) => `${i === 0 ? "M" : "L"}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`)
    .join(" ");
  const labelEvery = Math.ceil(points.length / 12);
  const said = (p: VersionPoint) => (p.detail ? `${p.text} (${p.detail})` : p.text);
  return (
    <div className="chart">
      <svg viewBox={`0 0 ${w} ${h}`} role="img" aria-label={title} data-testid={testId}>
        {ticks.map((t) => (
          <g key={t}>
            <line
              className="axis"
              x1={pad.l}
              x2={w - pad.r}
              y1={y(t)}
              y2={y(t)}
              strokeDasharray={t === 0 ? undefined : "4 4"}
            />
            <text x={pad.l - 6} y={y(t) + 4} textAnchor="end">
              {tickText(t)}
            </text>
          </g>
        ))}
        <path className="line" d={path} />
        {points.map((p, i) => (
          <g key={p.version} data-version={p.version}>
            <circle className="dot" cx={x(i)} cy={y(p.value)} r={5}>
              <title>
                Version {p.version}: {said(p)}
              </title>
            </circle>
            {i % labelEvery === 0 && (
              <>
                <text x={x(i)} y={y(p.value) - 9} textAnchor="middle">
                  {p.text}
                </text>
                <text x={x(i)} y={h - 10} textAnchor="middle">
                  v{p.version}
                </text>
              </>
            )}
          </g>
        ))}
      </svg>
      <table className="visually-hidden">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th>Version</th>
            <th>{column}</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.version}>
              <td>{p.version}</td>
              <td>{said(p)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
