/** The browser store: a factory (independent stores), whose actions call the sim and replace the snapshot. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario, runSimulation, stateHash } from '../src/sim';
import { createGameStore } from '../src/state/store';

const parsed = parseScenario(JSON.parse(readFileSync(resolve(__dirname, '../scenarios/dijon-like.json'), 'utf8')), 'dijon-like.json');
if (!parsed.ok) throw new Error(parsed.error);
const scenario = parsed.value;
const opts = { years: 3, agents: 300 };

describe('createGameStore', () => {
  it('starts idle on the initial state of its seed', () => {
    const store = createGameStore(scenario, { seed: 5, ...opts });
    const { status, snapshot } = store.getState();
    expect(status).toBe('idle');
    expect(snapshot.seed).toBe(5);
    expect(snapshot.yearly).toEqual([]);
    expect(snapshot.over).toBe(false);
    expect(snapshot.stateHash).toBe(stateHash(snapshot.state));
  });

  it('run(seed) replaces the snapshot with what runSimulation gives for that seed', () => {
    const store = createGameStore(scenario, { seed: 1, ...opts });
    const before = store.getState().snapshot;
    const statuses: string[] = [];
    store.subscribe((s) => statuses.push(s.status));
    store.getState().run(9);
    const reference = runSimulation(scenario, { seed: 9, ...opts });
    const { status, snapshot } = store.getState();
    expect(statuses).toEqual(['running', 'done']);
    expect(status).toBe('done');
    expect(snapshot).not.toBe(before);
    expect(snapshot.seed).toBe(9);
    expect(snapshot.over).toBe(true);
    expect(snapshot.yearly).toEqual(reference.yearly);
    expect(snapshot.stateHash).toBe(reference.summary.stateHash);
    expect(stateHash(snapshot.state)).toBe(reference.summary.stateHash);
  });

  it('makes independent stores (no module-level singleton)', () => {
    const a = createGameStore(scenario, { seed: 2, ...opts });
    const b = createGameStore(scenario, { seed: 2, ...opts });
    a.getState().run(2);
    expect(a.getState().status).toBe('done');
    expect(b.getState().status).toBe('idle');
    b.getState().reset(3);
    expect(b.getState().snapshot.seed).toBe(3);
    expect(a.getState().snapshot.seed).toBe(2);
  });
});
