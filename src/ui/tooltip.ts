/**
 * Tooltips for the figures: every number a player sees says what it is and, where it moved, by how
 * much and why. A figure is focusable (Tab reaches it) and carries its text in a hidden element
 * that `aria-describedby` points to, so a screen reader reads it on focus; one shared bubble shows
 * the same text on hover and on keyboard focus, and Escape closes it.
 */
import { h } from './dom';

let nextId = 0;

/** Makes `el` a figure with a tooltip (one line per paragraph: what it is, the change, the cause). */
export function describeFigure(el: HTMLElement, tip: string | string[]): void {
  const lines = (Array.isArray(tip) ? tip : [tip]).filter((l) => l !== '');
  const key = lines.join('\n');
  if (el.dataset.tip === key) return; // the same words: nothing to do
  const id = `tip-${++nextId}`;
  const text = h('span', { attrs: { id, hidden: '' } });
  for (const line of lines) text.append(h('span', { class: 'tip-line' }, line));
  el.querySelector(':scope > [data-tip-text]')?.remove();
  text.dataset.tipText = '';
  el.append(text);
  el.tabIndex = 0;
  el.dataset.tip = key;
  el.setAttribute('aria-describedby', id);
}

export interface Tooltips {
  /** Re-anchors or hides the bubble after a rebuild (its figure may have been replaced). */
  refresh(): void;
  hide(): void;
  destroy(): void;
}

/** The shared bubble, driven by events delegated to `root`. */
export function createTooltips(root: HTMLElement, host: HTMLElement): Tooltips {
  const bubble = h('div', { class: 'tooltip', attrs: { role: 'tooltip', hidden: '' } });
  host.append(bubble);
  let anchor: HTMLElement | null = null;

  const figureOf = (target: EventTarget | null): HTMLElement | null => (target instanceof Element ? target.closest<HTMLElement>('[data-tip]') : null);

  function show(el: HTMLElement): void {
    const text = el.querySelector(':scope > [data-tip-text]');
    if (!text) return;
    anchor = el;
    bubble.replaceChildren(...[...text.children].map((line) => h('p', {}, line.textContent ?? '')));
    bubble.hidden = false;
    place();
  }

  function place(): void {
    if (!anchor) return;
    const r = anchor.getBoundingClientRect();
    const b = bubble.getBoundingClientRect();
    const margin = 8;
    const left = Math.min(Math.max(margin, r.left + r.width / 2 - b.width / 2), window.innerWidth - b.width - margin);
    const below = r.bottom + margin + b.height <= window.innerHeight;
    bubble.style.left = `${left}px`;
    bubble.style.top = `${below ? r.bottom + margin : Math.max(margin, r.top - margin - b.height)}px`;
  }

  function hide(): void {
    anchor = null;
    bubble.hidden = true;
  }

  const onOver = (e: PointerEvent) => {
    const el = figureOf(e.target);
    if (el && el !== anchor) show(el);
  };
  const onOut = (e: PointerEvent) => {
    const el = figureOf(e.target);
    if (el && el === anchor && !el.contains(e.relatedTarget as Node | null) && document.activeElement !== el) hide();
  };
  const onFocusIn = (e: FocusEvent) => {
    const el = figureOf(e.target);
    if (el && el === e.target) show(el);
  };
  const onFocusOut = (e: FocusEvent) => {
    if (figureOf(e.target) === anchor) hide();
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && anchor) hide();
  };
  root.addEventListener('pointerover', onOver);
  root.addEventListener('pointerout', onOut);
  root.addEventListener('focusin', onFocusIn);
  root.addEventListener('focusout', onFocusOut);
  document.addEventListener('keydown', onKey);

  return {
    refresh() {
      if (!anchor) return;
      if (anchor.isConnected) return show(anchor);
      const key = anchor.dataset.focus;
      const again = key ? root.querySelector<HTMLElement>(`[data-focus="${CSS.escape(key)}"][data-tip]`) : null;
      if (again) show(again);
      else hide();
    },
    hide,
    destroy() {
      root.removeEventListener('pointerover', onOver);
      root.removeEventListener('pointerout', onOut);
      root.removeEventListener('focusin', onFocusIn);
      root.removeEventListener('focusout', onFocusOut);
      document.removeEventListener('keydown', onKey);
      bubble.remove();
    },
  };
}
