// Refits the overall score's weights on the dev corpus and rewrites
// src/features/analysis/engine/score-weights.ts (see src/features/analysis/calibration/calibrate.ts).
// Run: npm run analysis:calibrate
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { calibrate } from "../src/features/analysis/calibration/calibrate.js";
import { corpusDir, loadCorpus } from "../src/features/analysis/calibration/corpus.js";

const dir = corpusDir();
const c = calibrate(loadCorpus(dir));
writeFileSync(join(dir, "../../../../src/features/analysis/engine/score-weights.ts"), c.file);
console.log(
  `fitted on ${c.pairs} dev pairs: cross-validated accuracy ${(c.cvAccuracy * 100).toFixed(1)}%, offset ${c.offset}, scale ${c.scale}`,
);
const held = Object.entries(c.heldOutFiles.byGroup)
  .map(([file, g]) => `${file} ${g.correct}/${g.pairs}`)
  .join(", ");
console.log(
  `held out by file (fitted on the other dev files): ${(c.heldOutFiles.accuracy * 100).toFixed(1)}% (${held})`,
);
