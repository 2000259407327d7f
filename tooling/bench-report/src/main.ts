/**
 * The report step of `pnpm bench` (also `pnpm bench:report` alone, on what bench-results/
 * holds): one PNG per series in bench-results/charts/, then bench-results/report.md, and the goal
 * table and every series table on stdout.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderPng, seriesSpec } from './chart';
import { chartPath, goalRows, goalTable, orderSections, seriesTable } from './markdown';
import { BENCH_RESULTS_DIR, CHARTS_DIR } from './paths';
import { readBenchResults, writeReport } from './report';

async function main(): Promise<number> {
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
      if (series.points.length > 0) {
        writeFileSync(join(BENCH_RESULTS_DIR, path), await renderPng(seriesSpec(series)));
      }
      out.push(
        `${name} — ${series.title} (chart: bench-results/${path})\n\n${seriesTable(series)}`,
      );
    }
  }
  writeReport();
  console.log(`Goals (issue 13)\n\n${goalTable(goalRows(sections))}\n`);
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
