/** Funding (src/sim/rules/funding.ts): grant calls, their deadlines, eligibility and awards. */
import { describe, expect, it } from 'vitest';
import { signContract } from '../../src/sim/rules/contracts';
import { openNegotiation } from '../../src/sim/rules/negotiation';
import { termsProblem } from '../../src/sim/rules/terms';
import { applicationValid, applyForGrants, callOpen, filedCalls, GRANT_SIGNATURE_GRACE_MONTHS, grantIneligibility, successProbability, updateGrantCalls } from '../../src/sim/rules/funding';
import type { GrantCallState, SimState } from '../../src/sim/types';
import { dealFlows } from '../../src/sim/rules/valuation';
import { advance, dijon, freshState, movedCents, terms, variant } from './helpers';

/** The calls opened at each tick from 0 to `last`, updating the state's list as the model does. */
function openings(s: SimState, last: number): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (let t = 0; t <= last; t++) {
    s.tick = t;
    const opened = updateGrantCalls(s, dijon());
    if (opened.length > 0) out.set(t, opened);
  }
  return out;
}

const call = (over: Partial<GrantCallState>): GrantCallState => ({
  id: 'c',
  funder: 'state',
  openTick: 0,
  deadlineTick: 3,
  budgetLeftEur: 10e6,
  rate: 0.3,
  pilotOnly: false,
  minCommunes: 1,
  sustainabilityOnly: false,
  ...over,
});

describe('grant calls', () => {
  it('open in their calendar month, every year (the run starts in April)', () => {
    const o = openings(freshState(), 24);
    // innovation-pilots in May, region-transition in September, dsil in January, feder in February.
    expect(Object.fromEntries(o)).toEqual({
      1: ['innovation-pilots'],
      5: ['region-transition'],
      9: ['dsil'],
      10: ['feder'],
      13: ['innovation-pilots'],
      17: ['region-transition'],
      21: ['dsil'],
      22: ['feder'],
    });
  });

  it('take applications until their deadline, and are forgotten after the grace months', () => {
    const s = freshState();
    openings(s, 9);
    const dsil = s.grantCalls.find((c) => c.id === 'dsil')!;
    expect(dsil.openTick).toBe(9);
    expect(dsil.deadlineTick).toBe(9 + 3);
    expect(dsil.budgetLeftEur).toBe(8e6);
    expect(dsil.rate).toBe(dijon().funding.grantShare); // no rate of its own: the scenario's grant share
    s.tick = 12;
    expect(callOpen(s, dsil)).toBe(true);
    s.tick = 13;
    expect(callOpen(s, dsil)).toBe(false);
    // A call that does not open again (an event's extra call) is kept for the applications filed to
    // it until the grace months after its deadline, then forgotten.
    s.grantCalls.push(call({ id: 'once', openTick: 9, deadlineTick: 12 }));
    const last = 12 + GRANT_SIGNATURE_GRACE_MONTHS;
    for (let t = 13; t <= last; t++) {
      s.tick = t;
      updateGrantCalls(s, dijon());
      expect(s.grantCalls.some((c) => c.id === 'once'), `tick ${t}`).toBe(true);
    }
    s.tick = last + 1;
    updateGrantCalls(s, dijon());
    expect(s.grantCalls.some((c) => c.id === 'once')).toBe(false);
  });

  it('an application filed while the call was open stays good for two years after its deadline (décret 2018-514, art. 11), and a counter-offer keeps it', () => {
    // A works contract takes a year of procedure or more: the grant must outlast the call's months.
    expect(GRANT_SIGNATURE_GRACE_MONTHS).toBe(24);
    const s = freshState();
    s.grantCalls.push(call({ id: 'filed', deadlineTick: 3 }));
    s.tick = 3 + 24;
    expect(callOpen(s, s.grantCalls[0]!)).toBe(false);
    expect(applicationValid(s, s.grantCalls[0]!)).toBe(true);
    expect(filedCalls(s, ['filed', 'unknown'])).toEqual(['filed']);
    s.tick = 3 + 25;
    expect(applicationValid(s, s.grantCalls[0]!)).toBe(false);
    expect(filedCalls(s, ['filed'])).toEqual([]);
  });

  it('a call with its own rate keeps it', () => {
    const s = freshState();
    openings(s, 1);
    expect(s.grantCalls.find((c) => c.id === 'innovation-pilots')!.rate).toBe(0.5);
  });
});

describe('eligibility', () => {
  const sc = dijon();
  it('a pilot-only call funds pilots only', () => {
    const s = freshState();
    expect(grantIneligibility(s, sc, call({ pilotOnly: true }), { projects: ['streetLighting'], pilot: false })).toMatch(/pilots only/);
    expect(grantIneligibility(s, sc, call({ pilotOnly: true }), { projects: ['streetLighting'], pilot: true })).toBeNull();
  });

  it('a sustainability call funds only low-tech or energy-saving projects', () => {
    const s = freshState();
    const c = call({ sustainabilityOnly: true });
    expect(grantIneligibility(s, sc, c, { projects: ['dataPlatform'], pilot: false })).toMatch(/low-tech or energy-saving/);
    expect(grantIneligibility(s, sc, c, { projects: ['streetLighting', 'citizenApp'], pilot: false })).toMatch(/low-tech or energy-saving/);
    expect(grantIneligibility(s, sc, c, { projects: ['streetLighting'], pilot: false })).toBeNull(); // saves energy
    expect(grantIneligibility(s, sc, c, { projects: ['pedestrianPriority'], pilot: false })).toBeNull(); // low-tech
  });

  it('a call for several communes needs an inter-communal agreement, or high alignment', () => {
    const s = freshState();
    const c = call({ minCommunes: 2 });
    s.alignment = 0.4;
    expect(grantIneligibility(s, sc, c, { projects: ['streetLighting'], pilot: false })).toMatch(/2 communes/);
    s.city.governance.interCommunalAgreement = true;
    expect(grantIneligibility(s, sc, c, { projects: ['streetLighting'], pilot: false })).toBeNull();
    s.city.governance.interCommunalAgreement = false;
    s.alignment = 0.5;
    expect(grantIneligibility(s, sc, c, { projects: ['streetLighting'], pilot: false })).toBeNull();
    // …but high alignment does not make a territory of too few communes eligible.
    expect(grantIneligibility(s, sc, call({ minCommunes: 30 }), { projects: ['streetLighting'], pilot: false })).toMatch(/30 communes/);
  });

  it('success grows with alignment: baseSuccess × (0.4 + 0.6 a)', () => {
    const s = freshState();
    s.alignment = 0;
    expect(successProbability(s, sc)).toBeCloseTo(0.6 * 0.4, 12);
    s.alignment = 1;
    expect(successProbability(s, sc)).toBeCloseTo(0.6, 12);
  });
});

describe('awards', () => {
  // Certain success: baseSuccess 1 and alignment 1.
  const sure = variant({ 'funding.baseSuccess': 1 });
  const setup = () => {
    const s = freshState(sure);
    s.alignment = 1;
    s.grantCalls.push(call({ id: 'big', rate: 0.3, budgetLeftEur: 100e6, deadlineTick: 3 }));
    return s;
  };

  it('pay rate × capital, at most 80 % of the city’s share of the capital (L1111-10), and draw down the call', () => {
    const s = setup();
    const c = signContract(s, sure, terms({ cityCapitalShare: 0.1, grantCalls: ['big'] }), 'partner');
    const capex = sure.projects.catalogue.streetLighting!.capexPerUnitEur * 5200;
    expect(c.grantsEur).toBeCloseTo(Math.min(0.3 * capex, 0.8 * 0.1 * capex), 4);
    expect(s.grantCalls[0]!.budgetLeftEur).toBeCloseTo(100e6 - c.grantsEur, 4);
    expect(s.counters.grantsWonEur).toBeCloseTo(c.grantsEur, 4);
    const s2 = setup();
    const c2 = signContract(s2, sure, terms({ cityCapitalShare: 0.5, grantCalls: ['big'] }), 'partner');
    expect(c2.grantsEur).toBeCloseTo(0.3 * capex, 4);
  });

  it('never more than what is left in the call', () => {
    const s = setup();
    s.grantCalls[0]!.budgetLeftEur = 1e5;
    const c = signContract(s, sure, terms({ cityCapitalShare: 1, form: 'procurement', annualPaymentEur: 0, grantCalls: ['big'] }), 'partner');
    expect(c.grantsEur).toBeCloseTo(1e5, 6);
    expect(s.grantCalls[0]!.budgetLeftEur).toBeCloseTo(0, 6);
  });

  it('count when the contract is signed up to the grace months after the deadline, not later', () => {
    const s = setup();
    s.tick = 3 + GRANT_SIGNATURE_GRACE_MONTHS;
    expect(signContract(s, sure, terms({ grantCalls: ['big'] }), 'partner').grantsEur).toBeGreaterThan(0);
    const late = setup();
    late.tick = 3 + GRANT_SIGNATURE_GRACE_MONTHS + 1;
    expect(signContract(late, sure, terms({ grantCalls: ['big'] }), 'partner').grantsEur).toBe(0);
  });

  it('ineligible applications win nothing', () => {
    const s = setup();
    s.grantCalls[0]!.pilotOnly = true;
    const c = signContract(s, sure, terms({ grantCalls: ['big'] }), 'partner');
    expect(c.grantsEur).toBe(0);
    expect(applyForGrants(s, sure, c)).toBe(0);
  });

  it('a city that bears none of the works files nothing: no application, no draw, nothing won (L1111-10, the maître d’ouvrage’s own spending)', () => {
    const s = setup();
    const draws = JSON.stringify(s.rng.funding);
    // Signed directly (the offer itself is refused: terms.test.ts, grantWithoutCityShare).
    const c = signContract(s, sure, terms({ form: 'concession', cityCapitalShare: 0, grantCalls: ['big'] }), 'partner');
    expect(c.grantsEur).toBe(0);
    expect(s.log.some((e) => e.kind === 'grantWon' || e.kind === 'grantLost')).toBe(false);
    expect(JSON.stringify(s.rng.funding)).toBe(draws);
  });

  it('an award of nothing is never a success: a call whose budget is spent turns the application down', () => {
    const s = setup();
    s.grantCalls[0]!.budgetLeftEur = 0;
    const c = signContract(s, sure, terms({ cityCapitalShare: 0.5, grantCalls: ['big'] }), 'partner');
    expect(c.grantsEur).toBe(0);
    expect(s.log.filter((e) => e.kind === 'grantWon')).toEqual([]);
    expect(s.log.some((e) => e.kind === 'grantLost')).toBe(true);
  });

  it('once the other grants reach 80 % of the city’s share, no further application is filed; every grant won pays something', () => {
    const s = setup();
    s.grantCalls.push(call({ id: 'second', rate: 0.5, budgetLeftEur: 100e6, deadlineTick: 3 }));
    s.grantCalls[0]!.rate = 0.9;
    signContract(s, sure, terms({ cityCapitalShare: 0.5, grantCalls: ['big', 'second'] }), 'partner');
    const filed = s.log.filter((e) => e.kind === 'grantWon' || e.kind === 'grantLost');
    expect(filed.map((e) => (e.data as { call: string }).call)).toEqual(['big']);
    for (const e of s.log) if (e.kind === 'grantWon') expect(e.data.eur).toBeGreaterThan(0);
  });

  it('with zero chance of success, nothing is won', () => {
    const never = variant({ 'funding.baseSuccess': 0 });
    const s = freshState(never);
    s.grantCalls.push(call({ id: 'big' }));
    expect(signContract(s, never, terms({ grantCalls: ['big'] }), 'partner').grantsEur).toBe(0);
    expect(s.log.some((e) => e.kind === 'grantLost')).toBe(true);
  });
});

describe('the city’s own share and FEDER’s delay', () => {
  const sure = variant({ 'funding.baseSuccess': 1 });
  it('several calls together never cover more than 80 % of the public money: the city funds at least 20 % (L1111-10)', () => {
    const s = freshState(sure);
    s.alignment = 1;
    for (const id of ['a', 'b', 'c']) s.grantCalls.push(call({ id, rate: 0.5, budgetLeftEur: 100e6, deadlineTick: 3 }));
    const c = signContract(s, sure, terms({ form: 'procurement', cityCapitalShare: 1, annualPaymentEur: 0, grantCalls: ['a', 'b', 'c'] }), 'suppliers');
    const capex = c.deployments.reduce((a, uid) => a + s.deployments[uid - 1]!.capexEur, 0);
    expect(c.grantsEur).toBeCloseTo(sure.funding.maxGrantShare * capex, 2);
  });

  it('the valuations expect the grants the award pays: within 80 % of the city’s share, the whole works for a purchase alone', () => {
    // With certain success the expectation is the award itself (the same calls, the same state).
    const cases: [ReturnType<typeof terms>, 'partner' | 'suppliers'][] = [
      [terms({ cityCapitalShare: 0.1, grantCalls: ['a'] }), 'partner'],
      [terms({ cityCapitalShare: 0.5, grantCalls: ['a', 'b', 'c'] }), 'partner'],
      [terms({ form: 'procurement', cityCapitalShare: 1, annualPaymentEur: 0, grantCalls: ['a', 'b', 'c'] }), 'suppliers'],
      [terms({ form: 'pilot', pilot: true, cityCapitalShare: 0.2, annualPaymentEur: 0, grantCalls: ['a', 'b', 'c'] }), 'suppliers'],
    ];
    for (const [t, builder] of cases) {
      const s = freshState(sure);
      s.alignment = 1;
      for (const id of ['a', 'b', 'c']) s.grantCalls.push(call({ id, rate: 0.5, budgetLeftEur: 100e6, deadlineTick: 3 }));
      const flows = dealFlows(s, sure, t, builder, 'public');
      const c = signContract(s, sure, t, builder);
      // The same share of the works (a purchase's works carry their drawn overrun, its grants too).
      const works = c.deployments.reduce((a, uid) => a + s.deployments[uid - 1]!.capexEur, 0);
      expect(c.grantsEur).toBeGreaterThan(0);
      expect(flows.expectedGrantsEur / flows.capexEur).toBeCloseTo(c.grantsEur / works, 6);
    }
  });

  it('State and Region grants are paid as the works are paid; the EU pays the justified spending euGrantLagMonths later', () => {
    const s = freshState(sure);
    s.alignment = 1;
    s.grantCalls.push(call({ id: 'st', funder: 'state', rate: 0.2, budgetLeftEur: 100e6, deadlineTick: 3 }));
    s.grantCalls.push(call({ id: 'eu', funder: 'eu', rate: 0.3, budgetLeftEur: 100e6, deadlineTick: 3 }));
    const c = signContract(s, sure, terms({ form: 'procurement', cityCapitalShare: 1, annualPaymentEur: 0, grantCalls: ['st', 'eu'] }), 'suppliers');
    // A purchase the city makes itself: its works (and the grants on them) start after its award procedure.
    const start = s.deployments[c.deployments[0]! - 1]!.worksStartTick ?? 0;
    advance(s, sure, start);
    expect(movedCents(s, 'state>city:grant st')).toBe(0);
    advance(s, sure, 1);
    expect(movedCents(s, 'state>city:grant st')).toBeGreaterThan(0);
    expect(movedCents(s, 'eu>city:grant eu')).toBe(0);
    expect(s.city.receivables.some((r) => r.from === 'eu' && r.dueTick === start + sure.funding.euGrantLagMonths)).toBe(true);
    advance(s, sure, sure.funding.euGrantLagMonths);
    expect(movedCents(s, 'eu>city:grant eu')).toBeGreaterThan(0);
  });
});

describe('a procedure keeps the grant applications its notice filed', () => {
  it('a counter-offer may name a call closed since the opening offer filed it, not a call it never filed', () => {
    const s = freshState();
    s.grantCalls.push(call({ id: 'filed', deadlineTick: 3 }), call({ id: 'other', deadlineTick: 3 }));
    openNegotiation(s, dijon(), terms({ grantCalls: ['filed'] }), 'opening');
    s.tick = 10; // the call closed at 3; the bids are in
    expect(termsProblem(s, dijon(), terms({ grantCalls: ['filed'] }))?.code).not.toBe('grantCallClosed');
    expect(termsProblem(s, dijon(), terms({ grantCalls: ['other'] }))?.code).toBe('grantCallClosed');
    // The file is the procedure's: a purchase alone beside it may not name the closed call.
    expect(termsProblem(s, dijon(), terms({ form: 'procurement', annualPaymentEur: 0, durationYears: 0, grantCalls: ['filed'] }), { builder: 'suppliers' })?.code).toBe('grantCallClosed');
    // The file describes the notice's operation: an offer wider than it (another district) cannot
    // name the closed call (review 9c: a grant followed the call's name onto eight districts).
    expect(termsProblem(s, dijon(), terms({ districts: [0, 1], grantCalls: ['filed'] }))?.code).toBe('grantCallClosed');
    s.tick = 3 + GRANT_SIGNATURE_GRACE_MONTHS + 1; // the application lapsed
    expect(termsProblem(s, dijon(), terms({ grantCalls: ['filed'] }))?.code).toBe('grantCallClosed');
  });
});
