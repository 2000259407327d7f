import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_RESULTS_DIR } from './paths';

/** One side of a measurement: prood's path or its raw floor, at one concurrency or size. */
export interface Figure {
  /** Requests, events or operations per second. */
  throughput: number;
  /** Milliseconds. */
  p50: number;
  p99: number;
}

/** One point of a series: prood beside its raw floor from the same run, and its correctness check. */
export interface Point {
  /** What varies along the series: in-flight requests, or a data size for growth rows. */
  x: number;
  prood: Figure;
  /** Null where the row has no raw floor (growth rows compare small with large instead). */
  raw: Figure | null;
  /** What the correctness check saw, in words: `ok: 600 events stored once, 600 paid once`. */
  check: string;
  checkOk: boolean;
}

/** One path measured at several concurrencies (or sizes): one chart. */
export interface Series {
  /** Stable id, used for the chart's file name: `orders-create`. */
  id: string;
  /** What a reader sees: `POST /v1/orders`. */
  title: string;
  /** `concurrency` for load rows; `stored events`, `orders in the tenant`, `tenants` for growth. */
  xLabel: string;
  unit: 'req/s' | 'events/s' | 'ops/s' | 'MiB';
  /** What the raw side is, for the chart's legend: `raw SQL (postgres.js)`; `raw` if absent. */
  rawLabel?: string;
  points: Point[];
}

/** An issue-13 goal row and whether this run met it. */
export interface GoalResult {
  /** `B1`, `B5 c=64`, `growth: orders list`. */
  id: string;
  goal: string;
  measured: string;
  met: boolean;
}

/** What one bench script measured; `bench-results/{section}.json`. */
export interface SectionResults {
  section: string;
  series: Series[];
  goals: GoalResult[];
  /** Extra figures that are not a series (RSS samples, plan buffers): name → value in words. */
  notes?: Record<string, string>;
}

/**
 * Writes one bench's structured figures to `bench-results/{section}.json`, beside the markdown
 * `writeReportSection` writes; the report step draws its charts and goal table from these.
 *
 * @example
 * writeResults({ section: 'webhooks', series: [...], goals: [{ id: 'B1', goal: '≥ 0.5× raw, p99 < 50 ms', measured: '0.31×, p99 62 ms', met: false }] });
 */
export function writeResults(results: SectionResults): void {
  mkdirSync(BENCH_RESULTS_DIR, { recursive: true });
  writeFileSync(
    join(BENCH_RESULTS_DIR, `${results.section}.json`),
    `${JSON.stringify({ ...results, writtenAt: new Date().toISOString() }, null, 2)}\n`,
  );
}
