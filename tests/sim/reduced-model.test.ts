/**
 * The computer players value offers with a reduced model (`dealFlows` + the lenses of
 * valuation.ts: expected flows from the catalogue and the terms, no simulation). DESIGN §4 allows
 * it "when it agrees with the full one"; this file shows that it ranks offers as a full look-ahead
 * of the model does.
 *
 * What is measured. Eight lawful offers for one project (smart street lighting over all districts
 * of the Dijon-like scenario, global performance contracts) that differ in annual payment, duration,
 * city capital share, termination compensation and guarantee. For each of five seeds and each
 * offer, the fresh initial state (300 agents) is forked: one fork signs the offer at tick 0
 * (`signContract`, as a concluded negotiation would), the other signs nothing; both run 27 years
 * (works + the fittings' 25-year life, the span `dealFlows` projects) with no computer player, so
 * the only difference between the forks is the contract and what it causes (overruns, realised
 * benefits, failures, politics: a new majority may reopen it, the energy price moves).
 *
 * - Partner: realised value = the fork's `state.partner.npvEur` minus the baseline fork's (the NPV of
 *   its actual flows with the city, discounted monthly at its cost of capital to the start). The
 *   reduced model's value is `valueForPartner` on `dealFlows` in the private view (its true costs).
 * - City, money only: the reduced model also counts the welfare value of services and CO₂, which
 *   no ledger records; so both sides are restricted to money. Realised: month by month, the
 *   difference between the forks of the city's smart-city spending (`city.smartCitySpentEur`:
 *   capital share, payments, savings share, running costs after the contract, repairs,
 *   compensation, net of grants and penalties) and of its energy bill and running costs (the
 *   savings), summed by year. Financing (loans, interest) is left out on both sides: the reduced
 *   model counts capital when it is spent. Both series are then valued by the *same* function,
 *   `valueForCity` at the initial state (the city's lens: public rate, present bias, electoral
 *   hazard on benefits, fiscal weight on costs), the reduced one with its `services` set to zero —
 *   so the comparison tests the projection of flows, not the discounting.
 * The ranking of the offers by the reduced value (mean over seeds) is compared with their ranking by
 * the realised value (mean over seeds) with Spearman's ρ (average ranks for ties): ρ ≥ 0.8 on both
 * sides. Levels are compared too, loosely: the reduced model omits the expected cost overrun the
 * partner bears on the whole works whatever the city's share (E|N|·σ ≈ 8 % of their true cost
 * here, about €2.2 M), counts flows at the end of each year while the ledger is monthly, and
 * replaces realised politics by a risk premium; the gap (about €1.2–2.3 M, the reduced model
 * above) must stay within 8 % of the works' price (€40.8 M).
 *
 * Mutation check (scratch copy, see the closing report): a reduced model whose payments ignore the
 * duration (always 10 years) fails both ρ bounds.
 */
import { describe, expect, it } from 'vitest';
import { signContract } from '../../src/sim/rules/contracts';
import { termsProblem } from '../../src/sim/rules/terms';
import { dealFlows, valueForCity, valueForPartner, type DealFlows } from '../../src/sim/rules/valuation';
import { cloneState } from '../../src/sim/serialize';
import { stepInPlace } from '../../src/sim/step';
import type { ContractTerms, SimState } from '../../src/sim/types';
import { dijonLed1200, freshState, NO_POLICIES, terms } from './helpers';

const sc = dijonLed1200();
const SEEDS = [1, 2, 3, 4, 5];
const AGENTS = 300;
const ALL = sc.territory.districts.map((_, i) => i);

// The partner finances: a partnership contract, its prior evaluation done (see `studied`).
const base = terms({ form: 'partnership', projects: ['streetLighting'], districts: ALL, cityCapitalShare: 0.3 });
const OFFERS: ContractTerms[] = [
  { durationYears: 8, annualPaymentEur: 3_400_000 },
  { durationYears: 10, annualPaymentEur: 2_600_000 },
  { durationYears: 12, annualPaymentEur: 2_500_000 },
  { durationYears: 12, annualPaymentEur: 2_900_000, terminationCompensation: 1 },
  { durationYears: 15, annualPaymentEur: 2_200_000 },
  { durationYears: 15, annualPaymentEur: 1_900_000, cityCapitalShare: 0.5 },
  { durationYears: 20, annualPaymentEur: 2_100_000 },
  { durationYears: 12, annualPaymentEur: 3_000_000, guaranteedSavingShare: 0.6, penaltyRate: 1 },
].map((o) => ({ ...base, ...o }));

/** Average ranks (1 = smallest), ties sharing their mean rank. */
function ranks(xs: number[]): number[] {
  const idx = xs.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
  const r = new Array<number>(xs.length);
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && idx[j + 1]![0] === idx[i]![0]) j++;
    for (let k = i; k <= j; k++) r[idx[k]![1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return r;
}

function spearman(a: number[], b: number[]): number {
  const ra = ranks(a);
  const rb = ranks(b);
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const ma = mean(ra);
  const mb = mean(rb);
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < ra.length; i++) {
    num += (ra[i]! - ma) * (rb[i]! - mb);
    da += (ra[i]! - ma) ** 2;
    db += (rb[i]! - mb) ** 2;
  }
  return num / Math.sqrt(da * db);
}

interface Realised {
  /** City money by year from the signature: costs (≤ 0 mostly) and savings (≥ 0). */
  costs: number[];
  savings: number[];
  partnerNpv: number;
}

const cents = (s: SimState, key: string) => (s.ledger.totalsCents[key] ?? 0) / 100;

/** Runs a fork for `years` with no computer player, recording the city's project money by year. */
function roll(s: SimState, years: number): Realised {
  const costs = new Array<number>(years).fill(0);
  const savings = new Array<number>(years).fill(0);
  for (let m = 0; m < years * 12; m++) {
    const spent0 = s.city.smartCitySpentEur;
    const bill0 = cents(s, 'city>suppliers:energy bill') + cents(s, 'city>suppliers:running costs');
    stepInPlace(s, sc, [], NO_POLICIES);
    const k = Math.floor(m / 12);
    costs[k]! -= s.city.smartCitySpentEur - spent0;
    savings[k]! -= cents(s, 'city>suppliers:energy bill') + cents(s, 'city>suppliers:running costs') - bill0;
  }
  return { costs, savings, partnerNpv: s.partner.npvEur };
}

/** A DealFlows carrying only these city money series (for valuing them with `valueForCity`). */
function cityMoneyFlows(template: DealFlows, costs: number[], savings: number[]): DealFlows {
  const n = costs.length;
  const z = () => new Array<number>(n).fill(0);
  const city = { capital: [...costs], grants: z(), payments: z(), savings: [...savings], services: z(), operation: z(), penalties: z(), compensation: z(), net: z() };
  return { ...template, years: n, city };
}

/** The reduced model's city flows with the welfare part (services, CO₂) taken out. */
function moneyOnly(f: DealFlows): DealFlows {
  return { ...f, city: { ...f.city, services: f.city.services.map(() => 0) } };
}

const results = (() => {
  const n = OFFERS.length;
  const reducedPartner = new Array<number>(n).fill(0);
  const realisedPartner = new Array<number>(n).fill(0);
  const reducedCity = new Array<number>(n).fill(0);
  const realisedCity = new Array<number>(n).fill(0);
  const capex = new Array<number>(n).fill(0);
  const problems: string[] = [];
  let years = 0;
  for (const seed of SEEDS) {
    const s0 = freshState(sc, seed, AGENTS);
    s0.partnershipStudies.push({ projects: ['streetLighting'], districts: ALL, startTick: -sc.negotiation.partnershipStudyMonths, readyTick: 0 });
    // The council votes an envelope that covers this programme's first-year works (a lawful vote:
    // well within `envelopeCapacityEur`); the budget's own checks are tested in legality.test.ts.
    s0.city.envelopeLeftEur = 30e6;
    years = Math.max(...OFFERS.map((o) => dealFlows(s0, sc, o).years));
    const none = roll(cloneState(s0), years);
    OFFERS.forEach((o, i) => {
      const p = termsProblem(s0, sc, o);
      if (p) problems.push(`offer ${i}, seed ${seed}: ${p.code} ${p.reason}`);
      const flows = dealFlows(s0, sc, o); // private view: the partner's true costs
      reducedPartner[i]! += valueForPartner(sc, o, flows) / SEEDS.length;
      reducedCity[i]! += valueForCity(s0, sc, moneyOnly(flows)) / SEEDS.length;
      capex[i]! += flows.capexEur / SEEDS.length;
      const s = cloneState(s0);
      signContract(s, sc, o, 'partner');
      const r = roll(s, years);
      realisedPartner[i]! += (r.partnerNpv - none.partnerNpv) / SEEDS.length;
      const dc = r.costs.map((x, k) => x - none.costs[k]!);
      const ds = r.savings.map((x, k) => x - none.savings[k]!);
      realisedCity[i]! += valueForCity(s0, sc, cityMoneyFlows(flows, dc, ds)) / SEEDS.length;
    });
  }
  return { reducedPartner, realisedPartner, reducedCity, realisedCity, capex, problems, years };
})();

const fmt = (xs: number[]) => xs.map((x) => (x / 1e6).toFixed(2)).join(', ');

describe('the reduced model ranks offers like a full look-ahead of the model', () => {
  it('the offers are lawful and different enough to rank', () => {
    expect(results.problems).toEqual([]);
    expect(results.years).toBeGreaterThanOrEqual(25);
    // Spread: the realised values span several million euros on each side.
    const span = (xs: number[]) => Math.max(...xs) - Math.min(...xs);
    expect(span(results.realisedPartner)).toBeGreaterThan(3e6);
    expect(span(results.realisedCity)).toBeGreaterThan(3e6);
  });

  it('partner: Spearman ρ(reduced valueForPartner, realised NPV at its own rate) ≥ 0.8', () => {
    const rho = spearman(results.reducedPartner, results.realisedPartner);
    expect(rho, `reduced [${fmt(results.reducedPartner)}] vs realised [${fmt(results.realisedPartner)}] (€M)`).toBeGreaterThanOrEqual(0.8);
    // The realised best offer for the partner is among the reduced model's two best. (Not always
    // the best: the reduced model prices a political risk — a defeated majority ending the
    // contract — that this look-ahead, without a computer city to decide, never realises, so an
    // offer with the full lost-profit clause gains on near ties.)
    const best = (xs: number[]) => xs.indexOf(Math.max(...xs));
    const top2 = [...results.reducedPartner.keys()].sort((a, b) => results.reducedPartner[b]! - results.reducedPartner[a]!).slice(0, 2);
    expect(top2, `reduced [${fmt(results.reducedPartner)}] vs realised [${fmt(results.realisedPartner)}]`).toContain(best(results.realisedPartner));
  });

  it('city, money only: Spearman ρ(reduced, realised), both through the city’s lens, ≥ 0.8', () => {
    const rho = spearman(results.reducedCity, results.realisedCity);
    expect(rho, `reduced [${fmt(results.reducedCity)}] vs realised [${fmt(results.realisedCity)}] (€M)`).toBeGreaterThanOrEqual(0.8);
  });

  it('partner: the reduced value is within 8 % of the works’ price of the realised NPV', () => {
    results.reducedPartner.forEach((v, i) => {
      expect(Math.abs(v - results.realisedPartner[i]!), `offer ${i}: reduced ${fmt([v])}, realised ${fmt([results.realisedPartner[i]!])} €M`).toBeLessThan(0.08 * results.capex[i]!);
    });
  });

  it('spearman helper: 1 for the same order, −1 for the reverse, ties averaged', () => {
    expect(spearman([1, 2, 3, 4], [10, 20, 30, 40])).toBeCloseTo(1, 12);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1, 12);
    expect(ranks([5, 1, 5, 2])).toEqual([3.5, 1, 3.5, 2]);
  });
});
