// The prompt list's folder tree: prompt names with `/` are folders; choosing one lists that folder and
// everything below it. Each folder says how many prompts it holds (below it too).
import type { FolderNode } from "../lib/folders";

/** Which folder is chosen ("" for all prompts) and what choosing one does. */
interface Choice {
  chosen: string;
  onChoose: (path: string) => void;
}

function Branch({ node, chosen, onChoose }: Choice & { node: FolderNode }) {
  if (node.folders.length === 0) return null;
  return (
    <ul className="folder-branch">
      {node.folders.map((f) => (
        <li key={f.path}>
          <button
            type="button"
            className="link-button"
            aria-current={f.path === chosen ? "true" : undefined}
            data-folder={f.path}
            onClick={() => onChoose(f.path)}
          >
            <span aria-hidden="true">📁 </span>
            {f.name} <span className="muted small">({f.total})</span>
          </button>
          {(chosen === f.path || chosen.startsWith(`${f.path}/`)) && (
            <Branch node={f} chosen={chosen} onChoose={onChoose} />
          )}
        </li>
      ))}
    </ul>
  );
}

export function FolderTree({ tree, chosen, onChoose }: Choice & { tree: FolderNode }) {
  if (tree.folders.length === 0) return null;
  return (
    <nav className="card folder-tree" aria-label="Folders" data-testid="folder-tree">
      <button
        type="button"
        className="link-button"
        aria-current={chosen === "" ? "true" : undefined}
        onClick={() => onChoose("")}
      >
        All prompts <span className="muted small">({tree.total})</span>
      </button>
      <Branch node={tree} chosen={chosen} onChoose={onChoose} />
    </nav>
  );
}
