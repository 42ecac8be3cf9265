/**
 * The veto players' ratification (rules/negotiation.ts `vetoChance`, MODEL §13.2): a commune or the
 * department breaks an accepted deal during its award at 0.1 × (1 − alignment) a month, less the
 * larger the share of the city's investment its co-funders are expected to pay (DESIGN C3).
 */
import { describe, expect, it } from 'vitest';
import { updateGrantCalls } from '../../src/sim/rules/funding';
import { vetoChance } from '../../src/sim/rules/negotiation';
import { dijon, freshState, terms } from './helpers';

describe('the veto players weigh what their own taxpayers pay', () => {
  const sc = dijon();
  const s = freshState(sc);
  // The DSIL call (a State grant at the scenario's grant share) opens at tick 9.
  for (let t = 0; t <= 9; t++) {
    s.tick = t;
    updateGrantCalls(s, sc);
  }
  const base = 0.1 * (1 - s.alignment);

  it('without a grant: 0.1 × (1 − alignment) a month', () => {
    expect(vetoChance(s, sc, terms({ grantCalls: [] }))).toBeCloseTo(base, 12);
  });

  it('a co-funded deal is vetoed less, and the more so the larger the grant', () => {
    const funded = vetoChance(s, sc, terms({ grantCalls: ['dsil'] }));
    expect(funded).toBeLessThan(base * 0.9);
    const rich = structuredClone(s);
    rich.grantCalls.find((c) => c.id === 'dsil')!.rate = 0.5;
    const richer = vetoChance(rich, sc, terms({ grantCalls: ['dsil'] }));
    expect(richer).toBeLessThan(funded);
    expect(richer).toBeGreaterThanOrEqual(0);
  });

  it('a partner’s financing is no outside money: a deal the partner finances is not vetoed less than one the city pays', () => {
    const cityPays = vetoChance(s, sc, terms({ form: 'partnership', cityCapitalShare: 1, grantCalls: ['dsil'] }));
    const partnerPays = vetoChance(s, sc, terms({ form: 'partnership', cityCapitalShare: 0.2, grantCalls: ['dsil'] }));
    expect(partnerPays).toBeGreaterThanOrEqual(cityPays);
  });
});
