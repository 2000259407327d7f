export { BENCH_RESULTS_DIR, CHARTS_DIR } from './paths';
export { machine, readBenchResults, writeReport, writeReportSection } from './report';
export type { Figure, GoalResult, Point, SectionResults, Series } from './results';
export { writeResults } from './results';
