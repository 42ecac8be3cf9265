/**
 * What a screen is given and what it gives back. A screen builds its panel from the store's state
 * (`ScreenContext`), sends actions through `dispatch`, keeps what the player is typing in `local`
 * (it survives the rebuilds that follow each change of the store), and returns its root element
 * with the control that should take the focus first.
 */
import type { ActionResult } from '../../sim';
import type { AnyAction, Game, GameState, Screen, Session } from '../../state/game-types';
import { t } from '../../i18n';
import { button, h, type Child } from '../dom';
import type { YearStarts } from './figures';
import type { LogView } from '../words/log';

export interface ScreenContext {
  game: Game;
  state: GameState;
  /** Sends an action to the store and returns its answer (`{ ok, reason? }`). */
  dispatch(action: AnyAction): ActionResult;
  /** Screen-local values (inputs being filled, the last answers), kept until the screen changes. */
  local: Map<string, unknown>;
  /** The figures at each year's start, for the changes since then. */
  starts: YearStarts;
  /** May the partner's own figures show now (never on a city group's screen)? */
  partnerVisible: boolean;
  /** Rebuilds the screen after a change of `local` alone (a refusal, a choice in a form). */
  refresh(): void;
}

export interface ScreenView {
  el: HTMLElement;
  /** The control that takes the focus when the screen appears (usually the primary button). */
  initialFocus?: HTMLElement | null;
  /** Screens that follow the running months update in place rather than rebuild (app.ts). */
  update?(ctx: ScreenContext): void;
  destroy?(): void;
}

export type ScreenBuilder = (ctx: ScreenContext) => ScreenView;

/** A value of `local`, created on first use. */
export function localValue<T>(ctx: ScreenContext, key: string, init: () => T): T {
  if (!ctx.local.has(key)) ctx.local.set(key, init());
  return ctx.local.get(key) as T;
}

/** The session of an in-game screen (the store guarantees one outside the menu). */
export function sessionOf(ctx: ScreenContext): Session {
  const s = ctx.state.session;
  if (!s) throw new Error(`the ${ctx.state.screen} screen needs a game`);
  return s;
}

/** How the log may be told on this screen. */
export function logView(ctx: ScreenContext): LogView {
  return { scenario: sessionOf(ctx).scenario, partnerPrivate: ctx.partnerVisible };
}

/**
 * Layouts: `center`, a card over the dimmed map; `side`, a panel on the right with the map
 * visible; `full`, an opaque screen (the hand-over); `overlay`, pieces laid over the map (the
 * months); `table`, the whole area below the HUD (the negotiation table).
 */
export type Layout = 'center' | 'side' | 'full' | 'overlay' | 'table';

/** A screen's root element, with its `screen-<name>` test id. */
export function screenRoot(name: Screen, layout: Layout, ...children: Child[]): HTMLElement {
  const attrs: Record<string, string> = { 'aria-labelledby': `title-${name}` };
  if (layout === 'center') attrs['data-scroll'] = name;
  return h('section', { class: `screen screen-${layout} screen-is-${name}`, testid: `screen-${name}`, attrs }, ...children);
}

/** A screen's heading (its id names the screen region for screen readers). */
export function screenTitle(name: Screen, text: string, tag: 'h1' | 'h2' = 'h1'): HTMLElement {
  return h(tag, { class: 'screen-title', attrs: { id: `title-${name}` } }, text);
}

/** The foot of a card screen: its actions (and a note), aligned the same on every card. */
export function cardFooter(...children: Child[]): HTMLElement {
  return h('footer', { class: 'card-actions' }, ...children);
}

/**
 * The foot of the card screens that lead on (briefing, election, events, year summary): an
 * optional note, then the primary "Continue" that sends `continue` and takes the focus first.
 */
export function continueFooter(ctx: ScreenContext, note: Child = null): { footer: HTMLElement; go: HTMLButtonElement } {
  const go = button(t('screens.continue'), { icon: 'arrowRight', testid: 'continue', kind: 'primary', onClick: () => ctx.dispatch({ type: 'continue' }) });
  return { footer: cardFooter(note, go), go };
}
