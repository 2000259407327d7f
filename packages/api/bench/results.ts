// Moved to @prood/bench-report, which benches in every package share; kept so imports of
// './results' keep working.
export type { Figure, GoalResult, Point, SectionResults, Series } from '@prood/bench-report';
export { writeResults } from '@prood/bench-report';
