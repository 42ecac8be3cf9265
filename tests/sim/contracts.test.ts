/** Contracts (src/sim/rules/contracts.ts): signature, payments, guarantees, ends, renegotiation. */
import { describe, expect, it } from 'vitest';
import { answerAmendment, balancedAmendment, cancelContract, contractsPhase, partnerFails, proposeAmendment, signContract, terminationCompensationEur } from '../../src/sim/rules/contracts';
import { detPow } from '../../src/sim/det-math';
import { createLedger } from '../../src/sim/ledger';
import type { Contract, SimState } from '../../src/sim/types';
import { advance, dijon, freshState, ledgerSum, movedCents, scratch, terms } from './helpers';

const sc = dijon();
const price = sc.energy.priceEurPerMWh;

/**
 * A signed partner contract whose works are done and that started running last month; the ledger
 * and the penalty count are cleared so that each test sees only the months it runs.
 */
function running(over: Parameters<typeof terms>[0] = {}): { s: SimState; c: Contract } {
  const s = freshState();
  const c = signContract(s, sc, terms(over), 'partner');
  for (const uid of c.deployments) s.deployments[uid - 1]!.stage = 'operating';
  contractsPhase(s, sc, scratch(s), new Map());
  s.tick += 1;
  s.ledger = createLedger();
  c.penaltiesPaidEur = 0;
  return { s, c };
}

const month = (s: SimState, savings: Map<number, number> = new Map()) => {
  const totals = scratch(s);
  contractsPhase(s, sc, totals, savings);
  s.tick += 1;
  return totals;
};

describe('signature', () => {
  it('creates one deployment per project × district, all being built, all pointing at the contract', () => {
    const s = freshState();
    const c = signContract(s, sc, terms({ projects: ['streetLighting', 'leakDetection'], districts: [0, 2, 5] }), 'partner');
    expect(c.id).toBe(1);
    expect(c.status).toBe('building');
    expect(c.deployments).toHaveLength(6);
    const deps = c.deployments.map((uid) => s.deployments[uid - 1]!);
    expect(deps.map((d) => `${d.type}@${d.district}`).sort()).toEqual(
      ['streetLighting@0', 'streetLighting@2', 'streetLighting@5', 'leakDetection@0', 'leakDetection@2', 'leakDetection@5'].sort(),
    );
    for (const d of deps) {
      expect(d.contractId).toBe(c.id);
      expect(d.stage).toBe('building');
      expect(d.pilot).toBe(false);
      expect(d.scale).toBe(1);
    }
    expect(s.counters.contractsSigned).toBe(1);
    // Expected savings for the guarantee: the energy of every deployment at full realisation.
    expect(c.expectedSavingsMWh).toBeCloseTo(0.4 * (5200 + 4600 + 3300) + 0.05 * (20_000 + 19_000 + 10_000), 6);
  });

  it('copies the terms (later changes to the offer do not reach the contract)', () => {
    const s = freshState();
    const t = terms();
    const c = signContract(s, sc, t, 'partner');
    t.annualPaymentEur = 1;
    t.districts.push(3);
    expect(c.terms.annualPaymentEur).toBe(500_000);
    expect(c.terms.districts).toEqual([0]);
  });

  it('a pilot runs at the pilot scale; the city buying alone does not count as a signed contract', () => {
    const s = freshState();
    const c = signContract(s, sc, terms({ form: 'pilot', pilot: true, durationYears: 2, cityCapitalShare: 1, annualPaymentEur: 0 }), 'suppliers');
    const d = s.deployments[c.deployments[0]! - 1]!;
    expect(d.pilot).toBe(true);
    expect(d.scale).toBe(sc.projects.catalogue.streetLighting!.pilot.scale);
    expect(s.counters.contractsSigned).toBe(0);
    expect(s.counters.pilotsStarted).toBeGreaterThanOrEqual(1);
  });
});

describe('execution', () => {
  it('starts running when the works are done, for its duration', () => {
    const { s, c } = running({ durationYears: 12 });
    expect(c.status).toBe('running');
    expect(c.operationStartTick).toBe(s.tick - 1);
    expect(c.endTick).toBe(c.operationStartTick + 144);
  });

  it('nothing is paid while the works go on', () => {
    const s = freshState();
    signContract(s, sc, terms(), 'partner');
    month(s);
    expect(movedCents(s, 'city>partner:annual payment')).toBe(0);
  });

  it('the city pays the partner a twelfth of the annual payment each month of operation', () => {
    const { s, c } = running({ annualPaymentEur: 1_200_000 });
    const totals = month(s);
    expect(movedCents(s, 'city>partner:annual payment')).toBe(100_000_00);
    // An operating expense, beside the maintenance of the light points it took over (MODEL §8).
    expect(totals.operatingSpending).toBeCloseTo(100_000 + c.networkUpkeepEur! / 12, 6);
    month(s);
    expect(movedCents(s, 'city>partner:annual payment')).toBe(200_000_00);
    expect(ledgerSum(s)).toBe(0);
  });

  it('pays the partner its share of the realised savings', () => {
    const { s, c } = running({ savingsShareToPartner: 0.5 });
    month(s, new Map([[c.id, 100]]));
    expect(movedCents(s, 'city>partner:savings share')).toBe(Math.round(100 * price * 0.5 * 100));
  });

  it('charges the partner a penalty when savings fall short of the guarantee, none when they meet it', () => {
    const { s, c } = running({ guaranteedSavingShare: 0.6, penaltyRate: 1.5 });
    const guaranteedMonth = (0.6 * c.expectedSavingsMWh) / 12;
    month(s, new Map([[c.id, guaranteedMonth]]));
    expect(movedCents(s, 'partner>city:performance penalty')).toBe(0);
    month(s, new Map([[c.id, guaranteedMonth + 50]]));
    expect(movedCents(s, 'partner>city:performance penalty')).toBe(0);
    const short = 0.25 * guaranteedMonth;
    const totals = month(s, new Map([[c.id, short]]));
    const expected = 1.5 * (guaranteedMonth - short) * price;
    expect(movedCents(s, 'partner>city:performance penalty')).toBe(Math.round(expected * 100));
    expect(c.penaltiesPaidEur).toBeCloseTo(expected, 6);
    expect(totals.operatingRevenue).toBeCloseTo(expected, 6);
  });

  it('no guarantee, no penalty', () => {
    const { s, c } = running({ guaranteedSavingShare: 0, penaltyRate: 2 });
    month(s, new Map([[c.id, 0]]));
    expect(movedCents(s, 'partner>city:performance penalty')).toBe(0);
  });

  it('the partner’s unrecovered investment grows at its cost of capital and falls with its receipts net of its running costs', () => {
    const { s, c } = running({ annualPaymentEur: 1_200_000 });
    c.partnerUnrecoveredEur = 5e6;
    month(s);
    const r = detPow(1 + sc.partner.discountRate, 1 / 12) - 1;
    // What it pays to run the equipment out of its receipts recovers none of its investment.
    const runningCost = c.deployments.reduce((a, uid) => {
      const d = s.deployments[uid - 1]!;
      return a + (sc.projects.catalogue[d.type]!.opexShare * d.trueCostEur) / 12;
    }, 0);
    expect(runningCost).toBeGreaterThan(0);
    expect(runningCost).toBeLessThan(100_000);
    expect(c.partnerUnrecoveredEur).toBeCloseTo(5e6 * (1 + r) - (100_000 - runningCost), 4);
    c.partnerUnrecoveredEur = 50_000;
    month(s);
    expect(c.partnerUnrecoveredEur).toBe(0); // never negative
  });

  it('completes at its end tick and pays nothing after', () => {
    const { s, c } = running({ durationYears: 1, annualPaymentEur: 1_200_000 });
    while (s.tick < c.endTick) month(s);
    const paid = movedCents(s, 'city>partner:annual payment');
    expect(paid).toBeGreaterThan(0);
    month(s);
    expect(c.status).toBe('completed');
    month(s);
    expect(movedCents(s, 'city>partner:annual payment')).toBe(paid);
  });

  it('a procurement contract is completed as soon as the works are done (the city runs it)', () => {
    const s = freshState();
    const c = signContract(s, sc, terms({ form: 'procurement', cityCapitalShare: 1, annualPaymentEur: 0, durationYears: 0 }), 'partner');
    for (const uid of c.deployments) s.deployments[uid - 1]!.stage = 'operating';
    month(s);
    expect(c.status).toBe('completed');
  });

  it('runs through its whole life in the full model: building, running, completed', () => {
    const s = freshState();
    const c = signContract(s, sc, terms({ projects: ['wasteSensors'], durationYears: 1, annualPaymentEur: 120_000 }), 'partner');
    const seen = new Set<string>();
    for (let t = 0; t < 30; t++) {
      advance(s, sc, 1);
      seen.add(c.status);
    }
    expect([...seen]).toEqual(['building', 'running', 'completed']);
    expect(c.endTick - c.operationStartTick).toBe(12);
  });

  // The month a contract turns from building to running is paid (contractsPhase), and it completes
  // at endTick = operationStartTick + 12 × years before paying that month: 12N monthly instalments,
  // the N full years valuation.ts prices (docs/MODEL.md §1 and §Execution).
  it('an N-year contract pays N years of annual payments, the first in the month its works end', () => {
    const s = freshState();
    const c = signContract(s, sc, terms({ projects: ['wasteSensors'], durationYears: 1, annualPaymentEur: 120_000 }), 'partner');
    const seen = new Set<string>();
    let paidInFirstRunningMonth: number | null = null;
    for (let t = 0; t < 30; t++) {
      advance(s, sc, 1);
      if (c.status === 'running' && !seen.has('running')) paidInFirstRunningMonth = movedCents(s, 'city>partner:annual payment');
      seen.add(c.status);
    }
    expect([...seen]).toEqual(['building', 'running', 'completed']);
    expect(paidInFirstRunningMonth).toBe(10_000_00);
    expect(movedCents(s, 'city>partner:annual payment')).toBe(120_000_00);
  });
});

describe('ends', () => {
  it('termination in the public interest pays the unamortised investment + the clause × the lost profit (Douai)', () => {
    const { s, c } = running({ terminationCompensation: 0.4, annualPaymentEur: 1_000_000, cityCapitalShare: 0.5 });
    c.partnerUnrecoveredEur = 1e6;
    const comp = terminationCompensationEur(s, sc, c);
    expect(comp.unamortisedEur).toBe(1e6);
    expect(comp.lostProfitEur).toBeGreaterThan(0);
    const paid = cancelContract(s, sc, scratch(s), c);
    expect(paid).toBeCloseTo(1e6 + 0.4 * comp.lostProfitEur, 2);
    // the unamortised part buys back the assets (investment section), the lost profit is operating
    expect(movedCents(s, 'city>partner:termination compensation: unamortised investment')).toBe(1e6 * 100);
    expect(movedCents(s, 'city>partner:termination compensation: lost profit')).toBe(Math.round(0.4 * comp.lostProfitEur * 100));
    expect(c.status).toBe('cancelled');
    expect(c.partnerUnrecoveredEur).toBe(0);
    expect(s.counters.contractsCancelled).toBe(1);
    const entry = s.log.find((e) => e.kind === 'contractCancelled')!;
    expect(entry.data.partnerLossEur).toBe(Math.round(comp.lostProfitEur) - Math.round(0.4 * comp.lostProfitEur));
    month(s);
    expect(movedCents(s, 'city>partner:annual payment')).toBe(0);
  });

  it('in a partnership the capital still owed on what the partner financed is always paid (accepted Dailly assignment, CMF L313-29-1)', () => {
    const { s, c } = running({ form: 'partnership', cityCapitalShare: 0, terminationCompensation: 0, annualPaymentEur: 1_000_000 });
    c.partnerUnrecoveredEur = 1e6;
    c.capitalOutstandingEur = 4e6;
    const comp = terminationCompensationEur(s, sc, c);
    expect(comp.unamortisedEur).toBe(4e6);
    expect(cancelContract(s, sc, scratch(s), c)).toBeCloseTo(4e6, 6);
    expect(c.capitalOutstandingEur).toBe(0);
  });

  it('a clause of zero lost profit never lowers the compensation below the unamortised investment', () => {
    const { s, c } = running({ terminationCompensation: 0, annualPaymentEur: 1_000_000, cityCapitalShare: 0.5 });
    c.partnerUnrecoveredEur = 2.5e6;
    expect(cancelContract(s, sc, scratch(s), c)).toBeCloseTo(2.5e6, 6);
  });

  it('a partner that financed none of the works is owed nothing unamortised: its overrun on a fixed price is its own', () => {
    const { s, c } = running({ terminationCompensation: 0, annualPaymentEur: 1_000_000, cityCapitalShare: 1 });
    c.partnerUnrecoveredEur = 0.8e6; // what its works cost above the price the city paid
    const comp = terminationCompensationEur(s, sc, c);
    expect(comp.unamortisedEur).toBe(0);
    expect(cancelContract(s, sc, scratch(s), c)).toBe(0);
  });

  it('a partnership ended during its works pays what the partner has spent, not the whole financing (the lenders\u2019 acceptance follows the works)', () => {
    const s = freshState();
    const c = signContract(s, sc, terms({ form: 'partnership', districts: [0, 1], cityCapitalShare: 0, terminationCompensation: 0 }), 'partner');
    advance(s, sc, 1);
    expect(c.status).toBe('building');
    expect(c.capitalOutstandingEur).toBeGreaterThan(0);
    const comp = terminationCompensationEur(s, sc, c);
    expect(comp.unamortisedEur).toBeCloseTo(Math.max(0, c.partnerUnrecoveredEur), 6);
    expect(comp.unamortisedEur).toBeLessThan(c.capitalOutstandingEur);
  });

  it('ending a contract during its works pays no lost profit on the works it no longer builds (the harm, not more: Mergui)', () => {
    const s = freshState();
    const c = signContract(s, sc, terms({ districts: [0, 1], cityCapitalShare: 0, terminationCompensation: 1 }), 'partner');
    advance(s, sc, 1);
    const building = c.deployments.map((uid) => s.deployments[uid - 1]!).filter((d) => d.stage === 'building');
    expect(building.length).toBeGreaterThan(0);
    const outlayLeft = building.reduce((a, d) => a + (d.trueCostEur * d.buildMonthsLeft) / d.buildMonths, 0);
    const comp = terminationCompensationEur(s, sc, c);
    // The lost profit is at most the contract's margin: what the receipts bring above every cost,
    // the works left included (without the rule it would include the unbuilt works themselves).
    const rate = (1 + sc.partner.discountRate) ** (1 / 12) - 1;
    const months = c.terms.durationYears * 12 + Math.max(...building.map((d) => d.buildMonthsLeft));
    const receiptsPv = (c.terms.annualPaymentEur / 12) * ((1 - (1 + rate) ** -months) / rate);
    expect(comp.lostProfitEur).toBeLessThanOrEqual(Math.max(0, receiptsPv - outlayLeft - c.partnerUnrecoveredEur) + 1);
    expect(comp.lostProfitEur).toBeLessThan(receiptsPv - c.partnerUnrecoveredEur - 0.5 * outlayLeft);
  });

  it('cancelling during the works stops them', () => {
    const s = freshState();
    const c = signContract(s, sc, terms({ districts: [0, 1] }), 'partner');
    cancelContract(s, sc, scratch(s), c);
    for (const uid of c.deployments) expect(s.deployments[uid - 1]!.stage).toBe('cancelled');
    expect(movedCents(s, 'city>partner:termination compensation: unamortised investment')).toBe(0); // nothing unrecovered yet
  });

  it('an amendment binds only once the partner signs it, and keeps its financial balance', () => {
    const { s, c } = running({ annualPaymentEur: 1_000_000, durationYears: 10 });
    s.tick = c.operationStartTick + 40;
    const end0 = c.endTick;
    const am = balancedAmendment(s, sc, c, 0.2)!;
    expect(am.tooLong).toBe(false);
    expect(am.amendment.annualPaymentEur).toBeCloseTo(800_000, 6);
    // the partner's net receipts over the longer contract are worth what they were (to a month)
    expect(am.amendment.endTick).toBeGreaterThan(end0 + Math.round((end0 - s.tick) * 0.2) - 1);
    proposeAmendment(s, c, am.amendment);
    expect(c.terms.annualPaymentEur).toBe(1_000_000);
    answerAmendment(s, c, false);
    expect(c.terms.annualPaymentEur).toBe(1_000_000);
    expect(c.endTick).toBe(end0);
    expect(s.counters.contractsRenegotiated).toBe(0);
    proposeAmendment(s, c, am.amendment);
    answerAmendment(s, c, true);
    expect(c.terms.annualPaymentEur).toBeCloseTo(800_000, 6);
    expect(c.endTick).toBe(am.amendment.endTick);
    expect(s.counters.contractsRenegotiated).toBe(1);
  });

  it('an unanswered amendment lapses after amendmentAnswerMonths', () => {
    const { s, c } = running({ annualPaymentEur: 1_000_000, durationYears: 10 });
    proposeAmendment(s, c, balancedAmendment(s, sc, c, 0.1)!.amendment);
    for (let i = 0; i <= sc.negotiation.amendmentAnswerMonths; i++) month(s);
    expect(c.amendment).toBeNull();
    expect(c.terms.annualPaymentEur).toBe(1_000_000);
    expect(s.log.some((e) => e.kind === 'amendmentLapsed')).toBe(true);
  });

  it('a partner failure ends its contracts; what is built stays', () => {
    const { s, c } = running();
    const other = signContract(s, sc, terms({ districts: [1] }), 'partner');
    partnerFails(s);
    expect(c.status).toBe('failed');
    expect(other.status).toBe('failed');
    expect(s.deployments[c.deployments[0]! - 1]!.stage).toBe('operating');
    expect(s.deployments[other.deployments[0]! - 1]!.stage).toBe('cancelled');
  });
});
