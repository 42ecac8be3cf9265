/**
 * The computer city's planning of one decision (agents/rule-based-city.ts, `projectDecisions`,
 * MODEL §13.8): the credits of the deal it proposes are kept before any purchase alone (AP/CP, CGCT
 * L2311-3 and R2311-9; sincerity, L1612-4). A purchase decided beside the deal leaves the deal its
 * first-year share of the works, so the offer is still lawful when the partner answers; it is
 * budgeted at what its signature may draw (its expected overrun, no grant not yet notified); it
 * files none of the deal's grant calls (one call's budget is not counted twice, on the purchase and
 * again on the deal); and it leaves the deal the lenders' room the deal needs.
 */
import { describe, expect, it } from 'vitest';
import { launchAlonePrice, runSimulation, termsProblem } from '../../src/sim';
import { yearlyDecisions } from '../../src/sim/agents/rule-based-city';
import { applyAction } from '../../src/sim/actions';
import { resolvePolicy } from '../../src/sim/agents';
import { newScratch } from '../../src/sim/money';
import { projectType } from '../../src/sim/rules/catalogue';
import { lendersRatioYears, rentOperatingEur, worksCapitalEur } from '../../src/sim/rules/legality';
import { meanOverrunFactor } from '../../src/sim/rules/projects';
import { cloneState } from '../../src/sim/serialize';
import type { Action, ContractTerms, Negotiation, Observation } from '../../src/sim/types';
import { dijon, freshState, terms, variant } from './helpers';

// C6's uncertain condition (benefits at twice the catalogue's spreads, no guarantee), where the
// fault showed most: seed 1 opened the LED beside mobility services bought alone, and the city's own
// offer exceeded its envelope when the bids came in.
const sc = variant({ 'projects.benefitUncertainty': 2, 'negotiation.maxGuaranteedSavingShare': 0 });

describe('a purchase alone decided beside a deal the city proposes', () => {
  const base = resolvePolicy(sc.policies.city, 'city')!;
  const beside: { tick: number; deal: ContractTerms; purchase: Extract<Action, { type: 'launchAlone' }>; problem: string | null; drawEur: number; leftEur: number; drawnEur: number; shortEur: number }[] = [];
  // Seeds 1–24: since the city bargains after the bids (issue 9, thirteenth round) an opening
  // beside a purchase is rarer (3 in 24 runs, against 3 in seeds 1–4 before): the block is widened
  // so the legs below read something, not chosen for them.
  for (let seed = 1; seed <= 24; seed++) {
    const city = (obs: Observation): Action[] => {
      const actions = base(obs);
      const propose = obs.state.negotiation === null ? actions.find((a) => a.type === 'propose') : undefined;
      const purchase = actions.find((a) => a.type === 'launchAlone');
      if (propose?.type === 'propose' && purchase?.type === 'launchAlone') {
        // The decision as the month applies it, on a copy: the vote, the notice, then the purchase.
        const after = cloneState(obs.state);
        const scratch = newScratch(after);
        let leftEur = 0;
        let drawnEur = 0;
        for (const a of actions) {
          if (a === purchase) leftEur = after.city.envelopeLeftEur - worksCapitalEur(after, obs.scenario, propose.terms, 'partner').firstYear;
          const before = after.city.envelopeLeftEur;
          applyAction(after, obs.scenario, scratch, a);
          if (a === purchase) drawnEur = before - after.city.envelopeLeftEur;
        }
        // What the purchase's signature may draw: its works at their expected overrun, no grant counted.
        const drawEur = launchAlonePrice(obs.state, obs.scenario, purchase)!.worksEur * meanOverrunFactor(obs.scenario, projectType(obs.scenario, purchase.project)!);
        // By how much the envelope left falls short of the deal's first year once the purchase is signed.
        const shortEur = worksCapitalEur(after, obs.scenario, propose.terms, 'partner').firstYear - after.city.envelopeLeftEur;
        beside.push({ tick: obs.state.tick, deal: propose.terms, purchase, problem: termsProblem(after, obs.scenario, propose.terms)?.code ?? null, drawEur, leftEur, drawnEur, shortEur });
      }
      return actions;
    };
    runSimulation(sc, { seed, years: 18, agents: 300, city });
  }

  it('happens (the test reads something)', () => {
    expect(beside.length).toBeGreaterThan(0);
  });

  // The purchase's overrun is a draw at its signature (rules/projects.ts), budgeted at its mean: a
  // dearer draw may take from the deal's first year what it costs above that mean, never more
  // (seed 17, month 60, since purchases above the EU threshold go to the council: wasteSensors
  // drawn at 1.162 against a mean of 1.120 leave the leak-detection deal €6.9 k short; the deal is
  // signed in the next budget year). Any other shortfall is the plan's, and the offer must be lawful.
  it('leaves the deal its first-year credits: the offer is still within the envelope once the purchase is signed, its overrun above the mean aside', () => {
    const short = beside.filter((b) => b.problem !== null && (b.problem !== 'envelopeExceeded' || b.shortEur > Math.max(0, b.drawnEur - b.drawEur) + 1));
    expect(short.map((b) => `${b.tick} ${b.deal.projects.join('+')} beside ${b.purchase.project}: ${b.problem} (short by ${Math.round(b.shortEur)}, drawn ${Math.round(b.drawnEur)} against ${Math.round(b.drawEur)} planned)`)).toEqual([]);
  });

  it('is budgeted at what its signature may draw (its expected overrun, no grant before it is notified), within what the deal leaves', () => {
    expect(beside.filter((b) => b.drawEur > b.leftEur + 1).map((b) => `${b.tick} ${b.purchase.project}: ${Math.round(b.drawEur)} > ${Math.round(b.leftEur)}`)).toEqual([]);
  });

  it('names none of the deal’s grant calls', () => {
    expect(beside.filter((b) => (b.purchase.grantCalls ?? []).some((id) => b.deal.grantCalls.includes(id))).map((b) => `${b.tick} ${b.purchase.project}`)).toEqual([]);
  });
});

describe('a purchase alone beside a deal under negotiation', () => {
  // A partnership the partner finances in full (€20 M of LED over the city: new debt for the lenders,
  // none of it in the envelope), open, and the city deciding in a month of the year with €8 M left.
  const sc = dijon();
  const offer = terms({ form: 'partnership', projects: ['streetLighting'], districts: sc.territory.districts.map((_, i) => i), cityCapitalShare: 0, durationYears: 15, annualPaymentEur: 1_000_000 });
  const negotiation: Negotiation = {
    id: 1, openedTick: 0, procedure: { kind: 'dialogue', phase: 'negotiation', monthsLeft: 0, bidders: 2, rivalCostFactor: 0.9 }, turn: 'partner', offer, offeredBy: 'city',
    round: 1, roundsNeeded: 1, maxRounds: 12, lastMoveTick: 0, ratificationMonthsLeft: 0, history: [{ tick: 0, by: 'city', kind: 'offer', terms: offer, reason: 'notice' }],
  };
  /** The state with the debt set so that the lenders leave `roomEur` of new debt once the deal is counted. */
  function withRoom(roomEur: number) {
    const s = freshState(sc);
    s.tick = 3;
    s.negotiation = structuredClone(negotiation);
    s.city.envelopeLeftEur = 8e6;
    // The baseline programme put off, so that a purchase's later years fit what a year can finance
    // (the programme check, legality.ts: with the debt this close to the lenders' limit the
    // borrowing room is nearly nil) and only the lenders' room judges.
    s.city.baselineCut = 1;
    const { net, financedEur } = worksCapitalEur(s, sc, offer, 'partner');
    const operating = rentOperatingEur(sc, offer, financedEur);
    const perEur = lendersRatioYears(s, sc, operating, 1) - lendersRatioYears(s, sc, operating, 0);
    const debtNow = lendersRatioYears(s, sc, operating, net, financedEur) / perEur;
    s.city.debtEur += sc.funding.lendersRefuseYears / perEur - roomEur - debtNow;
    return s;
  }
  const buys = (roomEur: number) => yearlyDecisions(withRoom(roomEur), sc, false).filter((a) => a.type === 'launchAlone');

  it('leaves the deal its borrowing room: with the lenders’ room nearly taken by the deal, nothing is bought alone', () => {
    expect(buys(50e6).length).toBe(1);
    expect(buys(1e4)).toEqual([]);
  });

  it('buys the most valuable purchase the deal leaves room for, whatever the order of the catalogue', () => {
    const reversed = { ...sc, projects: { ...sc.projects, catalogue: Object.fromEntries(Object.entries(sc.projects.catalogue).reverse()) } };
    const s = withRoom(50e6);
    const chosen = yearlyDecisions(s, sc, false).find((a) => a.type === 'launchAlone');
    expect(chosen).toBeDefined();
    expect(yearlyDecisions(s, reversed, false).find((a) => a.type === 'launchAlone')).toEqual(chosen);
  });
});
