import { describe, expect, it } from 'vitest';
import { chartData, isChartable, seriesSpec } from './chart';
import { buildReport, goalRows, goalTable, seriesTable } from './markdown';
import type { SectionResults, Series } from './results';

const fig = (throughput: number, p50: number, p99: number) => ({ throughput, p50, p99 });

const orders: Series = {
  id: 'orders-create',
  title: 'POST /v1/orders',
  xLabel: 'concurrency',
  unit: 'req/s',
  points: [
    { x: 64, prood: fig(232, 200, 410), raw: fig(1087, 50, 90), check: 'ok', checkOk: true },
    { x: 1, prood: fig(93, 10.5, 14), raw: fig(396, 2.5, 3.1), check: 'ok', checkOk: true },
    { x: 16, prood: fig(240, 60, 120), raw: null, check: '3 failed', checkOk: false },
  ],
};

const sections: SectionResults[] = [
  {
    section: 'growth',
    series: [],
    goals: [{ id: 'growth: orders list', goal: 'p99 ≤ 1.2×', measured: '1.1×', met: true }],
  },
  {
    section: 'webhooks',
    series: [],
    goals: [{ id: 'B1', goal: '≥ 0.5× raw | p99 < 50 ms', measured: '0.14×', met: false }],
  },
  { section: 'api', series: [orders], goals: [] },
];

describe('goal table', () => {
  it('lists goals in report order (webhooks before api before growth), marks met and unmet', () => {
    const rows = goalRows(sections);
    expect(rows.map((r) => [r.section, r.id, r.met])).toEqual([
      ['webhooks', 'B1', false],
      ['growth', 'growth: orders list', true],
    ]);
    const md = goalTable(rows).split('\n');
    expect(md[0]).toBe('| id | goal | measured | met |');
    // a pipe inside a goal must not split the cell
    expect(md[2]).toBe('| B1 | ≥ 0.5× raw \\| p99 < 50 ms | 0.14× | ✗ |');
    expect(md[3]).toBe('| growth: orders list | p99 ≤ 1.2× | 1.1× | ✓ |');
    expect(md.at(-1)).toBe('1 of 2 goals met.');
  });

  it('says so when no bench judged a goal', () => {
    expect(goalTable([])).toMatch(/No bench/);
  });
});

describe('series table', () => {
  it('sorts by x and gives prood ÷ raw, with – where there is no raw floor', () => {
    const lines = seriesTable(orders).split('\n');
    expect(lines[0]).toContain('| concurrency | req/s | p50 ms | p99 ms | raw req/s |');
    expect(lines[2]).toBe('| 1 | 93.0 | 10.5 | 14.0 | 396 | 2.50 | 3.10 | 0.23× | ok |');
    expect(lines[3]).toContain('| 16 | 240 | 60.0 | 120 | – | – | – | – | ✗ 3 failed |');
    expect(lines[4]).toContain('| 0.21× |');
  });
});

describe('chart spec', () => {
  it('has a throughput and a p99 panel, prood and raw as two colours, log x at the measured values', () => {
    const spec = seriesSpec(orders) as unknown as {
      hconcat: Array<{
        encoding: Record<string, { field: string; scale?: unknown; axis?: { values: number[] } }>;
      }>;
      data: { values: unknown[] };
    };
    expect(spec.hconcat.map((p) => p.encoding.y?.field)).toEqual(['throughput', 'p99']);
    expect(spec.hconcat[0]?.encoding.color?.field).toBe('side');
    expect(spec.hconcat[0]?.encoding.x?.scale).toMatchObject({ type: 'log' });
    expect(spec.hconcat[0]?.encoding.x?.axis?.values).toEqual([1, 16, 64]);
    // three prood points and two raw ones (c=16 has no raw floor)
    expect(spec.data.values).toHaveLength(5);
  });

  it('keeps a linear x when the values are close together, and drops unmeasured figures', () => {
    const narrow: Series = {
      ...orders,
      points: [
        {
          x: 2,
          prood: fig(10, 1, 2),
          raw: fig(Number.NaN, Number.NaN, Number.NaN),
          check: 'ok',
          checkOk: true,
        },
        { x: 4, prood: fig(12, 1, 2), raw: null, check: 'ok', checkOk: true },
      ],
    };
    const spec = seriesSpec(narrow) as unknown as {
      hconcat: Array<{ encoding: { x: { scale: unknown } } }>;
    };
    expect(spec.hconcat[0]?.encoding.x.scale).not.toMatchObject({ type: 'log' });
    expect(chartData(narrow).map((d) => d.side)).toEqual(['prood', 'prood']);
    const named = seriesSpec({ ...orders, rawLabel: 'raw SQL' }) as unknown as {
      hconcat: Array<{ encoding: { color: { scale: { domain: string[] } } } }>;
    };
    expect(named.hconcat[0]?.encoding.color.scale.domain).toEqual(['prood', 'raw SQL']);
    expect(chartData({ ...orders, rawLabel: 'raw SQL' }).map((d) => d.side)).toContain('raw SQL');
  });

  it('draws a chart only where there is a line to draw', () => {
    expect(isChartable(orders)).toBe(true);
    expect(isChartable({ ...orders, points: orders.points.slice(0, 1) })).toBe(false);
  });
});

describe('report', () => {
  it('opens with the goal table, then each section with its markdown and its charts', () => {
    const report = buildReport({
      sections,
      markdown: new Map([['api', 'the api table']]),
      hasChart: (path) => path === 'charts/api-orders-create.png',
      stamp: '_now_',
    });
    const goals = report.indexOf('## Goals');
    const webhooks = report.indexOf('## webhooks');
    const api = report.indexOf('## api');
    expect(goals).toBeGreaterThan(0);
    expect(goals).toBeLessThan(webhooks);
    expect(webhooks).toBeLessThan(api);
    expect(report).toContain('the api table\n\n![POST /v1/orders](charts/api-orders-create.png)');
    // a section with figures and no markdown of its own shows its series tables
    expect(report).not.toContain('charts/webhooks');
  });
});
