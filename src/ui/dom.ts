/**
 * The one set of DOM builders of the interface (screens, negotiation table, charts): an element
 * factory `h`, its SVG twin `svg`, buttons with an icon and a test id, figures that carry a
 * tooltip, and the status line that shows an action's answer next to the control that sent it.
 * No framework: each screen builds its DOM from the store's state, and the app rebuilds it when
 * that state moves.
 */
import type { ActionResult, Scenario } from '../sim';
import { refusalText } from './words/names';
import { icon, type IconName } from './icons';
import { describeFigure } from './tooltip';

export type Child = Node | string | null | undefined | false;

export interface Props {
  class?: string;
  /** `data-testid`, also used as the focus key that survives a rebuild. */
  testid?: string;
  /** A focus key for elements without a test id (see app.ts, focus restoration). */
  focus?: string;
  /** The native tooltip (`title`). */
  title?: string;
  attrs?: Record<string, string>;
  on?: { [K in keyof HTMLElementEventMap]?: (e: HTMLElementEventMap[K]) => void };
}

/** Creates an element with its properties and children (strings become text nodes). */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props.class) el.className = props.class;
  if (props.testid) {
    el.dataset.testid = props.testid;
    el.dataset.focus = props.testid;
  }
  if (props.focus) el.dataset.focus = props.focus;
  if (props.title) el.title = props.title;
  for (const [name, value] of Object.entries(props.attrs ?? {})) el.setAttribute(name, value);
  for (const [type, listener] of Object.entries(props.on ?? {})) el.addEventListener(type, listener as EventListener);
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Creates an SVG element with its attributes (the charts draw by hand, no library). */
export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, String(value));
  return el;
}

export interface ButtonOptions {
  icon?: IconName;
  testid?: string;
  focus?: string;
  /** `primary` (filled), `secondary` (outlined, the default), `quiet` (text only), `danger`. */
  kind?: 'primary' | 'secondary' | 'quiet' | 'danger';
  /** A toggle: the button says whether it is on (aria-pressed). */
  pressed?: boolean;
  disabled?: boolean;
  /** An accessible name when the visible label is short (an icon, "×3"). */
  label?: string;
  onClick: () => void;
}

/** A button with its words, icon, test id and look; the one control every screen uses. */
export function button(text: string, opts: ButtonOptions): HTMLButtonElement {
  const b = h('button', { class: `btn btn-${opts.kind ?? 'secondary'}`, ...(opts.testid ? { testid: opts.testid } : {}), ...(opts.focus ? { focus: opts.focus } : {}) });
  b.type = 'button';
  if (opts.icon) b.append(icon(opts.icon));
  if (text) b.append(h('span', {}, text));
  if (opts.pressed !== undefined) b.setAttribute('aria-pressed', String(opts.pressed));
  if (opts.label) b.setAttribute('aria-label', opts.label);
  b.disabled = opts.disabled ?? false;
  b.addEventListener('click', () => opts.onClick());
  return b;
}

/**
 * A sentence of the catalogue with elements in its placeholders (figures with their tooltips):
 * `rich(t('key'), { n: figure(...) })` — `t` leaves the placeholders it is not given in place.
 */
export function rich(template: string, parts: Record<string, Node | string>): DocumentFragment {
  const out = document.createDocumentFragment();
  template.split(/\{(\w+)\}/).forEach((piece, i) => out.append(i % 2 === 1 ? (parts[piece] ?? `{${piece}}`) : piece));
  return out;
}

/** Changes a button's words and icon in place (a control that must stay under the pointer). */
export function relabel(b: HTMLButtonElement, text: string, iconName: IconName): void {
  b.replaceChildren(icon(iconName), h('span', {}, text));
}

/** Changes a figure's text and tooltip in place. */
export function setFigure(el: HTMLElement, text: string, tip: string | string[]): void {
  const first = el.firstChild;
  if (first?.nodeType === Node.TEXT_NODE) {
    if (first.textContent !== text) first.textContent = text;
  } else el.prepend(text);
  describeFigure(el, tip);
}

/** The parts of `el` marked `data-scroll` (`el` itself when marked), which a rebuild scrolls back to where they were. */
function scrollables(el: HTMLElement): HTMLElement[] {
  return [el, ...el.querySelectorAll<HTMLElement>('[data-scroll]')].filter((x) => x.dataset.scroll);
}

/** How far each part of `el` marked `data-scroll` is scrolled, by its mark: what `restoreScrolls` puts back after a rebuild. */
export function scrollsOf(el: HTMLElement): Map<string, number> {
  return new Map(scrollables(el).map((x) => [x.dataset.scroll!, x.scrollTop]));
}

/** Scrolls each part of a rebuilt `el` marked `data-scroll` back to where the part of the same mark was (`scrollsOf`), or to its top. */
export function restoreScrolls(el: HTMLElement, scrolls: ReadonlyMap<string, number>): void {
  for (const x of scrollables(el)) x.scrollTop = scrolls.get(x.dataset.scroll!) ?? 0;
}

/** A number a player reads: focusable, with a tooltip saying what it is and why it moved. */
export function figure(text: string, tip: string | string[], opts: { class?: string; testid?: string; focus?: string } = {}): HTMLElement {
  const el = h('span', { class: `fig ${opts.class ?? ''}`.trim(), ...(opts.testid ? { testid: opts.testid } : {}), ...(opts.focus ? { focus: opts.focus } : {}) }, text);
  describeFigure(el, tip);
  return el;
}

/**
 * The answer to the last action a control sent, kept across rebuilds by its key: the result, not
 * its words, so that it reads in the language of the moment when the player switches (issue 10,
 * nothing lost). `okText` words a success; a refusal is worded from its code and figures.
 */
export interface Status {
  result: ActionResult;
  okText?: () => string;
  scenario?: Scenario;
}

/** The line next to a control: a tick and what was done, or a warning and the model's reason. */
export function statusLine(status: Status | undefined): HTMLElement | null {
  if (!status) return null;
  const { ok } = status.result;
  const text = status.result.ok ? (status.okText?.() ?? '') : refusalText(status.result, status.scenario);
  return h('p', { class: `status ${ok ? 'status-ok' : 'status-refused'}`, attrs: { role: 'status' } }, icon(ok ? 'check' : 'warning'), h('span', {}, text));
}

/** A section of a panel: a heading with its icon, then its content. */
export function section(title: string, iconName: IconName | null, ...children: Child[]): HTMLElement {
  return h('section', { class: 'block' }, h('h3', { class: 'block-title' }, iconName ? icon(iconName) : null, h('span', {}, title)), ...children);
}

/** Offers a text as a file to download (a save, a kept unreadable save). */
export function downloadText(filename: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { attrs: { href: url, download: filename } });
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked a little later: some browsers read the blob after the click returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
