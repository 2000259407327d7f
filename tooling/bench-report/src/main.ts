/**
 * The report step of `pnpm bench` (also `pnpm bench:report` alone, on what bench-results/
 * holds): one PNG per series in bench-results/charts/, then bench-results/report.md, and the goal
 * table and every series table on stdout. `tsx src/main.ts clear` empties bench-results/ first.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isChartable, renderPng, seriesSpec } from './chart';
import {
  chartPath,
  goalRows,
  goalTable,
  orderSections,
  seriesCaption,
  seriesTable,
} from './markdown';
import { BENCH_RESULTS_DIR, CHARTS_DIR } from './paths';
import { readBenchResults, writeReport } from './report';

/** What the benches and this step leave in bench-results/, removed before a full `pnpm bench`. */
function clear(): void {
  if (!existsSync(BENCH_RESULTS_DIR)) return;
  for (const file of readdirSync(BENCH_RESULTS_DIR)) {
    if (/\.(json|md)$/.test(file)) rmSync(join(BENCH_RESULTS_DIR, file));
  }
  rmSync(CHARTS_DIR, { recursive: true, force: true });
}

async function main(): Promise<number> {
  // `clear`: start `pnpm bench` from nothing, so the report never mixes in an earlier run's figures
  if (process.argv[2] === 'clear') {
    clear();
    return 0;
  }
  const { sections } = readBenchResults();
  if (sections.length === 0) {
    console.error(`no bench results in ${BENCH_RESULTS_DIR}: run a bench first`);
    return 1;
  }
  mkdirSync(CHARTS_DIR, { recursive: true });
  const byName = new Map(sections.map((s) => [s.section, s]));
  const out: string[] = [];
  for (const name of orderSections(byName.keys())) {
    const section = byName.get(name);
    if (!section) continue;
    for (const series of section.series) {
      const path = chartPath(name, series);
      const chartable = isChartable(series);
      if (chartable) {
        writeFileSync(join(BENCH_RESULTS_DIR, path), await renderPng(seriesSpec(series)));
      } else {
        // a chart left by an earlier run with more points would be linked as if it were this one's
        rmSync(join(BENCH_RESULTS_DIR, path), { force: true });
      }
      const where = chartable ? `chart: bench-results/${path}` : 'one x value: table only';
      out.push(`${name} — ${seriesCaption(series)} (${where})\n\n${seriesTable(series)}`);
    }
  }
  writeReport();
  console.log(`Goals\n\n${goalTable(goalRows(sections))}\n`);
  console.log(out.join('\n\n'));
  console.log(`\nreport: ${join(BENCH_RESULTS_DIR, 'report.md')}`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
