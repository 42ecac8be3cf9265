/**
 * Browser entry point of the placeholder page: loads the default scenario, makes the store,
 * mounts the summary page and exposes `window.horizons` for tests and facilitators.
 * URL parameters: `?seed=<n>` (default 1); `?agents=<n>` (fewer citizen agents, for fast tests).
 */
import '@fontsource/atkinson-hyperlegible/400.css';
import '@fontsource/atkinson-hyperlegible/700.css';
import './ui/summary-page.css';
import rawScenario from '../scenarios/dijon-like.json';
import { parseScenario, stateHash, type SimState } from './sim';
import { initLang, t } from './i18n';
import { createGameStore } from './state/store';
import { mountSummaryPage } from './ui/summary-page';

/** What the page exposes on `window.horizons` (the game will add dispatch, actions, exportSave). */
export interface HorizonsApi {
  stateHash(): string;
  getState(): SimState;
  isOver(): boolean;
}

declare global {
  interface Window {
    horizons?: HorizonsApi;
  }
}

const SCENARIO_ID = 'dijon-like';

function intParam(params: URLSearchParams, name: string): number | undefined {
  const raw = params.get(name);
  if (raw === null || !/^\d+$/.test(raw.trim())) return undefined;
  const value = Number(raw);
  return Number.isSafeInteger(value) ? value : undefined;
}

function start(root: HTMLElement): void {
  initLang();
  const params = new URLSearchParams(window.location.search);
  const parsed = parseScenario(rawScenario, `scenarios/${SCENARIO_ID}.json`);
  if (!parsed.ok) {
    const panel = document.createElement('pre');
    panel.className = 'fatal';
    panel.textContent = t('scenario.error', { message: parsed.error });
    root.replaceChildren(panel);
    return;
  }
  const scenario = parsed.value;
  const seed = intParam(params, 'seed') ?? 1;
  const agentsParam = intParam(params, 'agents');
  const store = createGameStore(scenario, agentsParam === undefined ? { seed } : { seed, agents: agentsParam });

  mountSummaryPage(root, { scenario, scenarioId: SCENARIO_ID, store, initialSeed: seed, agents: agentsParam ?? scenario.citizens.agents });

  window.horizons = {
    stateHash: () => stateHash(store.getState().snapshot.state),
    getState: () => store.getState().snapshot.state,
    isOver: () => store.getState().snapshot.over,
  };
}

start(document.getElementById('app')!);
