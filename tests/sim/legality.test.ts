/** The one legality check for money the city commits (src/sim/rules/legality.ts), through every path. */
import { describe, expect, it } from 'vitest';
import { applyAction, tryAction } from '../../src/sim/actions';
import { newScratch } from '../../src/sim/money';
import { totalEur } from '../../src/sim/ledger';
import { REFUSAL_CODES } from '../../src/sim/refusal';
import { annualPrincipalEur } from '../../src/sim/rules/budget';
import { signContract } from '../../src/sim/rules/contracts';
import { commitmentProblem, envelopeCapacityEur, netSavingsForecastEur, pendingCapitalByBudgetYearEur, pendingCapitalEur, worksCapitalEur } from '../../src/sim/rules/legality';
import { launchAloneTerms } from '../../src/sim/rules/alone-price';
import { termsProblem } from '../../src/sim/rules/terms';
import { stepInPlace } from '../../src/sim/step';
import { resolvePolicy } from '../../src/sim/agents';
import type { ActionResult, SimState, TimedAction } from '../../src/sim/types';
import { runSimulation } from '../../src/sim/run';
import { createSave, parseSave, replaySave } from '../../src/sim/save';
import { dijonLed1200, freshState, invariantViolations, NO_POLICIES, terms } from './helpers';

const sc = dijonLed1200();
const act = (s: SimState, a: unknown): ActionResult => applyAction(s, sc, newScratch(s), a);
const codeOf = (r: ActionResult) => (r.ok ? 'ok' : r.code);
const BUDGET_CODES = ['envelopeExceeded', 'envelopeUnfinanceable', 'programmeUnfinanceable', 'goldenRule', 'realBalance', 'lendersRefuse', 'budgetSettled'];

describe('the codes', () => {
  it('are in the refusal vocabulary', () => {
    for (const c of BUDGET_CODES) expect(REFUSAL_CODES).toContain(c);
  });
});

describe('launching alone', () => {
  it('must fit in the envelope left, counting what was launched earlier the same month: the works payable before the next budget, not the later years’', () => {
    const s = freshState();
    const lighting = (d: number) => ({ type: 'launchAlone', project: 'streetLighting', districts: [d], pilot: false });
    // A lighting programme in district 0 (€6.2 M of works over 24 months, after its award
    // procedure): this budget year pays its first months only (AP/CP, CGCT L2311-3, R2311-9).
    const works = worksCapitalEur(s, sc, launchAloneTerms(sc, { project: 'streetLighting', districts: [0], pilot: false }), 'suppliers');
    expect(works.byBudgetYear[0]!).toBeGreaterThan(0);
    expect(works.byBudgetYear[0]!).toBeLessThan(works.net / 2);
    s.city.envelopeLeftEur = works.byBudgetYear[0]! - 1e5;
    const r = act(s, lighting(0));
    expect(codeOf(r)).toBe('envelopeExceeded');
    if (!r.ok) {
      expect(r.params.neededEur as number).toBeCloseTo(works.byBudgetYear[0]!, 0);
      expect(r.reason).toMatch(/^the smart-city envelope/);
    }
    // With the usual €8 M it passes, and the envelope falls by what the year pays, not the whole.
    s.city.envelopeLeftEur = sc.city.smartCityEnvelopeEur;
    expect(codeOf(act(s, lighting(0)))).toBe('ok');
    const booked = sc.city.smartCityEnvelopeEur - s.city.envelopeLeftEur;
    expect(booked).toBeGreaterThan(0);
    expect(booked).toBeLessThanOrEqual(works.byBudgetYear[0]! + 1);
    expect(booked).toBeCloseTo(pendingCapitalByBudgetYearEur(s)[0]!, 0);
    // What was launched earlier the same month counts: an envelope left short of the next one's year is refused.
    const next = worksCapitalEur(s, sc, launchAloneTerms(sc, { project: 'streetLighting', districts: [1], pilot: false }), 'suppliers').byBudgetYear[0]!;
    s.city.envelopeLeftEur = next - 1e5;
    expect(codeOf(act(s, lighting(1)))).toBe('envelopeExceeded');
  });

  it('is checked the same way by tryAction (what the game lists)', () => {
    const s = freshState();
    s.city.envelopeLeftEur = 1e5;
    const r = tryAction(s, sc, { type: 'launchAlone', project: 'streetLighting', districts: [0], pilot: false });
    expect(codeOf(r)).toBe('envelopeExceeded');
    expect(s.contracts).toHaveLength(0);
  });
});

describe('the exploit of v1: every project alone in every district in month 1', () => {
  it('is refused for most with a budget code, and the cash is never negative at a year end', () => {
    const s = freshState(sc, 7, 300);
    const actions: unknown[] = [];
    for (const project of Object.keys(sc.projects.catalogue)) for (let d = 0; d < sc.territory.districts.length; d++) actions.push({ type: 'launchAlone', project, districts: [d], pilot: false });
    const results = stepInPlace(s, sc, actions, NO_POLICIES);
    const refused = results.filter((r) => !r.ok);
    expect(refused.length).toBeGreaterThan(0.8 * results.length);
    for (const r of refused) if (!r.ok) expect(BUDGET_CODES).toContain(r.code);
    let spent = 0;
    for (const c of s.contracts) for (const uid of c.deployments) spent += s.deployments[uid - 1]!.capexEur;
    // v1: about €170 M. Under AP/CP (eighteenth round) the year books only what it pays before the
    // next budget, within the envelope, and each later year's payments fit what a year can finance.
    expect(spent).toBeLessThan(170e6 / 2);
    // (The check reads the works at their catalogue price, the booking at the overrun drawn at
    // signature, rules/projects.ts: seed 7 books 6.5 % above the envelope.)
    expect(s.city.yearCommittedEur).toBeLessThanOrEqual(1.1 * sc.city.smartCityEnvelopeEur);
    const byYear = pendingCapitalByBudgetYearEur(s);
    for (let k = 1; k < byYear.length; k++) expect(byYear[k]!).toBeLessThanOrEqual(envelopeCapacityEur(s, sc) + 1);
    // Asking for a huge envelope first does not open the door either.
    const t = freshState(sc, 7, 300);
    const big = act(t, { type: 'setBudget', envelopeEur: 1e9, taxChange: 0 });
    expect(codeOf(big)).toBe('envelopeUnfinanceable');
    // The run goes on for 30 years: the city's cash is never negative at a year end.
    for (let m = 1; m < 30 * 12; m++) stepInPlace(s, sc, m % 12 === 0 ? actions : [], NO_POLICIES);
    expect(s.yearly).toHaveLength(30);
    for (const row of s.yearly) expect(row.cityCashEur).toBeGreaterThanOrEqual(0);
    expect(invariantViolations(s)).toEqual([]);
  });
});

describe('signing a contract (termsProblem)', () => {
  it('the real balance: annual payments must leave net savings ≥ 0 after what is already signed', () => {
    // A global performance contract (the city pays the works as built, L2191-5) with a service
    // payment; the envelope is wide so that only the payments are judged.
    const s = freshState();
    s.city.envelopeLeftEur = 1e9;
    const margin = netSavingsForecastEur(s, sc); // ≈ €18.8 M
    expect(margin).toBeCloseTo(s.city.grossSavingsEur - annualPrincipalEur(s, sc), 3);
    const p = termsProblem(s, sc, terms({ annualPaymentEur: margin + 1e5 }));
    expect(p?.code).toBe('goldenRule');
    expect(p?.params.netSavingsEur).toBeCloseTo(margin, 3);
    expect(termsProblem(s, sc, terms({ annualPaymentEur: 5e6 }))).toBeNull();
    // Payments signed that leave less than €5 M of net savings: a €5 M offer breaks the real balance.
    signContract(s, sc, terms({ annualPaymentEur: Math.round(margin - 3e6), districts: [1] }), 'partner');
    expect(termsProblem(s, sc, terms({ annualPaymentEur: 5e6 }))?.code).toBe('goldenRule');
  });

  it('the lenders: capital that would take debt ÷ gross savings past lendersRefuseYears is refused, counting works signed and unpaid', () => {
    const s = freshState();
    s.city.envelopeLeftEur = 1e9;
    // The baseline programme put off, so that the works' later years fit what a year can finance
    // (the programme check) and only the lenders judge.
    s.city.baselineCut = 1;
    s.city.debtEur = sc.funding.lendersRefuseYears * s.city.grossSavingsEur - 1e5;
    const p = termsProblem(s, sc, terms({ annualPaymentEur: 0 }));
    expect(p?.code).toBe('lendersRefuse');
    expect(p?.params.limitYears).toBe(sc.funding.lendersRefuseYears);
    expect(p?.params.referenceYears).toBe(sc.city.debtCeilingYears);
    // Below the reference there is room; works signed this month use it up for the next offer.
    s.city.debtEur = (sc.funding.lendersRefuseYears - 1) * s.city.grossSavingsEur;
    expect(termsProblem(s, sc, terms({ annualPaymentEur: 0 }))).toBeNull();
    for (let d = 1; d < 8 && pendingCapitalEur(s).totalEur < 2 * s.city.grossSavingsEur; d++) signContract(s, sc, terms({ annualPaymentEur: 0, cityCapitalShare: 1, districts: [d] }), 'partner');
    expect(termsProblem(s, sc, terms({ annualPaymentEur: 0 }))?.code).toBe('lendersRefuse');
  });
});

describe('governance and the budget vote', () => {
  it('a governance measure’s upkeep must fit in net savings; a measure switched on this month counts for the next', () => {
    const s = freshState();
    s.city.grossSavingsEur = annualPrincipalEur(s, sc) + sc.coordination.measures.smartCityOffice.costEur + 1000;
    expect(codeOf(act(s, { type: 'governance', measure: 'smartCityOffice', on: true }))).toBe('ok');
    const r = act(s, { type: 'governance', measure: 'sharedDataPlatform', on: true });
    expect(codeOf(r)).toBe('goldenRule');
    // Switching a measure off is always allowed.
    expect(codeOf(act(s, { type: 'governance', measure: 'smartCityOffice', on: false }))).toBe('ok');
  });

  it('a concertation effort above the usual one is paid for like a measure: its rise must fit in net savings, and it is booked each month; the usual effort and less cost nothing', () => {
    const usual = sc.city.concertation;
    const perUnit = sc.city.concertationCostEur;
    expect(perUnit).toBeGreaterThan(0);
    const s = freshState();
    // Room for the rise to 0.7, not to 1.
    s.city.grossSavingsEur = annualPrincipalEur(s, sc) + perUnit * (0.7 - usual) + 1000;
    expect(codeOf(act(s, { type: 'setConcertation', level: 1 }))).toBe('goldenRule');
    expect(s.city.concertation).toBe(usual);
    expect(codeOf(act(s, { type: 'setConcertation', level: 0.7 }))).toBe('ok');
    // Lowering it, or going back to the usual level, is always allowed.
    expect(codeOf(act(s, { type: 'setConcertation', level: 0 }))).toBe('ok');
    // A rise and a fall in the same year cancel in the net savings to come: raised again, the cost counts once.
    const once = freshState();
    once.city.grossSavingsEur = s.city.grossSavingsEur;
    act(once, { type: 'setConcertation', level: 0.7 });
    expect(codeOf(act(s, { type: 'setConcertation', level: 0.7 }))).toBe('ok');
    expect(netSavingsForecastEur(s, sc)).toBeCloseTo(netSavingsForecastEur(once, sc), 3);
    const booked = (state: SimState) => totalEur(state.ledger, (_from, _to, reason) => reason === 'concertation');
    const year = (level: number) => {
      const t = freshState();
      t.city.concertation = level;
      for (let m = 0; m < 12; m++) stepInPlace(t, sc, [], NO_POLICIES);
      return booked(t);
    };
    expect(year(1)).toBeCloseTo(perUnit * (1 - usual), -1);
    expect(year(usual)).toBe(0);
    expect(year(0)).toBe(0);
  });

  it('setBudget: the envelope must be financeable, a tax cut may not unbalance the budget, and works signed come out of the envelope', () => {
    const s = freshState();
    const cap = envelopeCapacityEur(s, sc);
    expect(cap).toBeGreaterThan(sc.city.smartCityEnvelopeEur);
    const r = act(s, { type: 'setBudget', envelopeEur: cap + 1e6, taxChange: 0 });
    expect(codeOf(r)).toBe('envelopeUnfinanceable');
    if (!r.ok) expect(r.params.capacityEur).toBeCloseTo(cap, 3);
    s.city.grossSavingsEur = annualPrincipalEur(s, sc) + 1e5;
    expect(codeOf(act(s, { type: 'setBudget', envelopeEur: 0, taxChange: -0.03 }))).toBe('realBalance');
    const u = freshState();
    signContract(u, sc, { ...terms({ annualPaymentEur: 0 }), form: 'procurement', cityCapitalShare: 1 }, 'suppliers');
    const next12 = pendingCapitalEur(u).next12Eur;
    expect(next12).toBeGreaterThan(0);
    expect(codeOf(act(u, { type: 'setBudget', envelopeEur: 8e6, taxChange: 0 }))).toBe('ok');
    // Works signed this budget year come out of it in full (the year's commitment, AP/CP).
    expect(u.city.yearCommittedEur).toBeGreaterThanOrEqual(next12);
    expect(u.city.envelopeLeftEur).toBeCloseTo(Math.max(0, 8e6 - u.city.yearCommittedEur), 3);
  });
});

describe('the prefect’s settlement', () => {
  it('blocks every new commitment until the settled year is over; the computer city keeps working', () => {
    const s = freshState();
    s.city.settledUntilTick = 5;
    s.city.envelopeLeftEur = 8e6;
    expect(codeOf(act(s, { type: 'launchAlone', project: 'streetLighting', districts: [0], pilot: false }))).toBe('budgetSettled');
    expect(codeOf(act(s, { type: 'governance', measure: 'smartCityOffice', on: true }))).toBe('budgetSettled');
    expect(codeOf(act(s, { type: 'setBudget', envelopeEur: 1e6, taxChange: 0 }))).toBe('budgetSettled');
    expect(codeOf(act(s, { type: 'setBudget', envelopeEur: 0, taxChange: 0.01 }))).toBe('ok');
    expect(commitmentProblem(s, sc, { kind: 'works', terms: terms(), builder: 'partner' })?.code).toBe('budgetSettled');
    // The rule-based city asks only for what it may: no refusal of its budget vote.
    const city = resolvePolicy('rule-based', 'city')!;
    const actions = city({ state: s, scenario: sc, actor: 'city', trigger: { yearStart: true, newGrantCalls: [], mustAnswer: false } });
    const vote = actions.find((a) => a.type === 'setBudget');
    expect(vote && codeOf(act(s, vote))).toBe('ok');
    s.tick = 5;
    s.city.envelopeLeftEur = 8e6;
    expect(codeOf(act(s, { type: 'launchAlone', project: 'streetLighting', districts: [0], pilot: false }))).toBe('ok');
  });
});

describe('through a replayed save', () => {
  it('the budget refusals come back with the same codes, and the save replays to its hashes', () => {
    const actions = [
      { tick: 0, action: { type: 'setBudget', envelopeEur: 1e9, taxChange: 0 } },
      { tick: 0, action: { type: 'setBudget', envelopeEur: 8e6, taxChange: -0.03 } },
      { tick: 1, action: { type: 'launchAlone', project: 'streetLighting', districts: [0, 1, 2, 3, 4, 5, 6, 7], pilot: false } },
      { tick: 2, action: { type: 'propose', by: 'city', terms: terms({ annualPaymentEur: 30e6 }) } },
    ] as TimedAction[];
    const opts = { seed: 5, years: 2, agents: 300, city: 'none', partner: 'none', actions, yearlyHashes: true };
    const first = runSimulation(sc, opts);
    const codes = first.actionResults.map(codeOf);
    expect(codes[0]).toBe('envelopeUnfinanceable');
    expect(codes[1]).toBe('ok'); // a small tax cut with the usual envelope: lawful
    expect(codes[2]).toBe('envelopeExceeded');
    expect(codes[3]).toBe('goldenRule');
    const save = createSave(sc, { seed: 5, city: 'none', partner: 'none', years: 2, agents: 300, actions }, first.yearlyHashes);
    const parsed = parseSave(JSON.parse(JSON.stringify(save)), 'test');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(replaySave(parsed.value).ok).toBe(true);
    expect(runSimulation(parsed.value.scenario, opts).actionResults.map(codeOf)).toEqual(codes);
  });
});
