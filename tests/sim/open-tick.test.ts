/** The month split in three (openTick / act / closeTick) is the same month as advanceTick. */
import { describe, expect, it } from 'vitest';
import { createRun, stateHash } from '../../src/sim';
import { dijon, terms } from './helpers';

const sc = dijon();
// Two districts: the city pays these works as built, within the year's €8 M envelope.
const offer = { type: 'propose', by: 'city', terms: terms({ districts: [0, 1], annualPaymentEur: 1_500_000 }) };

describe('a month opened, acted in and closed', () => {
  it('gives the same hashes as advanceTick with the same actions, with computer players on', () => {
    const opts = { seed: 7, agents: 300, city: 'none', partner: 'infrastructure-partner' } as const;
    const a = createRun(sc, opts);
    const b = createRun(sc, opts);
    for (let m = 0; m < 30; m++) {
      const actions = m === 0 || m === 13 ? [offer, { type: 'setConcertation', level: 0.4 }] : [];
      const ra = a.advanceTick(actions);
      b.openTick();
      expect(b.isTickOpen()).toBe(true);
      const rb = actions.map((x) => b.act(x));
      b.closeTick();
      expect(rb).toEqual(ra);
      expect(stateHash(b.state)).toBe(stateHash(a.state));
    }
    expect(a.state.counters.negotiationsOpened).toBeGreaterThan(0);
  });

  it('refuses to open twice, to act or close without an open month', () => {
    const r = createRun(sc, { seed: 1, agents: 100 });
    expect(() => r.act({ type: 'setConcertation', level: 0.1 })).toThrow(/no month is open/);
    expect(() => r.closeTick()).toThrow(/no month is open/);
    r.openTick();
    expect(() => r.openTick()).toThrow(/already open/);
    expect(() => r.advanceTick()).toThrow(/is open/);
  });
});
