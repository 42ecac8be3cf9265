/** The computer adviser of a side played by people: its name, its plain default offer and its suggestion. */
import { worksCapitalEur } from '../../src/sim/rules/legality';
import { describe, expect, it } from 'vitest';
import { advice, adviserName, defaultOffer, suggestedOffer } from '../../src/sim/agents/adviser';
import { publicPartnerFloor } from '../../src/sim/agents/negotiator';
import { partnerPersonality } from '../../src/sim/agents/personalities';
import { createRun, resolvePolicy } from '../../src/sim';
import { applyAction } from '../../src/sim/actions';
import { newScratch } from '../../src/sim/money';
import { termsLawful, termsProblem } from '../../src/sim/rules/terms';
import { bareProcedure, dijon, freshState } from './helpers';

const sc = dijon();

describe('the adviser', () => {
  it("is the scenario's personality for the side, or a default one where the scenario leaves it to people", () => {
    expect(adviserName(sc, 'city')).toBe(sc.policies.city);
    const open = { ...sc, policies: { city: 'none', partner: 'none' } };
    expect([adviserName(open, 'city'), adviserName(open, 'partner')]).toEqual(['steady-mayor', 'infrastructure-partner']);
  });

  it("prices the default offer at the partner personality's public floor plus 10 %, to the thousand euros", () => {
    const state = freshState(sc, 3, 200);
    const offer = defaultOffer(state, sc);
    expect(offer).toMatchObject({ form: 'performance', projects: [Object.keys(sc.projects.catalogue)[0]], durationYears: 12, cityCapitalShare: 0.5, guaranteedSavingShare: 0.5, districts: state.districts.map((_, i) => i) });
    const floor = publicPartnerFloor(state, sc, { ...offer, annualPaymentEur: 0 }, partnerPersonality(adviserName(sc, 'partner'))!.marginShare);
    expect(Number.isFinite(floor)).toBe(true);
    expect(offer.annualPaymentEur).toBe(Math.round((floor * 1.1) / 1000) * 1000);
    expect(offer.annualPaymentEur % 1000).toBe(0);
  });

  it("suggests the adviser's own proposal; a partner facing no negotiation gets what the city's adviser would open with", () => {
    const state = freshState(sc, 3, 200);
    const opening = (actor: 'city' | 'partner') =>
      resolvePolicy(adviserName(sc, actor), actor)!({ state, scenario: sc, actor, trigger: { yearStart: true, newGrantCalls: [], mustAnswer: false } }).find((m) => m.type === 'propose');
    const city = opening('city');
    const forCity = suggestedOffer({ state, scenario: sc, by: 'city' });
    const forPartner = suggestedOffer({ state, scenario: sc, by: 'partner' });
    if (city?.type !== 'propose') throw new Error("the city's adviser opens in the first month of this scenario");
    // A year-start opening that counts on a budget vote not made yet (a programme authorisation)
    // gives way to what the envelope already voted allows: the decisions of a month in the year.
    const midYear = resolvePolicy(adviserName(sc, 'city'), 'city')!({ state, scenario: sc, actor: 'city', trigger: { yearStart: false, newGrantCalls: ['(adviser)'], mustAnswer: false } }).find((m) => m.type === 'propose');
    const expected = termsLawful(state, sc, city.terms) ? city.terms : midYear?.type === 'propose' ? midYear.terms : null;
    expect(expected).not.toBeNull();
    expect(termsLawful(state, sc, forCity)).toBe(true);
    expect(forCity).toEqual(expected);
    expect(forPartner).toEqual(expected);
    expect(forPartner).not.toBe(expected); // a copy the table may edit
  });

  it('offers lawful terms when the offer on the table no longer is (issue 11), and says why when nothing is lawful', () => {
    // The computer city opens; a service bought alone then takes part of the credits it kept for the
    // deal (bought here on a copy: the computer city no longer does it, MODEL §13.8): its own offer
    // no longer fits the envelope.
    const bare = bareProcedure();
    const run = createRun(bare, { seed: 2, years: 3, agents: 200, city: 'steady-mayor', partner: 'none' });
    while (!run.state.negotiation && run.state.tick < 24) run.advanceTick();
    const s = structuredClone(run.state);
    expect(applyAction(s, bare, newScratch(s), { type: 'launchAlone', project: 'mobilityServices', districts: s.districts.map((_, i) => i), pilot: false }).ok).toBe(true);
    // The purchase books only the works it pays before the next budget (AP/CP): what is left is
    // brought just short of the offer's own year, as a dearer purchase would leave it.
    s.city.envelopeLeftEur = Math.min(s.city.envelopeLeftEur, worksCapitalEur(s, bare, s.negotiation!.offer, 'partner').byBudgetYear[0]! - 1e5);
    expect(termsProblem(s, bare, s.negotiation!.offer, { atAcceptance: true })?.code).toBe('envelopeExceeded');
    const a = advice({ state: s, scenario: bare, by: 'partner' });
    expect(a.why).toBeNull();
    expect(termsLawful(s, bare, a.terms)).toBe(true);
    expect(suggestedOffer({ state: s, scenario: bare, by: 'partner' })).toEqual(a.terms);
    // A budget settled by the prefect: no commitment is lawful, and the adviser says so, with the cause.
    const settled = structuredClone(s);
    settled.city.settledUntilTick = settled.tick + 12;
    const none = advice({ state: settled, scenario: bare, by: 'partner' });
    expect(none.why?.code).toBe('noLawfulTerms');
    expect(none.why?.cause.code).toBe('budgetSettled');
    // Not the partner's turn: its offer waits, and the adviser says why.
    const city = advice({ state: s, scenario: bare, by: 'city' });
    expect(city.why?.code).toBe('notNow');
    expect(city.why?.cause.code).toBe('notYourTurn');
  });
});

