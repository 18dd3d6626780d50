// Addresses of the evaluation pages. Each names its project (`?project=`), so a link passed to a
// teammate opens in the project that holds the dataset or run.
const enc = encodeURIComponent;

function withProject(path: string, project: string, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams(extra);
  if (project) q.set("project", project);
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

export const datasetsHref = (project: string) => withProject("/datasets", project);
export const datasetHref = (project: string, id: string) => withProject(`/datasets/${enc(id)}`, project);
export const runHref = (project: string, id: string) => withProject(`/evaluations/${enc(id)}`, project);
export const compareHref = (project: string, base: string, head: string) =>
  withProject("/evaluations/compare", project, { base, head });
