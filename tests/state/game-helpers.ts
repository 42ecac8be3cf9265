/** Helpers for the game store's tests: the real scenario files, a Map-backed storage, a scripted player. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { stateHash } from '../../src/sim';
import { buildCatalogue } from '../../src/state/catalogue';
import { AUTOSAVE_KEY } from '../../src/state/autosave';
import type { KeyValueStorage } from '../../src/state/autosave';
import { createGame } from '../../src/state/game-store';
import type { AnyAction, Game } from '../../src/state/game-types';

function scenarioFiles(): Record<string, unknown> {
  const dir = join(__dirname, '../../scenarios');
  return Object.fromEntries(readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => [`scenarios/${f}`, JSON.parse(readFileSync(join(dir, f), 'utf8'))]));
}

export class MemoryStorage implements KeyValueStorage {
  readonly map = new Map<string, string>();
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.map.set(k, v);
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
}

export function newGame(storage: KeyValueStorage | null = new MemoryStorage(), agents = 200): Game {
  return createGame({ catalogue: buildCatalogue(scenarioFiles()).entries, storage, randomSeed: () => 4242, agents });
}

/** Plays with nothing but actions() and dispatch(): `choose` picks among the listed actions. */
export function playToEnd(game: Game, choose: (actions: AnyAction[], step: number) => AnyAction, maxSteps = 20_000): { steps: number; refused: string[] } {
  const refused: string[] = [];
  let steps = 0;
  while (!game.api.isOver() && steps < maxSteps) {
    const list = game.api.actions();
    if (list.length === 0) throw new Error(`no action listed on screen ${game.store.getState().screen}`);
    const a = choose(list, steps);
    const r = game.api.dispatch(a);
    if (!r.ok) refused.push(`${game.store.getState().screen}: ${JSON.stringify(a).slice(0, 120)} → ${r.reason}`);
    steps++;
  }
  return { steps, refused };
}

/** A city game on its decisions screen, in the first month. */
export function atDecisions(storage = new MemoryStorage()): Game {
  const g = newGame(storage);
  expect(g.api.dispatch({ type: 'start', scenario: 'dijon-like', role: 'city', seed: 5 })).toEqual({ ok: true });
  g.api.dispatch({ type: 'continue' });
  g.api.dispatch({ type: 'continue' });
  expect(g.store.getState().screen).toBe('decisions');
  return g;
}

/** Everything a refusal must leave as it was. */
export function footprint(g: Game) {
  const s = g.store.getState().session!;
  return { hash: stateHash(s.sim), concertation: s.sim.city.concertation, counters: { ...s.sim.counters }, negotiation: s.sim.negotiation, log: JSON.stringify(s.actions), simLog: s.sim.log.length };
}

/** Plays on (progress actions only) until the tick reaches `tick`. */
export function playTo(g: Game, tick: number): void {
  for (let guard = 0; g.store.getState().session!.sim.tick < tick && guard < 500; guard++) {
    const list = g.api.actions();
    g.api.dispatch(list.find((a) => ['continue', 'endDecisions', 'advance'].includes(a.type)) ?? list[0]!);
  }
}

/** A save of one year whose hash the model does not reproduce (edited, or from another version). */
export function unreplayableAutosave(): string {
  const storage = new MemoryStorage();
  const g = atDecisions(storage);
  g.api.dispatch({ type: 'setConcertation', level: 0.6 });
  playTo(g, 12);
  const good = JSON.parse(storage.getItem(AUTOSAVE_KEY)!);
  return JSON.stringify({ ...good, save: { ...good.save, yearlyHashes: ['0123456789abcdef'], finalHash: '0123456789abcdef' } });
}

