/**
 * A small inline SVG line chart for yearly series: no library, no canvas, sharp on a projector.
 * Each series has a colour *and* a marker shape and dash, so that no meaning rests on colour alone.
 */
import { h, svg } from './dom';

export interface ChartSeries {
  label: string;
  color: string;
  values: number[];
  marker: 'circle' | 'square';
  dashed?: boolean;
}

export interface LineChartOptions {
  title: string;
  years: number[];
  series: ChartSeries[];
  formatTick: (value: number) => string;
  /** Accessible description of the whole chart. */
  description: string;
}

const W = 400;
const H = 250;
const PAD = { left: 64, right: 16, top: 14, bottom: 34 };

/** Round tick values (1, 2, 2.5, 5 × 10^k) covering [min, max]. */
export function niceTicks(min: number, max: number, count = 4): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0];
  if (min === max) {
    const pad = min === 0 ? 1 : Math.abs(min) * 0.1;
    min -= pad;
    max += pad;
  }
  const raw = (max - min) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  const first = Math.floor(min / step);
  const last = Math.ceil(max / step - 1e-9);
  const ticks: number[] = [];
  for (let i = first; i <= last; i++) ticks.push(i === 0 ? 0 : i * step);
  return ticks;
}

/** Builds the chart as a <figure> with a legend above the plot. */
export function lineChart(opts: LineChartOptions): HTMLElement {
  const figure = h('figure', { class: 'chart' }, h('figcaption', { class: 'chart-title' }, opts.title));

  if (opts.series.length > 1) {
    const legend = h('ul', { class: 'chart-legend' });
    for (const s of opts.series) {
      const key = svg('svg', { width: 36, height: 14, viewBox: '0 0 36 14', 'aria-hidden': 'true' });
      key.append(svg('line', { x1: 2, y1: 7, x2: 34, y2: 7, stroke: s.color, 'stroke-width': 3, 'stroke-dasharray': s.dashed ? '6 4' : 'none' }));
      key.append(markerAt(s, 18, 7));
      legend.append(h('li', {}, key, s.label));
    }
    figure.append(legend);
  }

  const all = opts.series.flatMap((s) => s.values).filter(Number.isFinite);
  const ticks = niceTicks(Math.min(0, ...all), Math.max(...all, 0));
  const yMin = ticks[0] ?? 0;
  const yMax = ticks[ticks.length - 1] ?? 1;
  const x0 = opts.years[0] ?? 0;
  const x1 = opts.years[opts.years.length - 1] ?? x0 + 1;
  const sx = (year: number) => PAD.left + ((year - x0) / Math.max(1, x1 - x0)) * (W - PAD.left - PAD.right);
  const sy = (v: number) => H - PAD.bottom - ((v - yMin) / Math.max(1e-12, yMax - yMin)) * (H - PAD.top - PAD.bottom);

  const plot = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': opts.description, class: 'chart-plot' });
  for (const tick of ticks) {
    const y = sy(tick);
    plot.append(svg('line', { x1: PAD.left, x2: W - PAD.right, y1: y, y2: y, class: tick === 0 ? 'axis' : 'grid' }));
    const label = svg('text', { x: PAD.left - 8, y: y + 5, 'text-anchor': 'end', class: 'tick' });
    label.textContent = opts.formatTick(tick);
    plot.append(label);
  }
  const span = x1 - x0;
  const stepYears = span > 20 ? 10 : span > 8 ? 5 : span > 3 ? 2 : 1;
  for (const year of opts.years) {
    if ((year - x0) % stepYears !== 0) continue;
    const label = svg('text', { x: sx(year), y: H - 10, 'text-anchor': 'middle', class: 'tick' });
    label.textContent = String(year);
    plot.append(label);
  }
  for (const s of opts.series) {
    const points = s.values.map((v, i) => `${sx(opts.years[i] ?? x0).toFixed(1)},${sy(v).toFixed(1)}`).join(' ');
    plot.append(svg('polyline', { points, fill: 'none', stroke: s.color, 'stroke-width': 3, 'stroke-linejoin': 'round', 'stroke-dasharray': s.dashed ? '7 5' : 'none' }));
    const last = s.values.length - 1;
    if (last >= 0) plot.append(markerAt(s, sx(opts.years[last] ?? x1), sy(s.values[last] ?? 0)));
  }
  figure.append(plot);
  return figure;
}

function markerAt(s: ChartSeries, x: number, y: number): SVGElement {
  return s.marker === 'circle'
    ? svg('circle', { cx: x, cy: y, r: 5, fill: s.color, stroke: '#fff', 'stroke-width': 1.5 })
    : svg('rect', { x: x - 5, y: y - 5, width: 10, height: 10, fill: s.color, stroke: '#fff', 'stroke-width': 1.5 });
}
