/**
 * The fast paths the computer players use give the same answers as the full checks:
 * `termsLawful` is exactly `termsProblem(…) === null` (it only runs the same checks in another
 * order, and may be handed the competitive bound already computed), `termsLawfulChecker` is
 * `termsLawful` for the variants of a deal (its scope's checks run once), and `dealCapital` is exactly
 * the capital row, price and grants of `dealFlows`; `dealValuesOverDurations` and `dealCityValue` are
 * the values of `dealFlows`, bit for bit. Checked over the states of a run (with award
 * procedures open, so the competitive bound binds) and a grid of terms that meets every valued
 * refusal (budget, competition, partnership, concession).
 */
import { describe, expect, it } from 'vitest';
import { createRun } from '../../src/sim';
import { competitiveCapEur, competitiveCapsOf } from '../../src/sim/rules/procedure';
import { termsLawful, termsLawfulChecker, termsProblem } from '../../src/sim/rules/terms';
import { cityPaymentAnnuity, cityValuesOfVariants, dealCapexEur, dealCapital, dealCityValue, dealContext, dealFlows, dealValues, dealValuesOfVariants, dealValuesOverDurations, partnerPaymentAnnuity, partnerValuesOfVariants, valueForCity, valueForMoney, valueForPartner, type DealFlows } from '../../src/sim/rules/valuation';
import { cityCostWeights, cityWeights } from '../../src/sim/rules/discount';
import type { ContractForm, ContractTerms, SimState } from '../../src/sim/types';
import { dijon, terms } from './helpers';

const sc = dijon();

/** States along a 12-year run of the default computer players, some with a procedure past its bids. */
function sampleStates(): SimState[] {
  const run = createRun(sc, { seed: 3, agents: 200, years: 12 });
  const out: SimState[] = [];
  let bids = 0;
  while (!run.isOver()) {
    run.advanceTick();
    const s = run.state;
    const bound = (s.negotiation?.procedure.rivalCostFactor ?? null) !== null;
    if (s.tick % 23 === 0 || (bound && bids++ % 4 === 0)) out.push(structuredClone(s));
  }
  return out;
}

function grid(state: SimState): ContractTerms[] {
  const nd = sc.territory.districts.length;
  const all = [...Array(nd).keys()];
  const out: ContractTerms[] = [];
  const base = (over: Partial<ContractTerms>): ContractTerms => terms({ districts: all, annualPaymentEur: 0, ...over });
  const open = state.grantCalls.filter((c) => state.tick <= c.deadlineTick).map((c) => c.id);
  for (const project of ['streetLighting', 'buildingEnergy', 'dataPlatform']) {
    for (const districts of [all, [1, 2]]) {
      for (const form of ['performance', 'partnership', 'concession', 'procurement'] as ContractForm[]) {
        for (const durationYears of [form === 'procurement' ? 0 : 5, 12, 25]) {
          for (const annualPaymentEur of [0, 300_000, 3_000_000]) {
            out.push(
              base({
                projects: [project],
                districts,
                form,
                durationYears,
                annualPaymentEur: form === 'procurement' ? 0 : annualPaymentEur,
                cityCapitalShare: form === 'partnership' || form === 'concession' ? 0.5 : 1,
                savingsShareToPartner: form === 'concession' ? 0.6 : 0,
                grantCalls: open.slice(0, 1),
              }),
            );
          }
        }
      }
    }
  }
  out.push(base({ form: 'pilot', pilot: true, districts: [0], durationYears: 2, projects: ['streetLighting'] }));
  return out;
}

describe('fast paths of the computer players', () => {
  const states = sampleStates();

  it('termsLawful is termsProblem(…) === null, with or without the bound handed in, at offer and at acceptance', () => {
    const codes = new Map<string, number>();
    let withBound = 0;
    for (const s of states) {
      for (const t of grid(s)) {
        for (const builder of ['partner', 'suppliers'] as const) {
          for (const atAcceptance of [false, true]) {
            const p = termsProblem(s, sc, t, { atAcceptance, builder });
            const code = p?.code ?? 'ok';
            codes.set(code, (codes.get(code) ?? 0) + 1);
            expect(termsLawful(s, sc, t, { atAcceptance, builder }), `${code} at tick ${s.tick}`).toBe(p === null);
            const cap = competitiveCapEur(s, sc, t);
            if (cap !== null) withBound++;
            expect(termsLawful(s, sc, t, { atAcceptance, builder, capEur: cap }), `${code} at tick ${s.tick} (bound ${cap})`).toBe(p === null);
            if (cap !== null && cap > 0 && t.form !== 'procurement') {
              // At the bound exactly, and a step above it.
              for (const pay of [cap, cap + 1000]) {
                const at = { ...t, annualPaymentEur: pay };
                const q = termsProblem(s, sc, at, { atAcceptance, builder });
                expect(termsLawful(s, sc, at, { atAcceptance, builder, capEur: cap }), `${q?.code ?? 'ok'} at the bound`).toBe(q === null);
              }
            }
          }
        }
      }
    }
    // Every valued refusal is met, so a fast path that skipped one would fail here.
    for (const code of ['ok', 'envelopeExceeded', 'aboveCompetitiveBid', 'partnershipNoValueForMoney', 'concessionNoOperatingRisk', 'concessionTooLong']) expect(codes.get(code) ?? 0, code).toBeGreaterThan(0);
    expect(withBound).toBeGreaterThan(0);
  });

  it('termsLawfulChecker answers as termsLawful for the variants of a deal sharing its lists (lengths, payments, compensations, guarantees)', () => {
    const seen = { lawful: 0, refused: 0, scopes: 0 };
    for (const s of states) {
      // One checker per state, over every variant of every base (their lists shared, as `{ ...base }` shares them).
      const check = termsLawfulChecker(s, sc);
      for (const base of grid(s).filter((t) => t.durationYears === 12 && t.annualPaymentEur === 0)) {
        seen.scopes++;
        const cap = competitiveCapEur(s, sc, base);
        for (const durationYears of [base.form === 'procurement' ? 0 : 5, 12, 20, 25]) {
          for (const annualPaymentEur of [0, 300_000, 3_000_000, ...(cap !== null ? [cap, cap + 1000] : [])]) {
            for (const [terminationCompensation, guaranteedSavingShare] of [[0, 0], [0.5, 0.4], [1, 0.6]] as const) {
              const t = { ...base, durationYears, annualPaymentEur: base.form === 'procurement' ? 0 : annualPaymentEur, terminationCompensation, guaranteedSavingShare, penaltyRate: guaranteedSavingShare > 0 ? 1 : 0 };
              for (const capEur of [undefined, null, cap]) {
                const expected = termsLawful(s, sc, t, capEur === undefined ? {} : { capEur });
                expect(check(t, capEur), `${termsProblem(s, sc, t)?.code ?? 'ok'} at tick ${s.tick}`).toBe(expected);
                seen[expected ? 'lawful' : 'refused']++;
              }
            }
          }
        }
      }
    }
    expect(seen.lawful).toBeGreaterThan(0);
    expect(seen.refused).toBeGreaterThan(0);
  });

  it('dealCapital and dealCapexEur are dealFlows’ own capital row, price and grants', () => {
    for (const s of states.slice(0, 12)) {
      for (const t of grid(s).filter((_, i) => i % 5 === 0)) {
        for (const builder of ['partner', 'suppliers'] as const) {
          const flows = dealFlows(s, sc, t, builder, 'public');
          const lite = dealCapital(s, sc, t, builder);
          expect(lite.capital).toEqual(flows.city.capital);
          expect(lite.capexEur).toBe(flows.capexEur);
          expect(lite.expectedGrantsEur).toBe(flows.expectedGrantsEur);
          expect(dealCapexEur(sc, t)).toBe(flows.capexEur);
          expect(dealFlows(s, sc, t, builder, 'private').city.capital).toEqual(flows.city.capital);
        }
      }
    }
  });

  it('dealValuesOverDurations is the values of dealFlows at each length, bit for bit', () => {
    const durations = [0, 3, 6, 12, 20, 30];
    for (const s of states.slice(0, 12)) {
      for (const t of grid(s).filter((_, i) => i % 5 === 0)) {
        for (const builder of ['partner', 'suppliers'] as const) {
          for (const view of ['public', 'private'] as const) {
            const values = dealValuesOverDurations(s, sc, t, durations, { builder, view });
            // A decision's context of the same state gives the same numbers; another state's is not read.
            expect(dealValuesOverDurations(s, sc, t, durations, { builder, view, context: dealContext(s) })).toStrictEqual(values);
            expect(dealValuesOverDurations(s, sc, t, durations, { builder, view, context: dealContext(states[states.length - 1]!) })).toStrictEqual(values);
            durations.forEach((durationYears, i) => {
              const lt = { ...t, durationYears };
              const flows = dealFlows(s, sc, lt, builder, view);
              expect(values[i]).toStrictEqual({
                city: valueForCity(s, sc, flows),
                cityAnnuity: cityPaymentAnnuity(s, sc, lt, flows),
                partner: valueForPartner(sc, lt, flows),
                partnerAnnuity: partnerPaymentAnnuity(sc, lt, flows),
              });
            });
          }
        }
      }
    }
  });

  it('dealCityValue is valueForCity, capexEur and expectedGrantsEur of dealFlows, bit for bit (purchases alone and pilots too)', () => {
    for (const s of states.slice(0, 12)) {
      for (const t of grid(s).filter((_, i) => i % 3 === 0)) {
        const pilot = { ...t, form: 'pilot' as const, pilot: true, durationYears: sc.negotiation.pilotMaxYears, districts: t.districts.slice(0, 1) };
        for (const u of [t, pilot]) {
          for (const builder of ['partner', 'suppliers'] as const) {
            for (const view of ['public', 'private'] as const) {
              const flows = dealFlows(s, sc, u, builder, view);
              expect(dealCityValue(s, sc, u, builder, view)).toStrictEqual({ city: valueForCity(s, sc, flows), capexEur: flows.capexEur, expectedGrantsEur: flows.expectedGrantsEur });
              expect(dealCityValue(s, sc, u, builder, view, dealContext(s))).toStrictEqual(dealCityValue(s, sc, u, builder, view));
            }
          }
        }
      }
    }
  });

  it('dealValuesOfVariants, its sides (cityValuesOfVariants, partnerValuesOfVariants) and dealValues give the values and partner capital of dealFlows of each variant of a deal, bit for bit', () => {
    for (const s of states.slice(0, 12)) {
      for (const t of grid(s).filter((_, i) => i % 9 === 0)) {
        for (const view of ['public', 'private'] as const) {
          const valuesOf = dealValuesOfVariants(s, sc, 'partner', view);
          const cityOf = cityValuesOfVariants(s, sc, 'partner', view);
          const partnerOf = partnerValuesOfVariants(s, sc, 'partner', view);
          for (const durationYears of [5, 12, 25, 12]) {
            for (const terminationCompensation of [0, 1]) {
              for (const guaranteedSavingShare of [0, 0.7]) {
                for (const annualPaymentEur of [0, t.annualPaymentEur]) {
                  const v = { ...t, durationYears, terminationCompensation, guaranteedSavingShare, penaltyRate: guaranteedSavingShare > 0 ? 1 : 0, annualPaymentEur };
                  const flows = dealFlows(s, sc, v, 'partner', view);
                  const expected = {
                    city: valueForCity(s, sc, flows),
                    cityAnnuity: cityPaymentAnnuity(s, sc, v, flows),
                    partner: valueForPartner(sc, v, flows),
                    partnerAnnuity: partnerPaymentAnnuity(sc, v, flows),
                    partnerCapitalEur: flows.partnerCapitalEur,
                  };
                  expect(valuesOf(v)).toStrictEqual(expected);
                  expect(dealValues(s, sc, v, 'partner', view)).toStrictEqual(expected);
                  expect(cityOf(v)).toStrictEqual({ city: expected.city, cityAnnuity: expected.cityAnnuity });
                  expect(partnerOf(v)).toStrictEqual({ partner: expected.partner, partnerAnnuity: expected.partnerAnnuity, partnerCapitalEur: expected.partnerCapitalEur });
                }
              }
            }
          }
        }
      }
    }
  });

  it('valueForMoney is the prior evaluation summed over the rows of dealFlows, bit for bit', () => {
    const lens = { rate: sc.city.discountRate, presentBias: 1, electoralHazard: 0, yearsToElection: 0 };
    // presentValueWith of the cost and gain series of the city's rows, as a prior evaluation weighs them.
    const value = (flows: DealFlows): number => {
      const c = flows.city;
      const n = c.capital.length;
      const costWeights = cityCostWeights(lens, n);
      const gainWeights = cityWeights(lens, n);
      let costs = 0;
      for (let k = 0; k < n; k++) costs += (c.capital[k]! + c.grants[k]! + c.payments[k]! + c.operation[k]! + c.compensation[k]!) * costWeights[k]!;
      let gains = 0;
      for (let k = 0; k < n; k++) gains += (c.savings[k]! + c.services[k]!) * gainWeights[k]!;
      return costs + gains;
    };
    for (const s of states.slice(0, 12)) {
      for (const t of grid(s).filter((_, i) => i % 3 === 0)) {
        const alone: ContractTerms = { ...t, form: 'procurement', cityCapitalShare: 1, annualPaymentEur: 0, durationYears: 0, guaranteedSavingShare: 0, penaltyRate: 0, savingsShareToPartner: 0, terminationCompensation: 0 };
        // The partnership at a prior evaluation's figures (the view `dealFlows` does not name).
        const partnership = dealFlows(s, sc, t, 'partner', 'evaluation' as 'public');
        expect(valueForMoney(s, sc, t)).toStrictEqual({ partnershipEur: value(partnership), procurementEur: value(dealFlows(s, sc, alone, 'suppliers', 'public')) });
      }
    }
  });

  it('competitiveCapsOf gives competitiveCapEur of each variant of a deal', () => {
    for (const s of states.slice(0, 12)) {
      for (const t of grid(s).filter((_, i) => i % 9 === 0)) {
        const capOf = competitiveCapsOf(s, sc);
        for (const durationYears of [5, 12, 25, 12]) {
          for (const terminationCompensation of [0, 1]) {
            for (const guaranteedSavingShare of [0, 0.7]) {
              const v = { ...t, durationYears, terminationCompensation, guaranteedSavingShare, penaltyRate: guaranteedSavingShare > 0 ? 1 : 0 };
              expect(capOf(v)).toBe(competitiveCapEur(s, sc, v));
            }
          }
        }
      }
    }
  });
});
