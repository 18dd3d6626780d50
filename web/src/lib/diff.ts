// Line diffs in the browser use the server's own diff (src/features/prompts/diff.ts), so a preview of
// an enhancement looks exactly like the version diff the API returns later.
export { diffLines } from "../../../src/features/prompts/diff.js";
