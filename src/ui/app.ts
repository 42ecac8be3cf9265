/**
 * The DOM panels of the game, laid over the city view (Phaser draws the map in `#city`, behind).
 *
 * `mountApp` subscribes to the store and shows the panel of the current screen (src/ui/screens),
 * the HUD and the overlay switch (hud.ts) and the figures' tooltips (tooltip.ts); it rebuilds a
 * panel when its state moves, keeping the focus and the scroll where they were, and everything
 * when the language changes. It also runs the clock of the months: while the months play, it
 * advances the game at the chosen speed (months per second, timed by requestAnimationFrame), and
 * through the epilogue a year a frame; and the months' keyboard shortcuts (Space, →, F).
 * The panels only read the store and dispatch actions: the model runs in the store.
 */
import './game.css';
import { getLang, onLangChange } from '../i18n';
import { SPEEDS, type AnyAction, type Game, type GameState, type Screen } from '../state/game-types';
import { createHud } from './hud';
import { createTooltips } from './tooltip';
import { briefingScreen } from './screens/briefing';
import type { ScreenBuilder, ScreenContext, ScreenView } from './screens/context';
import { decisionsScreen } from './screens/decisions';
import { h, restoreScrolls, scrollsOf } from './dom';
import { endScreen } from './screens/end';
import { epilogueScreen } from './screens/epilogue';
import { YearStarts } from './screens/figures';
import { handoverScreen } from './screens/handover';
import { menuScreen } from './screens/menu';
import { monthsScreen } from './screens/months';
import { negotiationScreen } from './screens/negotiation';
import { yearSummaryScreen } from './screens/year-summary';

const BUILDERS: Record<Screen, ScreenBuilder> = {
  menu: menuScreen,
  briefing: briefingScreen,
  handover: handoverScreen,
  decisions: decisionsScreen,
  negotiation: negotiationScreen,
  months: monthsScreen,
  yearSummary: yearSummaryScreen,
  epilogue: epilogueScreen,
  end: endScreen,
};

/** What makes the current panel rebuild (beside a new screen and the language): parts compared one by one (a new session object is a change). */
function rebuildKey(state: GameState): unknown[] {
  switch (state.screen) {
    case 'menu':
      return [JSON.stringify([state.savedGame, state.corruptSave, state.catalogue.length, state.ui.largeType])];
    case 'negotiation':
      return []; // the table follows the store by itself
    case 'months':
    case 'epilogue':
      return [state.ui.largeType]; // they follow the months in place (`update`)
    default:
      return [state.session, state.ui.playing, state.ui.speed, state.ui.largeType];
  }
}

const sameKey = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * May the partner's own figures show? For the partner's group and for spectators; never for the
 * city's group (with two groups on one screen, only on the partner group's own screens: its
 * decisions and the table while it holds the controls);
 * and for everybody once the game is over.
 */
function partnerVisible(state: GameState): boolean {
  const s = state.session;
  if (!s) return false;
  if (state.screen === 'end') return true;
  switch (s.setup.role) {
    case 'partner':
    case 'watch':
      return true;
    case 'both':
      // Only on the partner group's own screens: the months, the summaries and the hand-over are
      // watched by both groups.
      return s.actingSide === 'partner' && (state.screen === 'decisions' || state.screen === 'negotiation');
    case 'city':
      return false;
  }
}

export function mountApp(root: HTMLElement, game: Game): () => void {
  root.classList.add('ui-root');
  const layer = h('div', { class: 'ui-layer' });
  const host = h('div', { class: 'screen-host' });
  const hud = createHud();
  layer.append(host, hud.el, hud.mapbar);
  root.append(layer);
  const tips = createTooltips(root, layer);
  const starts = new YearStarts();
  const local = new Map<string, unknown>();

  let view: ScreenView | null = null;
  let shownScreen: Screen | null = null;
  let shownKey: unknown[] = [];

  // The HUD's height, for the panels that sit below it.
  const measure = new ResizeObserver(() => root.style.setProperty('--hud-h', `${hud.el.hidden ? 0 : hud.el.offsetHeight}px`));
  measure.observe(hud.el);

  const dispatch = (action: AnyAction) => game.api.dispatch(action);

  function context(state: GameState): ScreenContext {
    return { game, state, dispatch, local, starts, partnerVisible: partnerVisible(state), refresh: () => schedule(true) };
  }

  /** Builds the panel anew; `keepFocus` puts the focus and the scroll back where they were. */
  function build(ctx: ScreenContext, keepFocus: boolean): void {
    const active = document.activeElement instanceof HTMLElement && root.contains(document.activeElement) ? document.activeElement : null;
    // A folded part the player opened (`<details data-keep-open="…">`) stays open through the rebuild.
    const foldables = (v: ScreenView) => [...v.el.querySelectorAll<HTMLDetailsElement>('details[data-keep-open]')];
    const opened = new Set(keepFocus && view ? foldables(view).filter((el) => el.open).map((el) => el.dataset.keepOpen!) : []);
    const scrolls = view ? scrollsOf(view.el) : new Map<string, number>();
    view?.destroy?.();
    view = BUILDERS[ctx.state.screen](ctx);
    host.replaceChildren(view.el);
    for (const el of foldables(view)) if (opened.has(el.dataset.keepOpen!)) el.open = true;
    restoreScrolls(view.el, scrolls);
    // A new screen is seen from its top, its primary control focused (Enter goes on).
    if (!keepFocus) return view.initialFocus?.focus({ preventScroll: true });
    const key = active?.dataset.focus;
    const again = key ? root.querySelector<HTMLElement>(`[data-focus="${CSS.escape(key)}"]`) : null;
    if (again) again.focus({ preventScroll: true });
    else if (active && !active.isConnected) view.initialFocus?.focus(); // the focused control is gone
  }

  function render(force: boolean): void {
    const state = game.store.getState();
    root.classList.toggle('large-type', state.ui.largeType);
    document.documentElement.lang = getLang();
    const ctx = context(state);
    hud.update(ctx);
    root.style.setProperty('--hud-h', `${hud.el.hidden ? 0 : hud.el.offsetHeight}px`);
    const key = [getLang(), ...rebuildKey(state)];
    if (state.screen !== shownScreen) {
      local.clear();
      tips.hide();
      shownScreen = state.screen;
      shownKey = key;
      build(ctx, false);
    } else if (force || !sameKey(key, shownKey)) {
      shownKey = key;
      build(ctx, true);
    } else view?.update?.(ctx);
    tips.refresh();
  }

  // Renders once per burst of changes (an action may change the store several times).
  let scheduled = false;
  let forced = false;
  function schedule(force = false): void {
    forced ||= force;
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(() => {
      scheduled = false;
      const f = forced;
      forced = false;
      render(f);
    });
  }

  // Every state is seen by the year-start snapshots (a render may skip some), then rendered once per burst.
  const unsubscribe = game.store.subscribe((state) => {
    starts.observe(state.session);
    schedule();
  });
  const offLang = onLangChange(() => {
    shownKey = [];
    schedule(true);
  });

  // ---------------------------------------------------------------- the months' clock

  let frame = 0;
  let last = 0;
  let owed = 0;
  const tick = (now: number) => {
    frame = requestAnimationFrame(tick);
    const st = game.store.getState();
    if (st.screen === 'epilogue' && st.ui.playing) {
      dispatch({ type: 'advance', months: 12 });
      return;
    }
    if (st.screen !== 'months' || !st.ui.playing) {
      last = 0;
      owed = 0;
      return;
    }
    if (last === 0) last = now;
    owed += ((now - last) * st.ui.speed) / 1000;
    last = now;
    // At most one month a frame, so that a slow month never piles up a backlog.
    if (owed >= 1) {
      owed = Math.min(owed - 1, 1);
      dispatch({ type: 'advance' });
    }
  };
  frame = requestAnimationFrame(tick);

  // ---------------------------------------------------------------- the months' shortcuts

  const onKey = (e: KeyboardEvent) => {
    const st = game.store.getState();
    if (st.screen !== 'months' || e.ctrlKey || e.metaKey || e.altKey) return;
    const target = e.target instanceof HTMLElement ? e.target : null;
    if (target?.closest('input, select, textarea')) return;
    if (e.key === ' ') {
      if (target?.closest('button')) return; // the focused button takes the Space
      e.preventDefault();
      dispatch({ type: 'setPlaying', playing: !st.ui.playing });
    } else if (e.key === 'ArrowRight') {
      e.preventDefault();
      dispatch({ type: 'advance' });
    } else if (e.key === 'f' || e.key === 'F') {
      e.preventDefault();
      const fastest = SPEEDS[SPEEDS.length - 1]!;
      if (st.ui.speed === fastest && st.ui.playing) dispatch({ type: 'setSpeed', speed: SPEEDS[1]! });
      else {
        dispatch({ type: 'setSpeed', speed: fastest });
        dispatch({ type: 'setPlaying', playing: true });
      }
    }
  };
  document.addEventListener('keydown', onKey);

  render(false);

  return () => {
    cancelAnimationFrame(frame);
    document.removeEventListener('keydown', onKey);
    unsubscribe();
    offLang();
    measure.disconnect();
    view?.destroy?.();
    tips.destroy();
    layer.remove();
    root.classList.remove('ui-root', 'large-type');
  };
}
