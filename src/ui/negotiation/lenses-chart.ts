/**
 * The two lenses as one chart (DESIGN §4, VISUAL "one picture per idea"): for each year of the
 * deal, two bars side by side, the city's and the partner's. A bar's outline is that year's money;
 * its filled part is what that money is worth today to that side, so discounting shows as the fill
 * shrinking inside the outline, faster for a mayor who looks to the next election. The city is
 * blue and solid, the partner vermillion, hatched and dashed: shape and pattern, not colour alone.
 * Dashed markers show where the contract ends and when the next election falls.
 * Hand-written SVG, drawn at the pixel size of its box so that its text stays at its true size.
 */
import { svg } from '../dom';
import { t } from '../../i18n';
import type { TwoLenses } from '../../sim';
import { niceTicks } from '../ticks';
import { num, signedEur } from '../words/numbers';

function text(x: number, y: number, content: string, attrs: Record<string, string | number> = {}): SVGTextElement {
  const el = svg('text', { x, y, ...attrs });
  el.textContent = content;
  return el;
}

/** The hatch of the partner's bars, defined once per chart (ids are per chart: several may share a page). */
function defs(id: string): SVGDefsElement {
  const d = svg('defs', {});
  const pattern = svg('pattern', { id: `${id}-hatch`, width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' });
  pattern.append(svg('rect', { width: 6, height: 6, class: 'neg-hatch-bg' }), svg('line', { x1: 0, y1: 0, x2: 0, y2: 6, class: 'neg-hatch-line' }));
  d.append(pattern);
  return d;
}

let chartCount = 0;

export interface LensesChartInput {
  lenses: TwoLenses;
  /** Years from now to the next election (null: none ahead). */
  electionInYears: number | null;
  width: number;
  height: number;
  /** The font size of the chart's text, px (the margins and label rows follow it). */
  fontPx: number;
  /** The accessible summary of the whole chart. */
  description: string;
}

/** Millions with the locale's separator, for the axis ("−5", "2,5"). */
function axisLabel(eur: number): string {
  return num(eur / 1e6, 2).replace('-', '\u2212');
}

/** Draws the chart as an SVG element of the given pixel size. */
export function lensesChart(input: LensesChartInput): SVGSVGElement {
  const { lenses, width: W, height: H } = input;
  const f = input.fontPx;
  const PAD = { left: Math.round(3.8 * f), right: 14, top: Math.round(2.7 * f), bottom: Math.round(2 * f) };
  const id = `neg-lens-${++chartCount}`;
  const root = svg('svg', { width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': input.description, class: 'neg-lens-svg' });
  root.append(defs(id));

  const ys = lenses.years;
  const n = Math.max(1, ys.length);
  const values = ys.flatMap((y) => [y.cityCosts + y.cityBenefits, y.cityCostsDiscounted + y.cityBenefitsDiscounted, y.partnerNet, y.partnerNetDiscounted]);
  const ticks = niceTicks(Math.min(0, ...values), Math.max(0, ...values), 5);
  const yMin = ticks[0] ?? -1;
  const yMax = ticks[ticks.length - 1] ?? 1;
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const sx = (yearsFromNow: number) => PAD.left + (yearsFromNow / n) * plotW;
  const sy = (v: number) => PAD.top + ((yMax - v) / Math.max(1e-9, yMax - yMin)) * plotH;

  // Grid and value axis, in millions of euros.
  for (const tick of ticks) {
    const y = sy(tick);
    root.append(svg('line', { x1: PAD.left, x2: W - PAD.right, y1: y, y2: y, class: tick === 0 ? 'neg-axis' : 'neg-grid' }));
    root.append(text(PAD.left - 8, y + 0.3 * f, axisLabel(tick), { 'text-anchor': 'end', class: 'neg-tick' }));
  }
  root.append(text(8, PAD.top - 0.5 * f, t('negotiation.lenses.axis'), { class: 'neg-axis-title' }));

  // Calendar years under the slots, every 1, 2 or 5 years depending on the room.
  const every = n > 24 ? 5 : n > 12 ? 2 : 1;
  ys.forEach((y, k) => {
    if (k % every === 0) root.append(text(sx(k + 0.5), H - 0.6 * f, String(y.year), { 'text-anchor': 'middle', class: 'neg-tick' }));
  });

  // The bars: outline = the year's money, fill = its value today.
  const slot = plotW / n;
  const barW = Math.min(28, Math.max(2, slot * 0.38));
  const gap = Math.min(4, slot * 0.04);
  const bar = (x: number, v: number, cls: string) => {
    const y0 = sy(Math.max(0, v));
    const h = Math.abs(sy(v) - sy(0));
    return svg('rect', { x, y: y0, width: barW, height: Math.max(h, v === 0 ? 0 : 1), class: cls });
  };
  ys.forEach((y, k) => {
    const x0 = sx(k) + slot / 2 - barW - gap / 2;
    const x1 = x0 + barW + gap;
    const city = y.cityCosts + y.cityBenefits;
    const cityToday = y.cityCostsDiscounted + y.cityBenefitsDiscounted;
    const g = svg('g', { class: 'neg-year' });
    g.append(bar(x0, cityToday, 'neg-bar-city-today'), bar(x0, city, 'neg-bar-city'));
    const fill = bar(x1, y.partnerNetDiscounted, 'neg-bar-partner-today');
    fill.setAttribute('fill', `url(#${id}-hatch)`);
    g.append(fill, bar(x1, y.partnerNet, 'neg-bar-partner'));
    // A transparent hit area over the whole slot carries the year's tooltip.
    const hit = svg('rect', { x: sx(k), y: PAD.top, width: slot, height: plotH, class: 'neg-hit' });
    const title = svg('title', {});
    title.textContent = t('negotiation.lenses.barTip', { year: y.year, city: signedEur(city), cityToday: signedEur(cityToday), partner: signedEur(y.partnerNet), partnerToday: signedEur(y.partnerNetDiscounted) });
    hit.append(title);
    g.append(hit);
    root.append(g);
  });

  // Markers: where the contract ends, when the next election falls, labelled above the plot
  // (on two rows when the labels would collide).
  const markers: { at: number; label: string; cls: string }[] = [];
  if (lenses.contractEndYears > 0 && lenses.contractEndYears <= n) markers.push({ at: lenses.contractEndYears, label: t('negotiation.lenses.contractEnd'), cls: 'neg-mark-contract' });
  if (input.electionInYears !== null && input.electionInYears <= n) markers.push({ at: input.electionInYears, label: t('negotiation.lenses.election'), cls: 'neg-mark-election' });
  markers.sort((a, b) => a.at - b.at);
  let lastLabelEnd = -Infinity;
  let row = 0;
  for (const m of markers) {
    const x = sx(m.at);
    const approxWidth = m.label.length * 0.56 * f + 12;
    const anchorEnd = x + approxWidth > W - PAD.right;
    const start = anchorEnd ? x - approxWidth : x;
    row = start < lastLabelEnd ? row + 1 : 0;
    lastLabelEnd = start + approxWidth;
    const baseline = PAD.top - 1.6 * f + row * 1.2 * f;
    root.append(svg('line', { x1: x, x2: x, y1: baseline - f, y2: PAD.top + plotH, class: `neg-mark ${m.cls}` }));
    root.append(text(anchorEnd ? x - 6 : x + 6, baseline, m.label, { 'text-anchor': anchorEnd ? 'end' : 'start', class: `neg-mark-label ${m.cls}` }));
  }
  return root;
}
