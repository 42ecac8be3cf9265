/** The one replay loop: actions grouped by tick once, a run played through them, a save restored as a playable run. */
import { describe, expect, it } from 'vitest';
import { actionsByTick, createSave, restoreRun, runSimulation, stateHash } from '../../src/sim';
import { createRun, playThrough } from '../../src/sim/run';
import { MAX_SAVE_ACTIONS, parseSave } from '../../src/sim/save';
import type { TimedAction } from '../../src/sim/types';
import { dijon } from './helpers';

const sc = dijon();
const ACTIONS: TimedAction[] = [
  { tick: 0, action: { type: 'setConcertation', level: 0.7 } },
  { tick: 13, action: { type: 'setConcertation', level: 0.3 } },
  { tick: 0, action: { type: 'setConcertation', level: 0.4 } },
];

describe('replay', () => {
  it('groups actions by tick, keeping their order within a tick', () => {
    const at = actionsByTick(ACTIONS);
    expect(at(0)).toEqual([ACTIONS[0]!.action, ACTIONS[2]!.action]);
    expect(at(13)).toEqual([ACTIONS[1]!.action]);
    expect(at(5)).toEqual([]);
  });

  it('restores a save as a run that continues on the same hashes, and names the first year that differs', () => {
    const full = runSimulation(sc, { seed: 11, agents: 200, years: 3, yearlyHashes: true, actions: ACTIONS });
    const save = createSave(sc, { seed: 11, city: sc.policies.city, partner: sc.policies.partner, years: 2, agents: 200, actions: ACTIONS.filter((a) => a.tick < 24) }, full.yearlyHashes.slice(0, 2));
    const restored = restoreRun(save);
    if (!restored.ok) throw new Error(`year ${restored.year} differs`);
    expect(restored.yearlyHashes).toEqual(full.yearlyHashes.slice(0, 2));
    expect(restored.run.state.tick).toBe(24);
    while (restored.run.state.tick < 36) restored.run.advanceTick([]);
    expect(stateHash(restored.run.state)).toBe(full.yearlyHashes[2]);

    const tampered = restoreRun({ ...save, yearlyHashes: [save.yearlyHashes[0]!, '0000000000000000'] });
    expect(tampered).toEqual({ ok: false, year: 2, got: full.yearlyHashes[1], expected: '0000000000000000' });
  });
});

describe('a save of very many actions (issue 12)', () => {
  it('a month of 130,000 actions replays without overflowing the call stack', () => {
    const sc = dijon();
    const run = createRun(sc, { seed: 1, city: 'none', partner: 'none', agents: 50 });
    const one = { tick: 0, action: { type: 'setConcertation', level: 0.5 } } as TimedAction;
    const results = playThrough(run, { actions: Array.from({ length: 130_000 }, () => one), untilTick: 1 });
    expect(results.length).toBe(130_000);
    expect(results.every((r) => r.ok)).toBe(true);
  });

  it('a save of more than 100,000 actions is refused by its size, before any replay', () => {
    const sc = dijon();
    const save = createSave(sc, { seed: 1, city: sc.policies.city, partner: sc.policies.partner, years: 1, agents: 50, actions: [] }, []);
    const raw = JSON.parse(JSON.stringify(save)) as { actions: unknown[] };
    raw.actions = Array.from({ length: MAX_SAVE_ACTIONS + 1 }, () => ({ tick: 0, action: { type: 'setConcertation', level: 0.5 } }));
    const r = parseSave(raw, 'big.json');
    expect(r.ok ? '' : r.error).toContain(`actions: found a list of ${MAX_SAVE_ACTIONS + 1}, expected at most ${MAX_SAVE_ACTIONS} items`);
  });
});
