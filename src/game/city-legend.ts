/**
 * The city view's legend and tooltip, as small DOM elements inside the view's mount (crisp text
 * at any size, read by screen readers, styled by `city-view.css`).
 *
 * The legend names the overlay, shows its colour scale with its unit, and keys the project
 * badges: a blue circle for the city's own projects, a vermillion rounded square for the
 * partner's, dashed for a pilot, a partial ring for works in progress. The tooltip follows the
 * pointer over a district (its name and overlay value) or a badge (the project, its stage, who
 * built it).
 */
import { t } from '../i18n';
import { SIDE_COLOURS } from './palette';
import type { Box } from './city-layout';
import type { OverlayScale } from './overlay-scale';

const SVG_NS = 'http://www.w3.org/2000/svg';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

type KeyShape = 'city' | 'partner' | 'pilot' | 'building';

/** A 20-px drawing of a badge for the legend's key. */
function keySymbol(shape: KeyShape): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 20 20');
  svg.setAttribute('width', '20');
  svg.setAttribute('height', '20');
  svg.setAttribute('aria-hidden', 'true');
  const outline = shape === 'partner' ? document.createElementNS(SVG_NS, 'rect') : document.createElementNS(SVG_NS, 'circle');
  if (shape === 'partner') {
    outline.setAttribute('x', '2.5');
    outline.setAttribute('y', '2.5');
    outline.setAttribute('width', '15');
    outline.setAttribute('height', '15');
    outline.setAttribute('rx', '3.5');
  } else {
    outline.setAttribute('cx', '10');
    outline.setAttribute('cy', '10');
    outline.setAttribute('r', shape === 'pilot' ? '6.5' : '7.5');
  }
  outline.setAttribute('fill', '#ffffff');
  outline.setAttribute('stroke', shape === 'partner' ? SIDE_COLOURS.partner : SIDE_COLOURS.city);
  outline.setAttribute('stroke-width', '2.5');
  if (shape === 'pilot') outline.setAttribute('stroke-dasharray', '3 2.5');
  if (shape === 'building') {
    // A quarter of the ring drawn: works a quarter done.
    outline.setAttribute('stroke-opacity', '0.3');
    const done = document.createElementNS(SVG_NS, 'path');
    done.setAttribute('d', 'M10 2.5 A7.5 7.5 0 0 1 17.5 10');
    done.setAttribute('fill', 'none');
    done.setAttribute('stroke', SIDE_COLOURS.city);
    done.setAttribute('stroke-width', '2.5');
    svg.append(outline, done);
    return svg;
  }
  svg.append(outline);
  return svg;
}

export interface LegendContent {
  scale: OverlayScale;
  /** Upper bound of the colour scale (energy's depends on the territory). */
  max: number;
}

/** One line of the tooltip; `strong` for its title. */
export interface TipLine {
  text: string;
  strong?: boolean;
}

export class CityLegend {
  private readonly legend: HTMLElement;
  private readonly tip: HTMLElement;
  /** What the legend shows now, to rebuild it only when that changes. */
  private shown = '';
  /** Where it was last measured (undefined: to measure again). */
  private measured: Box | null | undefined;

  constructor(private readonly parent: HTMLElement) {
    if (getComputedStyle(parent).position === 'static') parent.style.position = 'relative';
    this.legend = el('div', 'hz-city-legend');
    this.legend.hidden = true;
    this.tip = el('div', 'hz-city-tip');
    this.tip.setAttribute('role', 'tooltip');
    this.tip.hidden = true;
    parent.append(this.legend, this.tip);
  }

  /** Shows the overlay's scale and the badges' key; `null` hides the legend (the menu's backdrop). */
  show(content: LegendContent | null, lang: string): void {
    const key = content ? `${content.scale.overlay}|${content.max}|${lang}` : '';
    if (key === this.shown) return;
    this.shown = key;
    this.measured = undefined;
    if (!content) {
      this.legend.hidden = true;
      return;
    }
    const { scale, max } = content;
    const title = el('p', 'hz-city-legend__title', t(scale.legendTitle));
    const bar = el('div', 'hz-city-legend__bar');
    bar.style.background = scale.gradient();
    const ticks = el('div', 'hz-city-legend__ticks');
    for (const v of scale.ticks(max)) ticks.append(el('span', '', scale.tick(v)));
    const parts: HTMLElement[] = [title, bar, ticks];
    if (scale.overlay === 'vote') {
      const ends = el('div', 'hz-city-legend__ticks');
      ends.append(el('span', '', t('city.legend.voteAgainst')), el('span', '', t('city.legend.voteFor')));
      parts.push(ends, el('p', 'hz-city-legend__note', t('city.legend.hatched')));
    }
    const keys = el('ul', 'hz-city-legend__keys');
    keys.setAttribute('aria-label', t('city.legend.projects'));
    const entries: [KeyShape, string][] = [
      ['city', t('city.legend.city')],
      ['partner', t('city.legend.partner')],
      ['pilot', t('city.legend.pilot')],
      ['building', t('city.legend.building')],
    ];
    for (const [shape, text] of entries) {
      const item = el('li', '');
      item.append(keySymbol(shape), el('span', '', text));
      keys.append(item);
    }
    // The scale and the key side by side where the map leaves the room (city-view.css wraps them
    // otherwise): a low legend leaves the map more height.
    const scaleBox = el('div', 'hz-city-legend__scale');
    scaleBox.append(...parts);
    this.legend.replaceChildren(scaleBox, keys);
    this.legend.hidden = false;
  }

  /**
   * Lays the scale and the key side by side when the map's free width (`room`, px) holds them in a
   * row with room to spare, else one above the other; true when that changed (measure again).
   */
  fitRoom(room: number): boolean {
    const em = Number.parseFloat(getComputedStyle(this.legend).fontSize) || 18;
    const row = room >= 31 * em;
    if (row === this.legend.classList.contains('hz-city-legend--row')) return false;
    this.legend.classList.toggle('hz-city-legend--row', row);
    this.measured = undefined;
    return true;
  }

  /** Where the legend is, in the mount's pixels, or null when hidden; measured again after a change or when `fresh`. */
  box(fresh: boolean): Box | null {
    if (this.measured !== undefined && !fresh) return this.measured;
    if (this.legend.hidden) {
      this.measured = null;
      return null;
    }
    const outer = this.parent.getBoundingClientRect();
    const r = this.legend.getBoundingClientRect();
    this.measured = { x0: r.left - outer.left, y0: r.top - outer.top, x1: r.right - outer.left, y1: r.bottom - outer.top };
    return this.measured;
  }

  /** Shows the tooltip near (x, y), in the mount's pixels. */
  showTip(x: number, y: number, lines: readonly TipLine[]): void {
    this.tip.replaceChildren(...lines.map((l) => el(l.strong ? 'strong' : 'span', '', l.text)));
    this.tip.hidden = false;
    const width = this.parent.clientWidth;
    const height = this.parent.clientHeight;
    const box = this.tip.getBoundingClientRect();
    const left = x + 16 + box.width > width ? x - 16 - box.width : x + 16;
    const top = y + 16 + box.height > height ? y - 16 - box.height : y + 16;
    this.tip.style.left = `${Math.max(0, left)}px`;
    this.tip.style.top = `${Math.max(0, top)}px`;
  }

  get tipShown(): boolean {
    return !this.tip.hidden;
  }

  hideTip(): void {
    this.tip.hidden = true;
  }

  destroy(): void {
    this.legend.remove();
    this.tip.remove();
  }
}
