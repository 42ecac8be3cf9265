/**
 * The three scores (src/sim/scores.ts, MODEL.md §15 "Scores"): their floor (a game where nobody
 * acts scores about 0: only the legacy's wear and satisfaction move), their accounting (a payment from the city to the partner is a gain for one, a loss for the
 * other and, through the opportunity cost of public funds, a small loss for the territory), that
 * they are never NaN, and that they show individual against collective rationality over seeds.
 */
import { describe, expect, it } from 'vitest';
import { createRun, runSimulation } from '../../src/sim';
import { playThrough } from '../../src/sim/run';
import { cloneState } from '../../src/sim/serialize';
import { cityPays, cityReceives, FCTVA_REASON, newScratch } from '../../src/sim/money';
import { cityScore, everyoneMoneyEur, partnerScore, scoreMonth, territoryScore } from '../../src/sim/scores';
import type { OperationResult } from '../../src/sim/rules/projects';
import type { SimState } from '../../src/sim/types';
import { mean, measure, pairedDiffs, reference, sePaired, withSets } from '../claims/harness';
import { dijon, freshState, variant } from './helpers';

const SCORES = ['cityScore', 'partnerScore', 'territoryScore'] as const;
const quietMonth: OperationResult = { energySavedMWh: 0, energyBillEur: 0, otherSavingsEur: 0, co2AvoidedT: 0, lightingMWh: 0, savingsByContract: new Map() };

/** Two fresh worlds of the reference scenario, each with its month's scratch, and a quiet month scored in both. */
function twoWorlds() {
  const sc = dijon();
  const a = freshState(sc);
  const b = freshState(sc);
  const sa = newScratch(a);
  const sb = newScratch(b);
  const scoreBoth = () => {
    scoreMonth(a, sc, sa, quietMonth, 0);
    scoreMonth(b, sc, sb, quietMonth, 0);
  };
  return { sc, a, b, sa, sb, scoreBoth };
}

describe('scores: the floor', () => {
  it('a game where nobody acts scores about 0 on each score (the partner exactly 0)', () => {
    const r = runSimulation(dijon(), { seed: 3, years: 30, agents: 500, city: 'none', partner: 'none' });
    expect(r.summary.partnerScore).toBe(0);
    // No money, no services: only satisfaction (events, no works) moves, a few points at most.
    expect(Math.abs(r.summary.cityScore!)).toBeLessThan(5);
    expect(Math.abs(r.summary.territoryScore!)).toBeLessThan(5);
    expect(r.summary.everyoneMoneySpentEur).toBe(0);
    expect(r.summary.serviceYears).toBe(0);
  });
});

describe('scores: accounting of a transfer', () => {
  it('a payment from the city to the partner raises the partner’s score, lowers the city’s, and costs the territory the opportunity cost of public funds', () => {
    const { sc, a: base, b: paid, sb: s1, scoreBoth } = twoWorlds();
    // The same month in both, except that in one the city pays the partner €10 M more (a gouged price).
    cityPays(paid, s1, { to: 'partner', eur: 10e6, reason: 'payment', section: 'operating', smart: true });
    paid.partner.npvEur += 10e6 * (1 + sc.partner.discountRate) ** (-1 / 12);
    scoreBoth();
    const d = (f: typeof cityScore) => f(paid, sc) - f(base, sc);
    expect(d(partnerScore)).toBeGreaterThan(0);
    expect(d(cityScore)).toBeLessThan(0);
    expect(d(territoryScore)).toBeLessThan(0);
    // The city loses 1.2 € per euro, the territory 0.2 €: six times less.
    expect(d(cityScore) / d(territoryScore)).toBeCloseTo(6, 6);
  });

  it('grants are free to the city, not to the territory', () => {
    const { sc, a: base, b: granted, sa: s0, sb: s1, scoreBoth } = twoWorlds();
    // The city buys €10 M of works; in one world the State pays €8 M of them.
    for (const [st, sx] of [[base, s0], [granted, s1]] as const) cityPays(st, sx, { to: 'suppliers', eur: 10e6, reason: 'works', section: 'investment', smart: true });
    cityReceives(granted, s1, { from: 'state', eur: 8e6, reason: 'grant', section: 'investment', smart: true });
    scoreBoth();
    expect(cityScore(granted, sc)).toBeGreaterThan(cityScore(base, sc));
    expect(territoryScore(granted, sc)).toBeCloseTo(territoryScore(base, sc), 9);
  });

  it('the FCTVA is the city\u2019s money back, and not public money spent for the territory: it refunds VAT the State collected on the purchase', () => {
    const { sc, a: base, b: refunded, sa: s0, sb: s1, scoreBoth } = twoWorlds();
    // The city buys €10 M of works; in one world the State has refunded their VAT (FCTVA, 16.404 %).
    for (const [st, sx] of [[base, s0], [refunded, s1]] as const) cityPays(st, sx, { to: 'suppliers', eur: 10e6, reason: 'works', section: 'investment', smart: true });
    cityReceives(refunded, s1, { from: 'state', eur: 1.6404e6, reason: FCTVA_REASON, section: 'investment', smart: true });
    scoreBoth();
    expect(refunded.scores.publicFundsEur).toBe(0);
    expect(everyoneMoneyEur(base) - everyoneMoneyEur(refunded)).toBeCloseTo(1.6404e6, 2);
    // The city and the territory gain the same: λ × the refund.
    const d = (f: typeof cityScore) => f(refunded, sc) - f(base, sc);
    expect(d(cityScore)).toBeGreaterThan(0);
    expect(d(territoryScore)).toBeCloseTo(d(cityScore), 9);
  });

  it('a tax cut is a transfer: the satisfaction the scores read leaves out the tax term (the vote still reads it)', () => {
    const sc = dijon();
    const run = (taxLevel: number) => {
      const r = createRun(sc, { seed: 2, years: 3, agents: 300, city: 'none', partner: 'none' });
      while (!r.isOver()) {
        r.state.city.taxLevel = taxLevel;
        r.advanceTick([]);
      }
      return r.state;
    };
    const kept = run(1);
    const cut = run(0.7);
    // The citizens like the cut (news that ages, its euros for good: MODEL.md §3)...
    expect(cut.satisfactionMean).toBeGreaterThan(kept.satisfactionMean + 0.02);
    // ...but the scores read what they would feel with the rates left at their start: no gain.
    expect(cut.satisfactionTaxFreeMean).toBeCloseTo(kept.satisfactionTaxFreeMean, 12);
    expect(cut.scores.satisfactionGainPv).toBeCloseTo(kept.scores.satisfactionGainPv, 12);
    expect(territoryScore(cut, sc)).toBeCloseTo(territoryScore(kept, sc), 9);
    // The city only loses (its budget strained by the revenue given up).
    expect(cityScore(cut, sc)).toBeLessThanOrEqual(cityScore(kept, sc));
  });
});

describe('scores: never NaN', () => {
  it('at the start, with no contract and no spending, and at the edges of the scenario’s knobs', () => {
    const edges: Record<string, number>[] = [
      {},
      { 'city.serviceValueEurPerResident': 0 },
      { 'city.carbonValueEurPerT': 0, 'city.discountRate': 0 },
      { 'citizens.initialSatisfaction': 1 },
      { 'citizens.initialSatisfaction': 0 },
      { 'partner.marginRate': 0 },
      { 'procurement.bidders': 0 },
    ];
    for (const sets of edges) {
      const sc = variant(sets);
      const st = freshState(sc);
      for (const f of [cityScore, partnerScore, territoryScore]) expect(Number.isFinite(f(st, sc)), JSON.stringify(sets)).toBe(true);
      const r = runSimulation(sc, { seed: 2, years: 3, agents: 200 });
      for (const k of SCORES) expect(Number.isFinite(r.summary[k]!), `${k} ${JSON.stringify(sets)}`).toBe(true);
      for (const row of r.yearly) for (const k of SCORES) expect(Number.isFinite(row[k]!), `${k} yearly ${JSON.stringify(sets)}`).toBe(true);
    }
  });

  it('over generated knob values and seeds (a fixed pseudo-random sample)', () => {
    let x = 12345;
    const next = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let i = 0; i < 6; i++) {
      const sc = variant({
        'city.discountRate': next() * 0.1,
        'city.serviceValueEurPerResident': next() * 60,
        'city.presentBias': 0.3 + 0.7 * next(),
        'partner.discountRate': 0.02 + next() * 0.15,
        'funding.grantShare': next() * 0.8,
        'citizens.initialSatisfaction': next(),
      });
      const r = runSimulation(sc, { seed: 100 + i, years: 4, agents: 200, city: i % 2 ? 'rule-based' : 'steady-mayor', partner: i % 3 ? 'rule-based' : 'infrastructure-partner' });
      for (const k of SCORES) expect(Number.isFinite(r.summary[k]!), `${k} sample ${i}`).toBe(true);
    }
  });
});

describe('scores: individual against collective rationality', () => {
  it('a gouged price (same seeds, same play; once a partner contract runs, the partner is paid 30 % more on it, and from then on nobody decides in either world): good for the partner, bad for the city and for the territory', () => {
    const sc = dijon();
    const running = (st: SimState) => st.contracts.filter((c) => c.builder === 'partner' && c.status === 'running' && c.terms.annualPaymentEur > 0);
    let forked = 0;
    for (let seed = 1; seed <= 4; seed++) {
      const play = createRun(sc, { seed, agents: 1000 });
      while (!play.isOver() && running(play.state).length === 0) play.advanceTick();
      if (play.isOver()) continue;
      forked += 1;
      const fair = createRun(sc, { seed, agents: 1000, city: 'none', partner: 'none', from: cloneState(play.state) });
      const gouged = createRun(sc, { seed, agents: 1000, city: 'none', partner: 'none', from: cloneState(play.state) });
      for (const c of running(gouged.state)) c.terms.annualPaymentEur *= 1.3;
      playThrough(fair, { actions: [] });
      playThrough(gouged, { actions: [] });
      const at = (g: typeof cityScore, run: typeof fair) => g(run.state, sc);
      expect(at(partnerScore, gouged), `seed ${seed}`).toBeGreaterThan(at(partnerScore, fair));
      expect(at(cityScore, gouged), `seed ${seed}`).toBeLessThan(at(cityScore, fair));
      expect(at(territoryScore, gouged), `seed ${seed}`).toBeLessThan(at(territoryScore, fair));
    }
    expect(forked).toBeGreaterThan(0);
  });

  it('a monopoly (procurement.bidders 1 against 4, default players, seeds paired): the partner gains, the city loses, no more services run, the territory gains nothing', () => {
    // 24 seeds: at 12 the services leg rested on one seed's noise (serviceYears −68.5 ± 30.3 on the
    // model of 549b17e, −69.7 ± 46.2 once grant files outlast their call; −141.9 ± 31.6 over 24).
    // Until issue 9's eleventh round the monopoly also ran fewer services (the dearer payments,
    // summed against the €8 M works envelope, crowded out other deals: the computer city's rent
    // test, MODEL §13.8); tested against the city's net savings since (the real balance), a
    // monopoly is a transfer with as many services (+3.2 ± 20.5 service-years), so the leg reads no more.
    const n = 24;
    const metrics = {
      city: (r: { summary: Record<string, number> }) => r.summary.cityScore!,
      partner: (r: { summary: Record<string, number> }) => r.summary.partnerScore!,
      territory: (r: { summary: Record<string, number> }) => r.summary.territoryScore!,
      serviceYears: (r: { summary: Record<string, number> }) => r.summary.serviceYears!,
    };
    const base = reference();
    const competitive = measure({ scenario: base, years: base.horizonYears, agents: 2000 }, n, metrics);
    const monopoly = measure({ scenario: withSets(base, { 'procurement.bidders': 1 }), years: base.horizonYears, agents: 2000 }, n, metrics);
    const gap = (k: keyof typeof metrics) => ({ d: mean(pairedDiffs(monopoly[k], competitive[k])), se: sePaired(monopoly[k], competitive[k]) });
    const partner = gap('partner');
    const city = gap('city');
    const services = gap('serviceYears');
    const territory = gap('territory');
    expect(partner.d).toBeGreaterThan(2 * partner.se);
    expect(city.d).toBeLessThan(-2 * city.se);
    expect(services.d).toBeLessThan(2 * services.se);
    // What the partner gains is mostly a transfer: the territory does not gain with it.
    expect(territory.d).toBeLessThan(2 * territory.se);
  });
});
