// Moved to @prood/bench-report, which benches in every package share; kept so imports of
// './report' keep working.
export { BENCH_RESULTS_DIR, writeReportSection } from '@prood/bench-report';
