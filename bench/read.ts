// `npm run bench:read`: read-side latencies on PGlite at the sizes the issues name —
// timeline and contact search over 1 000 000 activities / 50 000 contacts, tasks at
// 100 000, engagement of a 300 000-activity campaign — and the browser figure of a
// filter click on a 10 000-item timeline (needs a production build).
import fs from "node:fs";
import path from "node:path";
import { benchBrowserTimeline } from "./browser-timeline";
import { printTable, writeReport, type Figure } from "./figures";
import { benchReadEngagement } from "./read-engagement";
import { benchReadTasks } from "./read-tasks";
import { benchReadTimeline } from "./read-timeline";

export async function benchRead(): Promise<Figure[]> {
  const log = (line: string) => console.log(`  ${line}`);
  const figures: Figure[] = [];
  figures.push(...(await benchReadTimeline({ log })));
  figures.push(...(await benchReadTasks({ log })));
  figures.push(...(await benchReadEngagement({ log })));
  const dist = process.env.NEXT_DIST_DIR || ".next";
  if (fs.existsSync(path.join(dist, "BUILD_ID"))) figures.push(...(await benchBrowserTimeline({ log })));
  else figures.push({ name: "browser timeline figures", value: NaN, unit: "", note: "skipped: no production build (run npm run build first)" });
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const figures = await benchRead();
  printTable("bench:read", figures);
  console.log(`report: ${writeReport("read", figures)}`);
  process.exit(0);
}
