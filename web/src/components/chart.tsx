// A small SVG line chart of a prompt's overall score across its versions. Every point also has its
// number drawn next to it, and the same data is listed in a table for screen readers.
import { scoreWord } from "./ui";

export interface ScorePoint {
  version: number;
  score: number;
}

export function ScoreChart({ points }: { points: readonly ScorePoint[] }) {
  if (points.length === 0) return <p className="muted">No versions to chart yet.</p>;
  const w = 560;
  const h = 200;
  const pad = { l: 36, r: 16, t: 16, b: 32 };
  const innerW = w - pad.l - pad.r;
  const innerH = h - pad.t - pad.b;
  const x = (i: number) => pad.l + (points.length === 1 ? innerW / 2 : (i / (points.length - 1)) * innerW);
  const y = (s: number) => pad.t + innerH - (Math.max(0, Math.min(100, s)) / 100) * innerH;
  const path = points
    .map((p, i) => `${i === 0 ? "M" : "L"}${x(i).toFixed(1)},${y(p.score).toFixed(1)}`)
    .join(" ");
  const labelEvery = Math.ceil(points.length / 12);
  return (
    <div className="chart">
      <svg
        viewBox={`0 0 ${w} ${h}`}
        role="img"
        aria-label="Overall score by version"
        data-testid="score-chart"
      >
        {[0, 50, 100].map((t) => (
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
              {t}
            </text>
          </g>
        ))}
        <path className="line" d={path} />
        {points.map((p, i) => (
          <g key={p.version}>
            <circle className="dot" cx={x(i)} cy={y(p.score)} r={5}>
              <title>
                Version {p.version}: {Math.round(p.score)} ({scoreWord(p.score).word})
              </title>
            </circle>
            {i % labelEvery === 0 && (
              <>
                <text x={x(i)} y={y(p.score) - 9} textAnchor="middle">
                  {Math.round(p.score)}
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
        <caption>Overall score by version</caption>
        <thead>
          <tr>
            <th>Version</th>
            <th>Score</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.version}>
              <td>{p.version}</td>
              <td>
                {Math.round(p.score)} ({scoreWord(p.score).word})
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
