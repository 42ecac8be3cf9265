/**
 * Determinism (DESIGN §8): same scenario + seed + actions → the same state hash at every year;
 * a save restored mid-run continues exactly as the uninterrupted run; `step` and `stepInPlace`
 * agree. (Node against Chromium is checked by the browser tests.)
 */
import { describe, expect, it } from 'vitest';
import { actionsByTick, createRun, deserializeState, runSimulation, serializeState, stateHash } from '../../src/sim';
import { createInitialState } from '../../src/sim/init';
import { step, stepInPlace } from '../../src/sim/step';
import { resolvePolicy } from '../../src/sim/agents';
import type { SimState, TimedAction } from '../../src/sim/types';
import { dijon } from './helpers';

const sc = dijon();
const AGENTS = 1000;

/** A few outside actions, so that the replayed path is not only the policies'. */
const ACTIONS: TimedAction[] = [
  { tick: 0, action: { type: 'setConcertation', level: 0.7 } },
  { tick: 14, action: { type: 'governance', measure: 'sharedDataPlatform', on: true } },
  // Month 0, before the computer city's own purchases: by month 2 they have spent the year's
  // envelope (it buys leak detection everywhere in month 0), and launching alone is refused.
  { tick: 0, action: { type: 'launchAlone', project: 'wasteSensors', districts: [3], pilot: false } },
  // A budget month: rates move once a year. The envelope carries the payments due that year on
  // works signed (compulsory spending, L1612-15: €5 M and €10 M are refused on this path).
  { tick: 96, action: { type: 'setBudget', envelopeEur: 20e6, taxChange: 0.01 } },
];

describe('determinism', () => {
  const a = runSimulation(sc, { seed: 7, agents: AGENTS, yearlyHashes: true, actions: ACTIONS });

  it('the same seed twice gives the same hash at every year', () => {
    const b = runSimulation(sc, { seed: 7, agents: AGENTS, yearlyHashes: true, actions: ACTIONS });
    expect(a.yearlyHashes).toHaveLength(sc.horizonYears);
    expect(b.yearlyHashes).toEqual(a.yearlyHashes);
    expect(b.summary).toEqual(a.summary);
    expect(new Set(a.yearlyHashes).size).toBe(a.yearlyHashes.length); // the state moves every year
    expect(a.actionResults.every((r) => r.ok)).toBe(true);
  });

  it('different seeds give different hashes from the first year', () => {
    const others = [8, 9, 1000].map((seed) => runSimulation(sc, { seed, agents: AGENTS, years: 3, yearlyHashes: true, actions: ACTIONS }).yearlyHashes);
    for (const h of others) for (let y = 0; y < 3; y++) expect(h[y]).not.toBe(a.yearlyHashes[y]);
    expect(new Set(others.map((h) => h[0])).size).toBe(3);
  });

  it('different actions give different hashes', () => {
    const c = runSimulation(sc, { seed: 7, agents: AGENTS, years: 2, yearlyHashes: true, actions: [{ tick: 0, action: { type: 'setConcertation', level: 0.71 } }] });
    expect(c.yearlyHashes[0]).not.toBe(a.yearlyHashes[0]);
  });

  it('save → JSON → restore after 7 years continues exactly as the uninterrupted run', () => {
    const actionsAt = actionsByTick(ACTIONS);
    const first = createRun(sc, { seed: 7, agents: AGENTS });
    while (first.state.tick < 7 * 12) first.advanceTick(actionsAt(first.state.tick));
    expect(stateHash(first.state)).toBe(a.yearlyHashes[6]);

    const saved = JSON.stringify(serializeState(first.state));
    const restored = deserializeState(JSON.parse(saved));
    expect(stateHash(restored)).toBe(stateHash(first.state));
    expect(restored.citizens.satisfaction).toBeInstanceOf(Float64Array);
    expect(restored.citizens.district).toBeInstanceOf(Uint8Array);
    expect(restored.citizens.prefServices).toBeInstanceOf(Float32Array);

    const second = createRun(sc, { seed: 7, agents: AGENTS, from: restored });
    const later: string[] = [];
    while (!second.isOver()) {
      second.advanceTick(actionsAt(second.state.tick));
      if (second.state.tick % 12 === 0) later.push(stateHash(second.state));
    }
    expect(later).toEqual(a.yearlyHashes.slice(7));
  });

  it('a restored state is independent of the one it was saved from', () => {
    const s = createInitialState(sc, 3, 200);
    const r = deserializeState(JSON.parse(JSON.stringify(serializeState(s))));
    r.citizens.satisfaction[0] = 0.123;
    r.city.debtEur = 1;
    expect(s.citizens.satisfaction[0]).not.toBe(0.123);
    expect(s.city.debtEur).not.toBe(1);
  });

  it('step (copying) gives the same hashes as stepInPlace, and leaves its input untouched', () => {
    const rb = resolvePolicy('rule-based')!;
    const policies = { city: rb, partner: rb };
    let copied: SimState = createInitialState(sc, 5, 500);
    const inPlace = createInitialState(sc, 5, 500);
    for (let t = 0; t < 48; t++) {
      const actions = t === 2 ? [{ type: 'setConcertation', level: 0.9 }] : [];
      const before = stateHash(copied);
      const next = step(copied, sc, actions, policies);
      expect(stateHash(copied)).toBe(before);
      copied = next.state;
      expect(stepInPlace(inPlace, sc, actions, policies)).toEqual(next.results);
      if (t % 12 === 11) expect(stateHash(copied)).toBe(stateHash(inPlace));
    }
    expect(copied.contracts.length + copied.deployments.length).toBeGreaterThan(0); // something happened
  });

  it('the hash sees a change of one citizen', () => {
    const s = createInitialState(sc, 3, 200);
    const h = stateHash(s);
    s.citizens.satisfaction[199] = s.citizens.satisfaction[199]! + 1e-12;
    expect(stateHash(s)).not.toBe(h);
  });
});
