/** Helpers for the game store's tests: the real scenario files, a Map-backed storage, a scripted player. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCatalogue } from '../../src/state/catalogue';
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
