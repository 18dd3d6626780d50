// `npm run monitoring:build`: writes the dashboard that monitoring/grafana/dashboard.ts describes to the
// JSON file Grafana provisions. Commit both; a test fails when they disagree.

import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { DASHBOARD_FILE, renderDashboard } from "./dashboard.js";

const target = fileURLToPath(new URL(`../../${DASHBOARD_FILE}`, import.meta.url));
writeFileSync(target, renderDashboard());
console.log(`wrote ${DASHBOARD_FILE}`);
