/**
 * After the playable years (actions.ts `standingChoicesLeave`, MODEL.md §10 "After the playable
 * years"): no player decides, and the model stops counting the city's standing choices, neither
 * their cost nor the decisions they would serve — no governance measure, the usual concertation effort — in the month after the last
 * playable one. The switches a player leaves at the last playable budget are no longer paid for to
 * the horizon.
 */
import { describe, expect, it } from 'vitest';
import { applyAction } from '../../src/sim/actions';
import { newScratch } from '../../src/sim/money';
import { freshState, movedCents, NO_POLICIES, variant } from './helpers';
import { stepInPlace } from '../../src/sim/step';
import type { SimState } from '../../src/sim/types';

const sc = variant({ playableYears: 2 });
const MEASURES = ['smartCityOffice', 'interCommunalAgreement', 'sharedDataPlatform'] as const;
const UPKEEP = ['smart-city office', 'inter-communal agreement', 'shared data policy', 'concertation'];

/** A city a person plays: every measure set up and concertation at its strongest in the first month, then nothing. */
function playedCity(): SimState {
  const s = freshState(sc, 7);
  const scratch = newScratch(s);
  for (const measure of MEASURES) expect(applyAction(s, sc, scratch, { type: 'governance', measure, on: true }).ok).toBe(true);
  expect(applyAction(s, sc, scratch, { type: 'setConcertation', level: 1 }).ok).toBe(true);
  return s;
}

const months = (s: SimState, n: number) => {
  for (let i = 0; i < n; i++) stepInPlace(s, sc, [], NO_POLICIES);
};
/** What the city has paid so far for its measures and its concertation above the usual effort, cents. */
const upkeepCents = (s: SimState) => UPKEEP.reduce((a, reason) => a + movedCents(s, `city>suppliers:${reason}`), 0);

describe('after the playable years, the standing choices are no longer counted', () => {
  it('kept through every playable month, paid for in each; in the month after, no measure, the usual concertation, and nothing more to pay', () => {
    const s = playedCity();
    months(s, sc.playableYears * 12);
    expect(MEASURES.every((m) => s.city.governance[m])).toBe(true);
    expect(s.city.concertation).toBe(1);
    const paid = upkeepCents(s);
    const monthly = Math.round((MEASURES.reduce((a, m) => a + sc.coordination.measures[m].costEur, 0) + sc.city.concertationCostEur * (1 - sc.city.concertation)) * 100 / 12);
    expect(paid).toBeGreaterThanOrEqual(sc.playableYears * 12 * monthly - 100);
    months(s, 1);
    expect(MEASURES.some((m) => s.city.governance[m])).toBe(false);
    expect(s.city.concertation).toBe(sc.city.concertation);
    months(s, 30);
    expect(upkeepCents(s)).toBe(paid);
    const said = s.log.filter((l) => l.kind === 'decision' && l.data.action === 'playEnd');
    expect(said).toHaveLength(1);
    expect(said[0]!.tick).toBe(sc.playableYears * 12);
    expect(said[0]!.kind === 'decision' && said[0]!.data).toMatchObject({ key: 'playEnd.standingChoices', kept: 3, concertationPct: 100, usualPct: 40 });
  });

  it('nothing kept and the usual effort: nothing changes, and no line is written', () => {
    const s = freshState(sc, 7);
    months(s, sc.playableYears * 12 + 1);
    expect(s.log.some((l) => l.kind === 'decision' && l.data.action === 'playEnd')).toBe(false);
  });

  it('a player\u2019s action after the playable years is refused: the choices cannot come back', () => {
    const s = playedCity();
    months(s, sc.playableYears * 12 + 1);
    const r = applyAction(s, sc, newScratch(s), { type: 'governance', measure: 'smartCityOffice', on: true });
    expect(r.ok).toBe(false);
    expect(s.city.governance.smartCityOffice).toBe(false);
  });
});
