/**
 * Browser entry point of the game: validates the scenarios in `scenarios/`, makes the game (store
 * and API), mounts the DOM panels at once (the menu is usable before the engine arrives), then
 * loads Phaser's chunk and mounts the city view behind them. Exposes `window.horizons` (DESIGN §7)
 * for tests, scripts and facilitators.
 * URL parameters (checked like the command line's flags, state/url-params.ts; a bad one is ignored
 * and the menu says so): `?agents=<n>` (fewer citizen agents, for fast tests); `?seed=<n>` (the menu's seed).
 */
import '@fontsource/atkinson-hyperlegible/400.css';
import '@fontsource/atkinson-hyperlegible/700.css';
import { MAX_SEED, type ActionResult, type SaveFile, type SimState } from './sim';
import { initLang } from './i18n';
import type { KeyValueStorage } from './state/autosave';
import { buildCatalogue } from './state/catalogue';
import { createGame } from './state/game-store';
import type { AnyAction, Game } from './state/game-types';
import { readUrlParams } from './state/url-params';
import { mountApp } from './ui/app';

/** What the page exposes on `window.horizons`. */
export interface HorizonsApi {
  /** The simulation's state, as a copy: changing it changes nothing of the game. */
  getState(): SimState | null;
  dispatch(action: unknown): ActionResult;
  actions(): AnyAction[];
  isOver(): boolean;
  exportSave(): SaveFile | null;
  stateHash(): string;
  /** The game's own state (screen, session, settings), for facilitators and tests, as a copy. */
  getGame(): ReturnType<Game['store']['getState']>;
}

/**
 * A seam for the browser tests only, with `?test-hooks` in the address: the live simulation state,
 * to stage what no quick game reaches (the prefect settling a budget) and see it rendered. Not for
 * scripts: what it changes is in no save (the save no longer replays). `getState()` is the API.
 */
interface TestHooks {
  liveState(): SimState | null;
}

declare global {
  interface Window {
    horizonsTestHooks?: TestHooks;
    horizons?: HorizonsApi;
  }
}

function localStorageOrNull(): KeyValueStorage | null {
  try {
    const s = window.localStorage;
    s.getItem('horizons.probe');
    return s;
  } catch {
    return null; // disabled (private mode, file://): the game runs without autosave
  }
}

function start(): void {
  initLang();
  const url = readUrlParams(window.location.search);
  for (const n of url.notes) console.warn(`?${n.param}: found ${JSON.stringify(n.raw)}, expected a whole number from ${n.min} to ${n.max}; ignored`);
  const files = import.meta.glob('../scenarios/*.json', { eager: true, import: 'default' });
  const { entries, errors } = buildCatalogue(Object.fromEntries(Object.entries(files).map(([path, raw]) => [path.replace(/^\.\.\//, ''), raw])));
  for (const e of errors) console.warn(e);
  // A seed in the one range every tool shares (sim/seed.ts); without a valid one, a random one.
  const seedParam = url.seed;
  const game = createGame({
    catalogue: entries,
    storage: localStorageOrNull(),
    randomSeed: () => seedParam ?? Math.floor(Math.random() * (MAX_SEED + 1)),
    ...(url.agents !== undefined ? { agents: url.agents } : {}),
    urlNotes: url.notes,
  });

  const { api, store } = game;
  if (new URLSearchParams(window.location.search).has('test-hooks')) window.horizonsTestHooks = { liveState: () => store.getState().session?.sim ?? null };
  window.horizons = {
    getState: () => api.getState(),
    dispatch: (action) => api.dispatch(action),
    actions: () => api.actions(),
    isOver: () => api.isOver(),
    exportSave: () => api.exportSave(),
    stateHash: () => api.stateHash(),
    getGame: () => api.getGame(),
  };

  const app = document.getElementById('app')!;
  const city = document.getElementById('city')!;
  mountApp(app, game);
  keepMapClearOfPanels(app, city, game);
  // Phaser comes in its own chunk, after the menu is on screen.
  void import('./game/mount').then(({ mountCityView }) => mountCityView(document.getElementById('city')!, game));
}

/**
 * Tells the city view which parts of the window the panels cover (the HUD on top, a side panel on
 * the right), through the CSS properties it reads, so that the map centres itself in the rest.
 */
function keepMapClearOfPanels(app: HTMLElement, city: HTMLElement, game: Game): void {
  let last = '';
  let queued = false;
  const measure = () => {
    queued = false;
    const hud = app.querySelector('.hud');
    // The map's tabs (below the HUD, on the left) are kept clear too: the map starts below them.
    const tabs = app.querySelector<HTMLElement>('.mapbar:not([hidden])');
    const top = Math.round(Math.max(hud ? hud.getBoundingClientRect().bottom : 0, tabs ? tabs.getBoundingClientRect().bottom : 0));
    let right = 0;
    for (const panel of app.querySelectorAll('.side-log, [data-testid="screen-decisions"] .panel')) {
      right = Math.max(right, Math.round(window.innerWidth - panel.getBoundingClientRect().left));
    }
    const key = `${top},${right}`;
    if (key === last) return;
    last = key;
    city.style.setProperty('--hz-city-inset-top', `${top}px`);
    city.style.setProperty('--hz-city-inset-right', `${right}px`);
    // The view re-fits on a resize.
    window.dispatchEvent(new Event('resize'));
  };
  const queue = () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(measure);
  };
  game.store.subscribe(queue);
  window.addEventListener('resize', queue);
  queue();
}

start();
