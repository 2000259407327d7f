import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';

/** `bench-results/` at the repository root, where `pnpm bench` leaves its figures. */
export const BENCH_RESULTS_DIR = resolve(import.meta.dirname, '../../../bench-results');

/** The order sections appear in `report.md`; a section not listed goes last. */
const ORDER = ['webhooks', 'api', 'events', 'sessions'];

function machine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `${availableParallelism()} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}`;
}

/**
 * Writes one benchmark's markdown to `bench-results/{name}.md` and rebuilds
 * `bench-results/report.md` from every section present, so each `pnpm bench` step leaves a
 * complete report even when a later one fails.
 *
 * @example
 * writeReportSection('webhooks', '| path | events/s | … |');
 */
export function writeReportSection(name: string, markdown: string): void {
  mkdirSync(BENCH_RESULTS_DIR, { recursive: true });
  const stamp = `_${new Date().toISOString()} — ${machine()}_`;
  writeFileSync(join(BENCH_RESULTS_DIR, `${name}.md`), `${stamp}\n\n${markdown.trim()}\n`);
  const sections = readdirSync(BENCH_RESULTS_DIR)
    .filter((file) => file.endsWith('.md') && file !== 'report.md')
    .map((file) => file.slice(0, -3))
    .sort((a, b) => {
      const rank = (s: string) => (ORDER.includes(s) ? ORDER.indexOf(s) : ORDER.length);
      return rank(a) - rank(b) || a.localeCompare(b);
    });
  const body = sections
    .map((s) => `## ${s}\n\n${readFileSync(join(BENCH_RESULTS_DIR, `${s}.md`), 'utf8').trim()}`)
    .join('\n\n');
  writeFileSync(
    join(BENCH_RESULTS_DIR, 'report.md'),
    `# prood benchmarks\n\nWritten by \`pnpm bench\`; every figure sits beside its raw floor from the same run.\n\n${body}\n`,
  );
}
