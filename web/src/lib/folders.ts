// Prompt names as folders: `support/triage/classify` is the prompt "classify" in the folder
// "support/triage". The prompt list shows the folders as a tree built here from the names it knows;
// choosing a folder lists that folder and everything below it (the API's `?folder=` filter).

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

/**
 * The folder tree of `names`, folders sorted by name. Empty segments (a stray "a//b" or a leading
 * "/") are skipped rather than shown as nameless folders; the server refuses such names anyway.
 */
export function buildFolderTree(names: readonly string[]): FolderNode {
  const root: FolderNode = { name: "", path: "", folders: [], own: 0, total: 0 };
  const index = new Map<string, FolderNode>([["", root]]);
  for (const name of names) {
    const parts = name.split("/").filter((s) => s !== "");
    if (parts.length === 0) continue;
    let node = root;
    node.total += 1;
    for (const part of parts.slice(0, -1)) {
      const path = node.path ? `${node.path}/${part}` : part;
      let child = index.get(path);
      if (!child) {
        child = { name: part, path, folders: [], own: 0, total: 0 };
        index.set(path, child);
        node.folders.push(child);
      }
      child.total += 1;
      node = child;
    }
    node.own += 1;
  }
  const sort = (n: FolderNode) => {
    n.folders.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const c of n.folders) sort(c);
  };
  sort(root);
  return root;
}
