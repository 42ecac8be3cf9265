/** What an offer may contain (src/sim/rules/terms.ts): every refusal comes with a readable reason. */
import { describe, expect, it } from 'vitest';
import { signContract } from '../../src/sim/rules/contracts';
import { MAX_CONTRACT_YEARS, paybackYears, termsProblem } from '../../src/sim/rules/terms';
import type { ContractTerms } from '../../src/sim/types';
import { dijonLed1200, freshState, terms } from './helpers';

const sc = dijonLed1200();
const problem = (over: Partial<ContractTerms>, s = freshState()) => termsProblem(s, sc, terms(over))?.reason ?? null;

describe('termsProblem', () => {
  it('accepts the baseline lawful offer', () => {
    expect(problem({})).toBeNull();
    expect(problem({ form: 'pilot', pilot: true, durationYears: 3, annualPaymentEur: 0 })).toBeNull();
    expect(problem({ form: 'procurement', cityCapitalShare: 1, annualPaymentEur: 0, durationYears: 0 })).toBeNull();
  });

  it('refuses an unknown project, naming it and the known ones', () => {
    expect(problem({ projects: ['hyperloop'] })).toMatch(/unknown project "hyperloop".*streetLighting/);
    expect(problem({ projects: [] })).toMatch(/no project/);
    expect(problem({ projects: ['streetLighting', 'streetLighting'] })).toMatch(/named twice/);
  });

  it('refuses a district that does not exist', () => {
    for (const d of [8, -1, 1.5, NaN]) expect(problem({ districts: [d] }), `district ${d}`).toMatch(/does not exist \(0 to 7\)/);
    expect(problem({ districts: [] })).toMatch(/no district/);
    expect(problem({ districts: [2, 2] })).toMatch(/named twice/);
  });

  it('refuses shares outside 0–1 and non-numbers', () => {
    expect(problem({ cityCapitalShare: 1.2 })).toBe('city capital share: found 1.2, expected between 0 and 1');
    expect(problem({ cityCapitalShare: -0.1 })).toMatch(/city capital share/);
    expect(problem({ terminationCompensation: 1.01 })).toMatch(/termination compensation/);
    expect(problem({ savingsShareToPartner: 2 })).toMatch(/savings share/);
    expect(problem({ guaranteedSavingShare: NaN })).toMatch(/guaranteed saving share: found .*NaN.*, expected a number/);
    expect(problem({ annualPaymentEur: Infinity })).toMatch(/annual payment/);
    expect(problem({ durationYears: MAX_CONTRACT_YEARS + 1 })).toMatch(/duration/);
    expect(problem({ dataOwnership: 'nobody' as ContractTerms['dataOwnership'] })).toMatch(/data ownership/);
  });

  it('refuses a pilot in two districts, too long, of a type that cannot be piloted, or in the wrong form', () => {
    const pilot = { form: 'pilot' as const, pilot: true, durationYears: 2, annualPaymentEur: 0 };
    expect(problem({ ...pilot, districts: [0, 1] })).toBe('a pilot runs in one district');
    expect(problem({ ...pilot, durationYears: 4 })).toMatch(/a pilot lasts 1 to 3 years/);
    expect(problem({ ...pilot, projects: ['dataPlatform'] })).toMatch(/dataPlatform cannot start as a pilot/);
    expect(problem({ ...pilot, form: 'performance' })).toMatch(/pilot form/);
    expect(problem({ form: 'pilot', pilot: false })).toMatch(/pilot form/);
  });

  it('a procurement contract has the city pay the whole price and no annual payment', () => {
    expect(problem({ form: 'procurement', cityCapitalShare: 0.5, annualPaymentEur: 0 })).toMatch(/procurement/);
    expect(problem({ form: 'procurement', cityCapitalShare: 1, annualPaymentEur: 1000 })).toMatch(/procurement/);
    expect(problem({ form: 'performance', durationYears: 0 })).toMatch(/at least a year/);
  });

  it('refuses a concession longer than the partner needs to recover its investment (R3114-2)', () => {
    // A concession paid mostly from the savings it keeps (it bears the operating risk: L1121-1).
    const conc = { form: 'concession' as const, cityCapitalShare: 0, annualPaymentEur: 5e5, savingsShareToPartner: 0.5 };
    const s = freshState();
    const payback = paybackYears(s, sc, terms({ ...conc }));
    expect(Number.isFinite(payback)).toBe(true);
    const limit = Math.ceil(payback);
    expect(limit).toBeLessThan(MAX_CONTRACT_YEARS);
    expect(termsProblem(s, sc, terms({ ...conc, durationYears: limit }))).toBeNull();
    expect(termsProblem(s, sc, terms({ ...conc, durationYears: limit + 1 }))?.reason).toMatch(new RegExp(`R3114-2\\): here ${limit} years, not ${limit + 1}`));
    // The rule is for concessions only: a performance contract may run longer.
    expect(termsProblem(s, sc, terms({ ...conc, form: 'performance', cityCapitalShare: 1, durationYears: limit + 1 }))).toBeNull();
  });

  // BUG (src/sim/rules/terms.ts, reported): when the partner never recovers its investment,
  // paybackYears is Infinity, `limit = min(30, ceil(Infinity)) = 30`, and any duration ≤ 30 passes;
  // the "never recovers … no concession length is lawful" branch is unreachable (durations above
  // 30 are refused earlier). A concession with no payment at all is accepted.
  it('refuses a concession under which the partner never recovers its investment', () => {
    const s = freshState();
    const t = terms({ form: 'concession', cityCapitalShare: 0, annualPaymentEur: 0, durationYears: 12 });
    expect(paybackYears(s, sc, t)).toBe(Infinity);
    expect(termsProblem(s, sc, t)?.reason).toMatch(/never recovers/);
  });

  // The budget block moved to rules/legality.ts (tests/sim/legality.test.ts): the golden rule's
  // own test ("payments must leave the operating section able to repay debt") is covered there by
  // "the real balance"; what stays here is how termsProblem meets it.
  it('the real balance counts the payments of contracts still under works (goldenRule, with what is signed)', () => {
    const s = freshState();
    s.city.envelopeLeftEur = 1e9; // only the payments are judged
    expect(termsProblem(s, sc, terms({ annualPaymentEur: 5e6 }))).toBeNull();
    // Payments signed that leave less than €5 M of net savings (€20 M with the real rates of v2).
    signContract(s, sc, terms({ annualPaymentEur: 20e6, districts: [1] }), 'partner');
    expect(s.contracts.map((c) => c.terms.annualPaymentEur)).toEqual([20e6]);
    const p = termsProblem(s, sc, terms({ annualPaymentEur: 5e6 }));
    expect(p?.code).toBe('goldenRule');
    expect(p?.params.pendingEur).toBe(20e6);
    expect(p?.reason).toMatch(/^the real balance \(CGCT L1612-4\): paying €5\.0 M a year.*already signed €20\.0 M/);
  });

  it('the 12-year debt reference is no longer a bound (v1 refused with debtCeiling); the lenders’ limit is', () => {
    const s = freshState();
    s.city.envelopeLeftEur = 1e9;
    // The baseline programme put off, so that the works' later years fit what a year can finance
    // (the programme check, legality.ts) and only the debt ratios judge.
    s.city.baselineCut = 1;
    // v1 refused this (€10 M a year leaves savings of €22.8 M for €280 M+ of debt: 12.5 years).
    expect(termsProblem(s, sc, terms({ annualPaymentEur: 10e6 }))).toBeNull();
    // A debt of 13 years of savings is past the reference, short of the lenders' limit: lawful.
    s.city.debtEur = 13 * s.city.grossSavingsEur;
    expect(sc.city.debtCeilingYears).toBeLessThan(13);
    expect(termsProblem(s, sc, terms({ annualPaymentEur: 0 }))).toBeNull();
    // At the lenders' limit, no bank lends the city's capital.
    s.city.debtEur = sc.funding.lendersRefuseYears * s.city.grossSavingsEur;
    const p = termsProblem(s, sc, terms({ annualPaymentEur: 0 }));
    expect(p?.code).toBe('lendersRefuse');
    expect(p?.reason).toMatch(/^no bank would lend: €6\.2 M of new debt/);
  });

  it('an offer may name only the grant calls open now; at acceptance a closed one is merely missed', () => {
    const s = freshState();
    expect(problem({ grantCalls: ['dsil'] }, s)).toMatch(/grant call "dsil" is not open now/);
    s.grantCalls.push({ id: 'dsil', funder: 'state', openTick: 0, deadlineTick: 2, budgetLeftEur: 1e6, rate: 0.3, pilotOnly: false, minCommunes: 1, sustainabilityOnly: false });
    expect(problem({ grantCalls: ['dsil'] }, s)).toBeNull();
    s.tick = 3;
    expect(problem({ grantCalls: ['dsil'] }, s)).toMatch(/not open now/);
    expect(termsProblem(s, sc, terms({ grantCalls: ['dsil'] }), { atAcceptance: true })).toBeNull();
  });

  // BUG (src/sim/rules/terms.ts, reported): the form is never checked against CONTRACT_FORMS, nor
  // `pilot` against booleans; an offer of form "leasing" passes and is executed as a performance
  // contract (a player's or a save's typo becomes a contract).
  it('refuses an unknown contract form and a non-boolean pilot flag', () => {
    expect(problem({ form: 'leasing' as ContractTerms['form'] })).toMatch(/form/);
    expect(problem({ form: 'pilot', pilot: 'yes' as unknown as boolean, durationYears: 2, annualPaymentEur: 0 })).toMatch(/pilot/);
  });
});
