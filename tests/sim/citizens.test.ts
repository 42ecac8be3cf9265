/** Citizens (src/sim/rules/citizens.ts): satisfaction follows services, taxes, nuisance, concertation. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { citizensPhase, debtAsTaxRise, districtServiceLevel } from '../../src/sim/rules/citizens';
import { DOMAINS, type Scenario } from '../../src/sim/scenario-schema';
import { legacyServices } from '../../src/sim/rules/services';
import type { SimState } from '../../src/sim/types';
import { dijon, freshState, variant } from './helpers';

const sc = dijon();

/** Runs the citizens phase `months` times with `setup` applied before each month; returns the mean. */
function liveIn(scenario: Scenario, setup: (s: SimState) => void, months = 24, seed = 1): SimState {
  const s = freshState(scenario, seed, 400);
  for (let m = 0; m < months; m++) {
    setup(s);
    citizensPhase(s, scenario);
  }
  return s;
}
const live = (setup: (s: SimState) => void, months = 24, seed = 1) => liveIn(sc, setup, months, seed);

/** The districts' services as the legacy stocks give them at the start (no project). */
const asAtStart = (s: SimState) => {
  for (const d of s.districts) for (const k of DOMAINS) d.services[k] = 0;
  legacyServices(s, sc);
};

const withServices = (q: number) => (s: SimState) => {
  for (const d of s.districts) for (const k of DOMAINS) d.services[k] = q;
};

describe('citizens', () => {
  it('the service level of a district is the sum of its domain qualities ÷ 3, at most 1', () => {
    const s = freshState();
    expect(districtServiceLevel(s.districts[0]!.services)).toBe(0);
    s.districts[0]!.services.lighting = 0.6;
    s.districts[0]!.services.mobility = 0.3;
    expect(districtServiceLevel(s.districts[0]!.services)).toBeCloseTo(0.3, 12);
    withServices(1)(s);
    expect(districtServiceLevel(s.districts[0]!.services)).toBe(1);
  });

  it('with nothing changing (the legacy stocks as they start), satisfaction stays near where it started', () => {
    const s = live(asAtStart);
    expect(Math.abs(s.satisfactionMean - sc.citizens.initialSatisfaction)).toBeLessThan(0.05);
  });

  it('more services: satisfaction rises', () => {
    const none = live(withServices(0));
    const some = live(withServices(0.05));
    const many = live(withServices(0.15));
    expect(some.satisfactionMean).toBeGreaterThan(none.satisfactionMean + 0.01);
    expect(many.satisfactionMean).toBeGreaterThan(some.satisfactionMean + 0.01);
  });

  it('services with diminishing returns: the same rise pleases less the more the district already has, and all of them together are bounded', () => {
    // Service levels S = 7q/3: 0.14 (about the start), 0.47, 0.8, 1 (the cap).
    const gain = (from: number, to: number) => live(withServices(to), 60).satisfactionMean - live(withServices(from), 60).satisfactionMean;
    expect(gain(0.06, 0.2)).toBeGreaterThan(0.02);
    const ratio = gain(0.2, 0.34) / gain(0.06, 0.2);
    // Without the saturation (linear, as before issue 9) the second rise keeps far more of the first's effect.
    const linear = { ...sc, citizens: { ...sc.citizens, serviceSaturation: 0 } };
    const gainLinear = (from: number, to: number) => liveIn(linear, withServices(to), 60).satisfactionMean - liveIn(linear, withServices(from), 60).satisfactionMean;
    const ratioLinear = gainLinear(0.2, 0.34) / gainLinear(0.06, 0.2);
    expect(ratio).toBeLessThan(0.6 * ratioLinear);
  });

  it('a service lost is felt: a district whose legacy stock wears out grows less satisfied', () => {
    const start = live(asAtStart, 60);
    const worn = live((x) => {
      asAtStart(x);
      for (const d of x.districts) for (const k of DOMAINS) d.services[k] *= 0.6;
    }, 60);
    expect(worn.satisfactionMean).toBeLessThan(start.satisfactionMean - 0.01);
  });

  it('debt taken on is felt like the level of the tax rise that would repay it, weighed w_D; a debt below its start is not', () => {
    const base = live(asAtStart, 36);
    const borrowed = live((x) => {
      asAtStart(x);
      x.city.debtEur = sc.city.debtEur + 150e6;
    }, 36);
    const repaid = live((x) => {
      asAtStart(x);
      x.city.debtEur = sc.city.debtEur - 150e6;
    }, 36);
    expect(borrowed.satisfactionMean).toBeLessThan(base.satisfactionMean);
    expect(repaid.satisfactionMean).toBe(base.satisfactionMean);
    // A debt is a tax deferred, felt per euro like the rates' level, never as news: with the news
    // weighed nothing, the same as a rate level raised by w_D × D for good.
    const levelOnly = variant({ 'citizens.weights.taxes': 0 });
    const debtOnly = liveIn(levelOnly, (x) => {
      asAtStart(x);
      x.city.debtEur = sc.city.debtEur + 150e6;
    }, 36);
    const rise = sc.citizens.weights.debt * debtAsTaxRise(debtOnly, sc);
    expect(rise).toBeGreaterThan(0.05);
    const taxedOnly = liveIn(levelOnly, (x) => {
      asAtStart(x);
      x.city.taxLevel = 1 + rise;
    }, 36);
    expect(debtOnly.satisfactionMean).toBeCloseTo(taxedOnly.satisfactionMean, 12);
    // With the level weighed nothing, a debt is not felt at all, however large the news' weight.
    const newsOnly = liveIn(variant({ 'citizens.weights.taxLevel': 0 }), (x) => {
      asAtStart(x);
      x.city.debtEur = sc.city.debtEur + 150e6;
    }, 36);
    expect(newsOnly.satisfactionMean).toBe(base.satisfactionMean);
    // The scores' satisfaction leaves the debt out, as it leaves the taxes out (both are money the scores count).
    expect(borrowed.satisfactionTaxFreeMean).toBeCloseTo(base.satisfactionTaxFreeMean, 12);
  });

  it('services in one district please that district', () => {
    const s = live((x) => {
      x.districts[2]!.services.mobility = 0.9;
    });
    const others = s.districts.filter((_, i) => i !== 2).map((d) => d.satisfaction);
    expect(s.districts[2]!.satisfaction).toBeGreaterThan(Math.max(...others) + 0.01);
  });

  it('the tax-free satisfaction (what the scores read) follows the satisfaction while the rates stay at their start, and ignores them when they move', () => {
    const same = live(withServices(0.4), 36);
    // The same dynamics summed by district (the neighbours' term sums to nothing): equal up to rounding.
    same.districts.forEach((d) => expect(d.satisfactionTaxFree).toBeCloseTo(d.satisfaction, 12));
    expect(same.satisfactionTaxFreeMean).toBeCloseTo(same.satisfactionMean, 12);
    const cut = live((x) => {
      withServices(0.4)(x);
      x.city.taxLevel = 0.8;
    }, 36);
    expect(cut.satisfactionMean).toBeGreaterThan(same.satisfactionMean + 0.005);
    cut.districts.forEach((d, i) => expect(d.satisfactionTaxFree).toBeCloseTo(same.districts[i]!.satisfaction, 12));
    expect(cut.satisfactionTaxFreeMean).toBeCloseTo(same.satisfactionMean, 12);
  });

  it('higher taxes: satisfaction falls, and hits low incomes hardest', () => {
    const base = live(() => {}, 12);
    const taxed = live((x) => {
      x.city.taxLevel = 1.06;
    }, 12);
    // Nearly a point a year on: +6 % of the metropole's rates is about €6 a household a year, felt mostly as news (MODEL.md §3).
    expect(taxed.satisfactionMean).toBeLessThan(base.satisfactionMean - 0.005);
    const drop = (band: number) => {
      let sum = 0;
      let n = 0;
      for (let i = 0; i < taxed.citizens.income.length; i++) {
        if (taxed.citizens.income[i] !== band) continue;
        sum += base.citizens.satisfaction[i]! - taxed.citizens.satisfaction[i]!;
        n++;
      }
      return sum / n;
    };
    expect(drop(0)).toBeGreaterThan(drop(2));
  });

  it('concertation lowers the nuisance penalty of works', () => {
    const works = (concertation: number) => (x: SimState) => {
      for (const d of x.districts) d.nuisance = 0.8;
      x.city.concertation = concertation;
    };
    const quiet = live(() => {});
    const noTalk = live(works(0));
    const talk = live(works(1));
    expect(noTalk.satisfactionMean).toBeLessThan(quiet.satisfactionMean - 0.02);
    expect(talk.satisfactionMean).toBeGreaterThan(noTalk.satisfactionMean + 0.01);
    expect(talk.satisfactionMean).toBeLessThan(quiet.satisfactionMean);
  });

  it('a district’s vote intention rises with its satisfaction since the term began', () => {
    const s = live(withServices(0.5));
    const flat = live(() => {});
    expect(s.districts[0]!.voteIntention).toBeGreaterThan(flat.districts[0]!.voteIntention);
  });

  it('satisfaction stays in [0, 1] under any mix of extreme conditions', () => {
    const arb = fc.record({
      services: fc.double({ min: 0, max: 1, noNaN: true }),
      nuisance: fc.double({ min: 0, max: 1, noNaN: true }),
      tax: fc.double({ min: 0.5, max: 3, noNaN: true }),
      concertation: fc.double({ min: 0, max: 1, noNaN: true }),
      privacy: fc.double({ min: 0, max: 1, noNaN: true }),
      heat: fc.double({ min: 0, max: 1, noNaN: true }),
      protest: fc.double({ min: 0, max: 1, noNaN: true }),
      environment: fc.double({ min: 0, max: 1, noNaN: true }),
    });
    fc.assert(
      fc.property(arb, (x) => {
        const s = live((st) => {
          withServices(x.services)(st);
          for (const d of st.districts) {
            d.nuisance = x.nuisance;
            d.environment = x.environment;
          }
          st.city.taxLevel = x.tax;
          st.city.concertation = x.concertation;
          st.city.privacyShock = x.privacy;
          st.city.heatStress = x.heat;
          st.city.protest = x.protest;
        }, 30);
        for (const v of s.citizens.satisfaction) expect(v >= 0 && v <= 1).toBe(true);
        for (const d of s.districts) {
          expect(d.satisfaction >= 0 && d.satisfaction <= 1).toBe(true);
          expect(d.voteIntention >= 0 && d.voteIntention <= 1).toBe(true);
        }
        expect(s.satisfactionMean >= 0 && s.satisfactionMean <= 1).toBe(true);
      }),
      { seed: 42, numRuns: 40 },
    );
  });

  it('the mean is the mean of the agents', () => {
    const s = live(withServices(0.3), 5);
    const mean = s.citizens.satisfaction.reduce((a, b) => a + b, 0) / s.citizens.satisfaction.length;
    expect(s.satisfactionMean).toBeCloseTo(mean, 12);
  });
});
