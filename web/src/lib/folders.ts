// Prompt names as folders: `support/triage/classify` is the prompt "classify" in the folder
// "support/triage". The prompt list shows the folders as a tree built here from the server's flat
// folder list (GET …/prompts/folders, with counts); choosing a folder lists that folder and everything
// below it (the API's `?folder=` filter).

export interface FolderNode {
  /** The last segment ("triage"); "" for the root. */
  name: string;
  /** The whole folder path ("support/triage"); "" for the root. */
  path: string;
  /** Sub-folders, by name. */
  folders: FolderNode[];
  /** Prompts directly in this folder. */
  own: number;
  /** Prompts in this folder and every folder below it. */
  total: number;
}

/** The folder part of a name: "a/b/c" → "a/b", "c" → "". */
export function folderOf(name: string): string {
  const at = name.lastIndexOf("/");
  return at < 0 ? "" : name.slice(0, at);
}

/** The last segment of a name: "a/b/c" → "c". */
export function leafOf(name: string): string {
  return name.slice(name.lastIndexOf("/") + 1);
}

/** Whether a prompt named `name` is in `folder` or below it ("" holds everything). */
export function inFolder(name: string, folder: string): boolean {
  return folder === "" || name.startsWith(`${folder}/`);
}

/** Every ancestor of a folder, outermost first, itself last: "a/b" → ["a", "a/b"]. */
export function folderTrail(folder: string): string[] {
  if (folder === "") return [];
  const parts = folder.split("/");
  return parts.map((_, i) => parts.slice(0, i + 1).join("/"));
}

/** One folder as GET …/prompts/folders lists it (a flat list, parents first). */
export interface FolderEntry {
  path: string;
  prompts: number;
  total: number;
}

/**
 * The tree of the server's flat folder list, sub-folders sorted by name. A folder listed before its
 * parent, or whose parent is missing, still hangs in the right place (the parent is made, holding
 * what its sub-folders hold); a folder listed twice keeps its first counts.
 */
export function treeFromFolders(items: readonly FolderEntry[], rootPrompts: number): FolderNode {
  const root: FolderNode = { name: "", path: "", folders: [], own: rootPrompts, total: rootPrompts };
  const index = new Map<string, FolderNode>([["", root]]);
  const filled = new Set<string>();
  const node = (path: string): FolderNode => {
    const found = index.get(path);
    if (found) return found;
    const made: FolderNode = { name: leafOf(path), path, folders: [], own: 0, total: 0 };
    index.set(path, made);
    node(folderOf(path)).folders.push(made);
    return made;
  };
  for (const f of items) {
    const path = f.path
      .split("/")
      .filter((s) => s !== "")
      .join("/");
    if (path === "" || filled.has(path)) continue;
    filled.add(path);
    const n = node(path);
    n.own = f.prompts;
    n.total = f.total;
  }
  // A folder the list did not give (the root among them) counts what its sub-folders hold.
  const count = (n: FolderNode): number => {
    const below = n.folders.reduce((a, f) => a + count(f), 0);
    if (n.path === "" || !filled.has(n.path)) n.total = n.own + below;
    return n.total;
  };
  count(root);
  const sort = (n: FolderNode) => {
    n.folders.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const c of n.folders) sort(c);
  };
  sort(root);
  return root;
}
