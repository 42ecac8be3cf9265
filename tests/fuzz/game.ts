/**
 * The game under Node for the generated suites: a store made with the scenario files read once
 * (as tests/state/game-helpers.ts does, whose Map-backed storage it uses), driven to a chosen
 * screen by its own `dispatch`, and a save made by playing two years with decisions of every kind
 * (a save that carries actions).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCatalogue } from '../../src/state/catalogue';
import type { KeyValueStorage } from '../../src/state/autosave';
import { createGame } from '../../src/state/game-store';
import type { AnyAction, Game, Role } from '../../src/state/game-types';
import type { SaveFile } from '../../src/sim';
import { SCENARIOS_DIR } from '../../src/cli/load-scenario';
import { MemoryStorage } from '../state/game-helpers';

let catalogue: ReturnType<typeof buildCatalogue>['entries'] | undefined;

/** A fresh game with 200 citizen agents and a fixed menu seed. */
export function makeGame(storage: KeyValueStorage | null = new MemoryStorage()): Game {
  catalogue ??= buildCatalogue(
    Object.fromEntries(
      readdirSync(SCENARIOS_DIR)
        .filter((f) => f.endsWith('.json'))
        .map((f) => [`scenarios/${f}`, JSON.parse(readFileSync(join(SCENARIOS_DIR, f), 'utf8'))]),
    ),
  ).entries;
  return createGame({ catalogue, storage, randomSeed: () => 4242, agents: 200 });
}

const screen = (g: Game) => g.store.getState().screen;

/** Moves on by the flow's own actions (continue, end decisions, advance a month) until `done`. */
export function driveUntil(g: Game, done: (g: Game) => boolean, maxSteps = 400): boolean {
  for (let k = 0; k < maxSteps && !done(g); k++) {
    const list = g.api.actions();
    const next = list.find((a) => a.type === 'continue') ?? list.find((a) => a.type === 'endDecisions') ?? list.find((a) => a.type === 'advance' && a.months === undefined) ?? list.find((a) => a.type === 'advance');
    if (!next || !g.api.dispatch(next).ok) return false;
  }
  return done(g);
}

/** A game started in `role` with `seed`, driven to `target` (or the first screen after `skip` of them). */
export function gameAt(role: Role, seed: number, target: 'menu' | 'decisions' | 'negotiation' | 'months' | 'events', skipYears = 0): Game {
  const g = makeGame();
  if (target === 'menu') return g;
  g.api.dispatch({ type: 'start', scenario: 'dijon-like', role, seed });
  const month = () => g.store.getState().session?.sim.tick ?? 0;
  driveUntil(g, (x) => screen(x) === 'decisions' && month() >= skipYears * 12, 2000);
  if (target === 'negotiation') g.api.dispatch({ type: 'openNegotiation' });
  if (target === 'months') g.api.dispatch({ type: 'endDecisions' });
  if (target === 'events') driveUntil(g, (x) => screen(x) === 'yearSummary', 2000);
  return g;
}

const DECISIONS = ['setBudget', 'setConcertation', 'governance', 'propose', 'accept', 'launchAlone', 'studyPartnership', 'renegotiateContract'];

/** A save of two years played as the city, taking in each year's decisions the first listed action of each kind. */
export function playedSave(years = 2): SaveFile {
  const g = makeGame();
  g.api.dispatch({ type: 'start', scenario: 'dijon-like', role: 'city', seed: 7 });
  const taken = new Set<string>();
  for (let k = 0; k < 5000 && (g.store.getState().session?.sim.tick ?? 0) < years * 12; k++) {
    const list = g.api.actions();
    if (screen(g) === 'decisions') {
      const a = list.find((x) => DECISIONS.includes(x.type) && !taken.has(`${g.store.getState().session!.sim.tick}:${x.type}`));
      if (a) {
        taken.add(`${g.store.getState().session!.sim.tick}:${a.type}`);
        g.api.dispatch(a);
        continue;
      }
    }
    const next: AnyAction | undefined = list.find((a) => a.type === 'continue') ?? list.find((a) => a.type === 'endDecisions') ?? list.find((a) => a.type === 'advance');
    if (!next) break;
    g.api.dispatch(next);
  }
  const save = g.api.exportSave();
  if (!save || save.actions.length === 0) throw new Error('playedSave: the game made no save with actions');
  return save;
}
