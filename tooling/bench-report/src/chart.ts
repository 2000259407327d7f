import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { Series } from './results';

/** One row of a chart's data: one side of one point. */
export interface ChartDatum {
  x: number;
  /** `prood`, or the series' raw label. */
  side: string;
  throughput: number;
  p99: number;
  checkOk: boolean;
}

/** The raw side's name in the legend. */
export function rawLabelOf(series: Series): string {
  return series.rawLabel ?? 'raw';
}

/** The points of a series flattened for vega-lite; figures that are not finite are left out. */
export function chartData(series: Series): ChartDatum[] {
  return series.points.flatMap((p) => {
    const rows: ChartDatum[] = [
      { x: p.x, side: 'prood', ...p.prood, checkOk: p.checkOk },
      ...(p.raw ? [{ x: p.x, side: rawLabelOf(series), ...p.raw, checkOk: p.checkOk }] : []),
    ];
    return rows
      .filter((r) => Number.isFinite(r.throughput) || Number.isFinite(r.p99))
      .map(({ x, side, throughput, p99, checkOk }) => ({ x, side, throughput, p99, checkOk }));
  });
}

/** A chart needs a line: two or more measured x values. A single point is left to the table. */
export function isChartable(series: Series): boolean {
  return new Set(series.points.map((p) => p.x)).size >= 2;
}

const FONT = 'Inter';

/**
 * A vega-lite spec with two panels side by side, throughput against x and p99 against x, prood
 * and raw as two coloured lines. x is on a log scale when it spans a factor of 8 or more (1, 16,
 * 64 in-flight requests; 10k and 1M rows), with ticks at the measured values only.
 */
export function seriesSpec(series: Series): TopLevelSpec {
  const data = chartData(series);
  const xs = [...new Set(series.points.map((p) => p.x))].sort((a, b) => a - b);
  const min = xs[0] ?? 1;
  const max = xs.at(-1) ?? 1;
  const log = min > 0 && max / min >= 8;
  const x = {
    field: 'x',
    type: 'quantitative' as const,
    title: series.xLabel,
    scale: log ? { type: 'log' as const, base: 2, nice: false } : { zero: false, nice: false },
    axis: { values: xs, format: xs.every((v) => v >= 10_000) ? '~s' : 'd' },
  };
  const color = {
    field: 'side',
    type: 'nominal' as const,
    title: null,
    scale: { domain: ['prood', rawLabelOf(series)], range: ['#d6452c', '#4c78a8'] },
  };
  const panel = (field: 'throughput' | 'p99', title: string, unit: string) => ({
    title,
    width: 340,
    height: 220,
    transform: [{ filter: `isFinite(datum.${field})` }],
    mark: { type: 'line' as const, point: { filled: true, size: 60 }, strokeWidth: 2.5 },
    encoding: {
      x,
      y: { field, type: 'quantitative' as const, title: unit, scale: { zero: true } },
      color,
    },
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: series.title, subtitle: `prood beside its raw floor, same run` },
    data: { values: data },
    hconcat: [
      // a memory series carries RSS where a load series carries throughput
      panel(
        'throughput',
        series.unit === 'MiB' ? 'resident memory (RSS)' : 'throughput',
        series.unit,
      ),
      panel('p99', 'p99 latency', 'ms'),
    ],
    resolve: { scale: { color: 'shared' } },
    config: {
      font: FONT,
      background: 'white',
      padding: 16,
      title: { fontSize: 15, subtitleFontSize: 11, anchor: 'start' },
      axis: { labelFontSize: 11, titleFontSize: 12 },
      legend: { labelFontSize: 12, orient: 'top' },
    },
  };
}

const fonts = createRequire(import.meta.url);
/** Inter from an npm package, so labels render on a machine with no system fonts too. */
const FONT_FILES = [
  fonts.resolve('@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf'),
  fonts.resolve('@expo-google-fonts/inter/600SemiBold/Inter_600SemiBold.ttf'),
  fonts.resolve('@expo-google-fonts/inter/700Bold/Inter_700Bold.ttf'),
];

/** Renders a vega-lite spec to SVG (vega, no browser) and then to PNG at twice its size (resvg). */
export async function renderPng(spec: TopLevelSpec): Promise<Buffer> {
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  const png = new Resvg(svg, {
    background: 'white',
    fitTo: { mode: 'zoom', value: 2 },
    font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: FONT },
  }).render();
  return png.asPng();
}
