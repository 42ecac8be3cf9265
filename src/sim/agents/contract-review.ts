/**
 * How a computer city reviews the contracts it inherits after a defeat, and how a computer partner
 * answers a proposed amendment: decisions priced by the law's rules (rules/contracts.ts).
 *
 * The city, at each budget of the first mandate of a new mayor who took office after a defeat,
 * weighs each running contract with the partner that its predecessors signed (not the ones it
 * signed itself): a contract under works at the defeat is weighed once it runs. A council may end
 * or amend a contract at any time (CCP L6 4° and 5°), and a new team's audit and decisions come
 * over its first years, not in its first budget alone; the model's assumption is that a majority
 * does not reopen the contracts it signed itself. Ending it in the public interest saves the payments and the savings share still to
 * come but costs the compensation the law owes now (unamortised investment + the clause's share of
 * the lost profit) and, after it, either the running costs the city bears itself until the
 * contract's end (what was built stays; after that end it runs it either way), or, when it gives up
 * the services that stop when no one runs them (a platform, sensors, an app…: rules/contracts.ts
 * `canBeSwitchedOff`; CCP L6 5°, L2195-3 2°), those services' value to the new mayor (its
 * priorities: a family it dislikes is worth less to it) over the rest of their life, net of the
 * running cost it would have borne after the contract's end, and the grants' part it must repay
 * (`grantRepaymentIfAbandoned`). It takes whichever of the two is worth more, when it is worth more
 * than nothing through its own lens. Otherwise, when the
 * mayor dislikes the contract's projects (politics.ts `dislike` ≥ ½), it proposes the amendment
 * with the deepest payment cut, up to `politics.renegotiationCut`, that keeps the partner's
 * financial balance, is lawful (de minimis, CCP R2194-8: a larger one needs a new award) and is
 * worth more to the city than the contract as it stands (`deepestLawfulCut`) — one amendment a
 * contract over the mandate. A contract under
 * works is left alone (ending it would lose the works for little saved).
 * The partner signs an amendment when the amended contract is worth at least as much to it, at
 * its own cost of capital, as the contract as it stands; otherwise it refuses and the contract runs on.
 */
import { abandonableDeployments, amendmentFlows, balancedAmendment, grantRepaymentIfAbandoned, monthsLeft, partnerContractPv, partnerMonthlyFlows, substantialModification, terminationCompensationEur } from '../rules/contracts';
import { projectType } from '../rules/catalogue';
import { cityCostWeight, cityWeight } from '../rules/discount';
import { dislike } from '../rules/politics';
import { cityLens, deploymentValuePerYearEur } from '../rules/valuation';
import type { Scenario } from '../scenario-schema';
import type { Action, Contract, Deployment, SimState } from '../types';

const millions = (eur: number) => Math.round(eur / 1e4) / 100;

/** The city's present value (its cost lens) of `perMonth` euros a month for the next `months` months. */
function cityCostPv(state: Readonly<SimState>, scenario: Scenario, perMonth: number, months: number): number {
  const lens = cityLens(state, scenario);
  let v = 0;
  for (let m = 1; m <= months; m++) v += perMonth * cityCostWeight(lens, m / 12);
  return v;
}

/**
 * The city's present value (its gains lens: present bias and hazard) of `perMonth` euros a month
 * saved over the next `months` months: what ending a contract releases is no commitment but a
 * saving that comes later, while the compensation is paid now (discount.ts).
 */
function cityGainPv(state: Readonly<SimState>, scenario: Scenario, perMonth: number, months: number): number {
  const lens = cityLens(state, scenario);
  let v = 0;
  for (let m = 1; m <= months; m++) v += perMonth * cityWeight(lens, m / 12);
  return v;
}

/** What the city would bear a month to run a deployment itself: catalogue opex × (1 + 0.2 × partnerDependence). */
function inHouseCostPerMonth(scenario: Scenario, d: Readonly<Deployment>): number {
  const t = projectType(scenario, d.type)!;
  return (t.opexShare * d.capexEur * (1 + 0.2 * t.partnerDependence)) / 12;
}

/** What the city would bear a month once the contract ends: running what is left running itself (`except`: the deployments it gives up). */
function cityCostAfterEnd(state: Readonly<SimState>, scenario: Scenario, c: Contract, except: ReadonlySet<number> = new Set()): number {
  let sum = 0;
  for (const uid of c.deployments) {
    const d = state.deployments[uid - 1]!;
    if (d.stage !== 'operating' || except.has(uid)) continue;
    sum += inHouseCostPerMonth(scenario, d);
  }
  return sum;
}

/**
 * What giving a contract's services up is worth to the city beside keeping the contract, before
 * the compensation (euros, its gains lens): the payments and savings share it stops paying over the
 * months left, less the running cost of what it keeps running itself over them, less, for each
 * service given up, its value to the mayor (`deploymentValuePerYearEur`, the platform's synergy
 * with a service that goes too counted once) over the rest of its life, net of the running cost
 * the city would have borne itself after the contract's end; and the grants' part it must repay
 * (`grantRepaymentIfAbandoned`), paid now.
 */
function giveUpGain(state: Readonly<SimState>, scenario: Scenario, c: Contract, given: readonly Deployment[], outflow: number, months: number): { savedEur: number; repaidEur: number } {
  const going = new Set(given.map((d) => d.uid));
  let horizon = months;
  for (const d of given) horizon = Math.max(horizon, d.lifetimeMonths - d.ageMonths);
  // Cumulative weights: cum[m] = the present value of one euro a month for months 1…m.
  const lens = cityLens(state, scenario);
  const cum = [0];
  for (let m = 1; m <= horizon; m++) cum.push(cum[m - 1]! + cityWeight(lens, m / 12));
  let saved = (outflow - cityCostAfterEnd(state, scenario, c, going)) * cum[months]!;
  for (const d of given) {
    const life = Math.max(0, d.lifetimeMonths - d.ageMonths);
    const value = deploymentValuePerYearEur(state, scenario, d, going) / 12;
    saved -= value * cum[life]! - inHouseCostPerMonth(scenario, d) * Math.max(0, cum[life]! - cum[Math.min(months, life)]!);
  }
  return { savedEur: saved, repaidEur: grantRepaymentIfAbandoned(state, c).totalEur };
}

/**
 * The city's present value (its cost lens) of running a contract's operating deployments itself
 * from month `from` + 1 to month `to` from now, each only while it lasts (its lifetime left): what it
 * would bear after the contract as it stands ends, over the months an amendment would add.
 */
function ownRunningPv(state: Readonly<SimState>, scenario: Scenario, c: Contract, from: number, to: number): number {
  const lens = cityLens(state, scenario);
  let v = 0;
  for (const uid of c.deployments) {
    const d = state.deployments[uid - 1]!;
    if (d.stage !== 'operating') continue;
    const last = Math.min(to, d.lifetimeMonths - d.ageMonths);
    const perMonth = inHouseCostPerMonth(scenario, d);
    for (let m = from + 1; m <= last; m++) v += perMonth * cityCostWeight(lens, m / 12);
  }
  return v;
}

/**
 * The amendment a new majority that dislikes a contract's projects (politics.ts `dislike` ≥ ½)
 * asks for: the deepest payment cut, in whole points up to its ambition `politics.renegotiationCut`,
 * that keeps the partner's financial balance (`balancedAmendment`: the contract lengthened so that
 * its net receipts are worth what they were), is lawful (within 30 years, and de minimis, CCP
 * R2194-7, R2194-8: a larger one needs a new award) and costs the city less than the contract as
 * it stands, through its cost lens — or null. A finance department asks what the law lets it get,
 * not its ambition or nothing (until issue 9's seventh round it asked `renegotiationCut` alone, and
 * no amendment a defeat could bring was lawful: the lengthening that balances a 15 % cut on a thin
 * operating margin passes the de-minimis limit or has no length at all).
 * The contract as it stands costs its payment and savings share until its end, then the running
 * cost the city would bear itself over the months the amendment adds, each deployment while it
 * lasts (`ownRunningPv`); the amended one costs the cut payment over the longer contract and the
 * savings share of what still runs (until the same round the running cost after the end was left
 * out, counting the lengthening as pure cost, and no amendment paid; until the eighth round the
 * savings share was counted on equipment past its life).
 */
function deepestLawfulCut(state: Readonly<SimState>, scenario: Scenario, c: Contract, months: number): { cut: number; savedEur: number } | null {
  const ambition = scenario.politics.renegotiationCut;
  if (ambition <= 0 || dislike(state, scenario, c.terms.projects) < 0.5) return null;
  const pay = c.terms.annualPaymentEur / 12;
  const lens = cityLens(state, scenario);
  // What every cut's amendment reads of the contract, made once (`amendmentFlows`).
  const flows = amendmentFlows(state, scenario, c);
  for (let points = Math.floor(ambition * 100 + 1e-9); points >= 1; points--) {
    const cut = points / 100;
    const am = balancedAmendment(state, scenario, c, cut, flows);
    if (!am || am.tooLong || substantialModification(scenario, c, am.modificationEur)) continue;
    const longer = am.amendment.endTick - state.tick;
    // The savings share is paid on what still runs (`partnerMonthlyFlows`): the same over the
    // months both contracts run, and over the months added only while the equipment lasts (each
    // month's share the same numbers over any horizon that covers it: the flows' own, when it does).
    const share = longer <= flows.horizon ? flows.shareEur : partnerMonthlyFlows(state, scenario, c, longer).shareEur;
    let sharePv = 0;
    for (let t = months; t < longer; t++) sharePv += share[t]! * cityCostWeight(lens, (t + 1) / 12);
    const now = cityCostPv(state, scenario, pay, months) + ownRunningPv(state, scenario, c, months, longer);
    const after = cityCostPv(state, scenario, am.amendment.annualPaymentEur / 12, longer) + sharePv;
    if (after < now) return { cut, savedEur: now - after };
  }
  return null;
}

/** The city's decisions on its inherited contracts at each budget of a new majority's first mandate (else none). */
export function reviewContracts(state: Readonly<SimState>, scenario: Scenario): Action[] {
  if (state.city.newMayorTick < 0 || state.tick - state.city.newMayorTick >= 12 * scenario.politics.termYears) return [];
  const price = scenario.energy.priceEurPerMWh * state.energyPriceFactor;
  const actions: Action[] = [];
  // One amendment a contract from a new majority's review: the avenant its audit leads to, not one a year.
  const proposed = new Set<number>();
  for (const l of state.log) if (l.kind === 'amendmentProposed' && l.tick >= state.city.newMayorTick) proposed.add(l.data.id);
  for (const c of state.contracts) {
    // Only the contracts it inherited (signed by the old majority: decisions come before the vote in a month), once they run.
    if (c.builder !== 'partner' || c.status !== 'running' || c.amendment || c.signedTick > state.city.newMayorTick) continue;
    const months = monthsLeft(state, c);
    const outflow = c.terms.annualPaymentEur / 12 + (c.terms.savingsShareToPartner * c.expectedSavingsMWh * price) / 12;
    const comp = terminationCompensationEur(state, scenario, c).totalEur;
    // Ending it and running everything itself: the payments saved against its own running costs.
    const saved = cityGainPv(state, scenario, outflow - cityCostAfterEnd(state, scenario, c), months);
    // Ending it and giving up the services that can be switched off, when there are some.
    const given = abandonableDeployments(state, c);
    const giveUp = given.length > 0 ? giveUpGain(state, scenario, c, given, outflow, months) : null;
    const giveUpNet = giveUp ? giveUp.savedEur - giveUp.repaidEur - comp : -Infinity;
    if (giveUp && giveUpNet > 0 && giveUpNet > saved - comp) {
      const params = { contract: c.id, savedM: millions(giveUp.savedEur), compensationM: millions(comp), repaidM: millions(giveUp.repaidEur) };
      actions.push({ type: 'cancelContract', contractId: c.id, abandon: true, explanation: { key: 'city.abandons', params } });
      continue;
    }
    if (saved > comp) {
      actions.push({ type: 'cancelContract', contractId: c.id, explanation: { key: 'city.terminates', params: { contract: c.id, savedM: millions(saved), compensationM: millions(comp) } } });
      continue;
    }
    const proposal = proposed.has(c.id) ? null : deepestLawfulCut(state, scenario, c, months);
    if (proposal) {
      const { cut, savedEur } = proposal;
      actions.push({ type: 'renegotiateContract', contractId: c.id, paymentCut: cut, explanation: { key: 'city.proposesAmendment', params: { contract: c.id, cutPct: Math.round(cut * 100), savedM: millions(savedEur) } } });
    }
  }
  return actions;
}

/**
 * The partner's answers to the amendments awaiting it: it signs those worth as much to it as the
 * contract, at its cost of capital, month by month with the savings share and running cost of what
 * still runs (rules/contracts.ts `partnerContractPv`, the balance `balancedAmendment` keeps).
 */
export function answerAmendments(state: Readonly<SimState>, scenario: Scenario): Action[] {
  const actions: Action[] = [];
  for (const c of state.contracts) {
    const a = c.amendment;
    if (!a || c.builder !== 'partner') continue;
    const m = monthsLeft(state, c);
    const m2 = c.status === 'running' ? a.endTick - state.tick : Math.round(a.durationYears * 12);
    const now = partnerContractPv(state, scenario, c, c.terms.annualPaymentEur, m);
    const after = partnerContractPv(state, scenario, c, a.annualPaymentEur, m2);
    const accept = after >= now - 1;
    actions.push({ type: 'answerAmendment', by: 'partner', contractId: c.id, accept, explanation: { key: accept ? 'partner.signsAmendment' : 'partner.refusesAmendment', params: { contract: c.id, valueNowM: millions(now), valueAfterM: millions(after) } } });
  }
  return actions;
}
