import type { Figure, GoalResult, SectionResults, Series } from './results';

/** The order sections appear in the report; a section not listed goes last, by name. */
export const SECTION_ORDER = [
  'webhooks',
  'api',
  'sessions',
  'page',
  'events',
  'orders',
  'growth',
  'memory',
];

/** Section names in report order. */
export function orderSections(names: Iterable<string>): string[] {
  const rank = (s: string) => {
    const i = SECTION_ORDER.indexOf(s);
    return i === -1 ? SECTION_ORDER.length : i;
  };
  return [...new Set(names)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** A goal row as the report shows it, with the section it came from. */
export interface GoalRow extends GoalResult {
  section: string;
}

/** Every section's goal rows, sections in report order, each section's rows as it wrote them. */
export function goalRows(sections: SectionResults[]): GoalRow[] {
  const byName = new Map(sections.map((s) => [s.section, s]));
  return orderSections(byName.keys()).flatMap((name) =>
    (byName.get(name)?.goals ?? []).map((goal) => ({ section: name, ...goal })),
  );
}

/** Escapes what would break a markdown table cell. */
function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

function table(header: string[], align: Array<'l' | 'r'>, rows: string[][]): string {
  const rule = align.map((a) => (a === 'r' ? '---:' : '---'));
  return [header, rule, ...rows].map((r) => `| ${r.map(cell).join(' | ')} |`).join('\n');
}

/**
 * The goal table that opens the report: one row per issue-13 goal some bench judged.
 *
 * @example
 * goalTable([{ section: 'webhooks', id: 'B1', goal: '≥ 0.5× raw', measured: '0.31×', met: false }]);
 * // | id | goal | measured | met |  …  | B1 | ≥ 0.5× raw | 0.31× | ✗ |
 */
export function goalTable(rows: GoalRow[]): string {
  if (rows.length === 0) return '_No bench in bench-results/ judged a goal._';
  const met = rows.filter((r) => r.met).length;
  return [
    table(
      ['id', 'goal', 'measured', 'met'],
      ['l', 'l', 'l', 'l'],
      rows.map((r) => [r.id, r.goal, r.measured, r.met ? '✓' : '✗']),
    ),
    '',
    `${met} of ${rows.length} goals met.`,
  ].join('\n');
}

const fixed = (value: number, digits: number) =>
  Number.isFinite(value) ? value.toFixed(digits) : '–';

/** Throughput with no decimals where it is large, two where it is small. */
export function formatThroughput(value: number): string {
  return fixed(value, Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2);
}

/** Milliseconds with three significant-ish digits. */
export function formatMs(value: number): string {
  return fixed(value, Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2);
}

/** prood ÷ raw throughput, `0.42×`; `–` without a raw floor. */
export function throughputRatio(prood: Figure, raw: Figure | null): string {
  if (!raw || !(raw.throughput > 0) || !Number.isFinite(prood.throughput)) return '–';
  return `${(prood.throughput / raw.throughput).toFixed(2)}×`;
}

/** A series' name for the report and stdout: its title, and what its raw side is. */
export function seriesCaption(series: Series): string {
  return series.rawLabel ? `${series.title} (raw: ${series.rawLabel})` : series.title;
}

/** One series as a markdown table: each x with prood beside raw, the ratio and the check. */
export function seriesTable(series: Series): string {
  const hasRaw = series.points.some((p) => p.raw !== null);
  const header = [
    series.xLabel,
    `${series.unit}`,
    'p50 ms',
    'p99 ms',
    ...(hasRaw ? [`raw ${series.unit}`, 'raw p50 ms', 'raw p99 ms', 'prood ÷ raw'] : []),
    'check',
  ];
  const rows = [...series.points]
    .sort((a, b) => a.x - b.x)
    .map((p) => [
      p.x.toLocaleString('en'),
      formatThroughput(p.prood.throughput),
      formatMs(p.prood.p50),
      formatMs(p.prood.p99),
      ...(hasRaw
        ? [
            p.raw ? formatThroughput(p.raw.throughput) : '–',
            p.raw ? formatMs(p.raw.p50) : '–',
            p.raw ? formatMs(p.raw.p99) : '–',
            throughputRatio(p.prood, p.raw),
          ]
        : []),
      `${p.checkOk ? '' : '✗ '}${p.check}`,
    ]);
  return table(
    header,
    header.map((_, i) => (i === 0 || i === header.length - 1 ? 'l' : 'r')),
    rows,
  );
}

/** The chart file of one series, relative to bench-results/. */
export function chartPath(section: string, series: Series): string {
  return `charts/${section}-${series.id}.png`;
}

export interface ReportInput {
  /** Every bench-results/{section}.json found. */
  sections: SectionResults[];
  /** Every bench-results/{section}.md found (the markdown the bench wrote), by section. */
  markdown: Map<string, string>;
  /** Which chart paths (relative, as `chartPath` gives) exist, to link only those. */
  hasChart: (path: string) => boolean;
  /** A line under the title: when and where the report was put together. */
  stamp: string;
}

/**
 * `report.md`: the goal table first, then each section's own markdown with its charts below it.
 * A section with figures but no markdown gets its series tables instead.
 */
export function buildReport(input: ReportInput): string {
  const results = new Map(input.sections.map((s) => [s.section, s]));
  const names = orderSections([...results.keys(), ...input.markdown.keys()]);
  const parts = [
    '# prood benchmarks',
    '',
    'Written by `pnpm bench`; every figure sits beside its raw floor from the same run.',
    '',
    input.stamp,
    '',
    '## Goals',
    '',
    goalTable(goalRows(input.sections)),
  ];
  for (const name of names) {
    const section = results.get(name);
    const md = input.markdown.get(name)?.trim();
    parts.push('', `## ${name}`, '');
    if (md) parts.push(md);
    else if (section)
      parts.push(
        section.series.map((s) => `**${seriesCaption(s)}**\n\n${seriesTable(s)}`).join('\n\n'),
      );
    const charts = (section?.series ?? [])
      .map((s) => ({ title: s.title, path: chartPath(name, s) }))
      .filter((c) => input.hasChart(c.path));
    if (charts.length > 0) {
      parts.push('', ...charts.map((c) => `![${c.title.replaceAll(']', '\\]')}](${c.path})`));
    }
    const notes = Object.entries(section?.notes ?? {});
    if (notes.length > 0) parts.push('', ...notes.map(([k, v]) => `- ${k}: ${v}`));
  }
  return `${parts.join('\n')}\n`;
}
