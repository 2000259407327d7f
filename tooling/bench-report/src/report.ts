import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { buildReport } from './markdown';
import { BENCH_RESULTS_DIR } from './paths';
import type { SectionResults } from './results';

/** This machine in one line, for the stamp of every section and of the report. */
export function machine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `${availableParallelism()} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}`;
}

// JSON has no NaN: a figure a bench could not measure comes back as null.
const figureValue = z
  .number()
  .nullable()
  .transform((v) => v ?? Number.NaN);
const figure = z.object({ throughput: figureValue, p50: figureValue, p99: figureValue });
const sectionSchema = z.object({
  section: z.string().min(1),
  series: z.array(
    z.object({
      id: z.string().min(1),
      title: z.string(),
      xLabel: z.string(),
      unit: z.enum(['req/s', 'events/s', 'ops/s', 'MiB']),
      rawLabel: z.string().optional(),
      points: z.array(
        z.object({
          x: z.number(),
          prood: figure,
          raw: figure.nullable(),
          check: z.string(),
          checkOk: z.boolean(),
        }),
      ),
    }),
  ),
  goals: z.array(
    z.object({ id: z.string(), goal: z.string(), measured: z.string(), met: z.boolean() }),
  ),
  notes: z.record(z.string(), z.string()).optional(),
}) satisfies z.ZodType<SectionResults, unknown>;

/** Everything the benches left in `dir`: figures by section (JSON) and their markdown. */
export function readBenchResults(dir = BENCH_RESULTS_DIR): {
  sections: SectionResults[];
  markdown: Map<string, string>;
} {
  const files = existsSync(dir) ? readdirSync(dir) : [];
  const sections = files
    .filter((f) => f.endsWith('.json'))
    .map((f) => {
      const parsed = sectionSchema.safeParse(JSON.parse(readFileSync(join(dir, f), 'utf8')));
      if (!parsed.success) {
        throw new Error(`bench-results/${f} is not a SectionResults: ${parsed.error.message}`);
      }
      return parsed.data as SectionResults;
    });
  const markdown = new Map(
    files
      .filter((f) => f.endsWith('.md') && f !== 'report.md')
      .map((f) => [f.slice(0, -3), readFileSync(join(dir, f), 'utf8')] as const),
  );
  return { sections, markdown };
}

/** Rebuilds `report.md` in `dir` from what is there, linking the charts already drawn. */
export function writeReport(dir = BENCH_RESULTS_DIR): string {
  const { sections, markdown } = readBenchResults(dir);
  const report = buildReport({
    sections,
    markdown,
    hasChart: (path) => existsSync(join(dir, path)),
    stamp: `_${new Date().toISOString()} — ${machine()}_`,
  });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'report.md'), report);
  return report;
}

/**
 * Writes one benchmark's markdown to `bench-results/{name}.md` and rebuilds
 * `bench-results/report.md` from every section present, so each `pnpm bench` step leaves a
 * complete report even when a later one fails (the charts come from the final report step).
 *
 * @example
 * writeReportSection('webhooks', '| path | events/s | … |');
 */
export function writeReportSection(name: string, markdown: string): void {
  mkdirSync(BENCH_RESULTS_DIR, { recursive: true });
  const stamp = `_${new Date().toISOString()} — ${machine()}_`;
  writeFileSync(join(BENCH_RESULTS_DIR, `${name}.md`), `${stamp}\n\n${markdown.trim()}\n`);
  writeReport();
}
