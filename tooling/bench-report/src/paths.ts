import { resolve } from 'node:path';

/** `bench-results/` at the repository root, where `pnpm bench` leaves its figures. */
export const BENCH_RESULTS_DIR = resolve(import.meta.dirname, '../../../bench-results');

/** Where the report step draws its PNG charts, one per series. */
export const CHARTS_DIR = resolve(BENCH_RESULTS_DIR, 'charts');
