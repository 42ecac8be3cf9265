/**
 * Citizens: household agents whose satisfaction moves each month toward what they experience.
 *
 * For agent i in district d, with preferences p (drawn in 0.5–1.5 around 1) and income band b:
 *   u = w_S p_S · (F(S_d) − ½ F(X_d) − ½ F(S⁰)) − w_N · N_d (1 − relief · concertation)
 *       − p_T · k_b · (w_L (tax − 1 + w_D · D) + w_T (tax − T_ref)) · 4
 *       + w_E p_E · F(E_d − E_d⁰) − w_P p_P · privacy − 0.3 · heat · (1 − H_d) − 0.15 · protest
 *   target = g(logit(s₀) + 3u), g(z) = ½ + ½ z ÷ (1 + |z|)
 * (g is a cheap S-curve, the "softsign": satisfaction stays in (0, 1) and u = 0 keeps s₀ near its
 * start; the logistic function would cost an exponential per agent per month),
 *   s ← s + λ (target − s) + μ (s̄_d − s)
 * where S_d = min(1, Σ domain qualities ÷ 3) is the district's service level (the legacy stocks the
 * territory already runs included, rules/services.ts), S⁰ the level they give at the start, X_d
 * what its citizens have come to expect (it starts at S⁰ and follows S_d, closing 1/36 of the gap a
 * month: a new service pleases most when it is new, and a lost one hurts), F(x) = h (1 − e^(−x/h))
 * the diminishing returns of services (h = `serviceSaturation`: the first services count fully,
 * each further one less, all together never more than h; a loss below the start is felt more than
 * a gain of the same size), N_d its works nuisance, E_d its environmental quality (E_d⁰ at the
 * start, felt with the same diminishing returns), D the debt taken on since the start as the rise
 * of the voted rates that would repay it over its maturity (a debt is a deferred tax; w_D =
 * `weights.debt` < 1 for fiscal illusion), H_d its heat protection, s̄_d its
 * mean satisfaction last month (the neighbours' opinion), k_b = 1.3, 1, 0.7 for low, middle and
 * high incomes, λ = `adjustmentRate`, μ = `neighbourInfluence`.
 *
 * The fiscal term has two parts (MODEL.md §3 "How strongly taxes are felt"). The level, weighed
 * w_L = `weights.taxLevel`, at the one per-euro slope the evidence gives (+1 % of the metropole's
 * rates is about €1 of property tax a household a year, €4 if firms passed all their CFE on), is
 * felt for good. The news, weighed w_T = `weights.taxes` thirty times more, is the rate against T_ref = `city.taxReference`, the level citizens have
 * come to take as normal: it follows the rate as X_d follows the services, by the same mechanism (a
 * share of the gap a month, after the month's target read it), so that a rise, like a new service,
 * weighs most when new and is absorbed as it ages (the tax notice prints last year's rate beside
 * this year's; the fixed-effects studies are compatible with it, not evidence for it), as French
 * mayors' habit of raising the rates right after an election, never just before, presumes. Its
 * pace is not X_d's 36 months but `taxNewsMonths` (12): with 36 months half the cost of a rise is
 * still there five years on, and a rise voted in the term's first budget would still weigh at the
 * next election. The loop runs over typed arrays:
 * it is the model's hot path (10,000 agents × 360 months).
 *
 * Beside it each district carries a tax-free satisfaction (`satisfactionTaxFree`): the mean its
 * agents would have if the same update ran without the fiscal term, both its parts (the rates as at
 * the start, and the debt no higher). The update is linear in the satisfaction and the neighbours'
 * term sums to nothing over the district (Σ μ (s̄_d − s_i) = 0), so that mean follows
 *   f̄_d ← f̄_d + λ (mean of the tax-free targets − f̄_d)
 * exactly: only the targets are needed, agent by agent, not an agent's own tax-free value. The
 * vote reads the satisfaction; the scores read the tax-free one, because a tax is a transfer
 * between the city and its residents, and a debt a tax deferred, which the scores already count as
 * money (scores.ts, MODEL.md §15).
 */
import { detExp, detLog } from '../det-math';
import type { Scenario } from '../scenario-schema';
import { DOMAINS } from '../scenario-schema';
import type { CitizenArrays, DistrictState, SimState } from '../types';
import { incumbentShift, voteProbability } from './politics';
import { serviceLevelAtStart } from './services';

export const INCOME_TAX_SENSITIVITY = [1.3, 1, 0.7] as const;

/** A district's service level: the sum of its domain qualities ÷ 3, at most 1 (what citizens feel, and the `serviceQuality` reporter). */
export function districtServiceLevel(services: Record<string, number>): number {
  let sum = 0;
  for (const k of DOMAINS) sum += services[k]!;
  return Math.min(1, sum / 3);
}

/**
 * How a service level is felt: with diminishing returns, h · (1 − exp(−S ÷ h)) — the first
 * services count fully (slope 1), each further one less, and all of them together never more than
 * h; h = 0 keeps it linear.
 */
export function serviceFelt(level: number, h: number): number {
  return h > 0 ? h * (1 - detExp(-level / h)) : level;
}

/**
 * The city's debt above where it started, as the rise of the voted-rate level that would repay it
 * over the debt's maturity (`city.debtMaturityYears`) from the taxes that level moves (TFPB and
 * CFE): a debt is a tax deferred. 0 while the debt is no higher than at the start.
 */
export function debtAsTaxRise(state: Readonly<SimState>, scenario: Scenario): number {
  const c = scenario.city;
  const base = (c.taxes.tfpbEur + c.taxes.cfeEur) * c.debtMaturityYears;
  return base > 0 ? Math.max(0, state.city.debtEur - c.debtEur) / base : 0;
}

/**
 * The agents' preferences as doubles, interleaved agent by agent (services, environment, privacy
 * at 4i … 4i + 2: the same values as the state's Float32Arrays, a float widening to a double
 * exactly), and at 4i + 3 how strongly the agent feels the fiscal term, p_T · k_b (its taste for
 * low taxes times its income band's sensitivity): read by the monthly loop from one array, without
 * a conversion or a lookup of the band per read. Made
 * once per set of arrays and kept beside them (the preferences are drawn at the start and never
 * written again: init.ts); a state with other arrays (a copy, a restored save) gets its own.
 */
const PREFERENCES = new WeakMap<Float32Array, { from: CitizenArrays; prefs: Float64Array }>();

function preferencesOf(c: CitizenArrays): Float64Array {
  const known = PREFERENCES.get(c.prefServices);
  if (known && known.from.prefEnvironment === c.prefEnvironment && known.from.prefPrivacy === c.prefPrivacy && known.from.prefTaxes === c.prefTaxes && known.from.income === c.income) return known.prefs;
  const n = c.prefServices.length;
  const prefs = new Float64Array(4 * n);
  for (let i = 0; i < n; i++) {
    prefs[4 * i] = c.prefServices[i]!;
    prefs[4 * i + 1] = c.prefEnvironment[i]!;
    prefs[4 * i + 2] = c.prefPrivacy[i]!;
    prefs[4 * i + 3] = c.prefTaxes[i]! * INCOME_TAX_SENSITIVITY[c.income[i]!]!;
  }
  PREFERENCES.set(c.prefServices, { from: { ...c }, prefs });
  return prefs;
}

// The two loops below are the model's hot path. Each takes one district's range and terms as
// positional arguments, so that V8 holds them all in registers (an object argument, even
// destructured at the top, made the loop about 15 % slower), and writes the district's sums into
// `out`: Σ satisfaction and Σ tax-free target, each summed in the agents' order.

/** One month of the agents of [begin, end) when the fiscal term is nil (the tax-free target is the target). */
function moveUntaxed(
  begin: number, end: number, cd: number, ad: number, ed: number, md: number, privacy: number, lambda: number, mu: number,
  prefs: Float64Array, satisfaction: Float64Array, out: Float64Array,
): void {
  let sum = 0;
  let sumTarget = 0;
  for (let i = begin; i < end; i++) {
    const j = 4 * i;
    const z = cd + prefs[j]! * ad + prefs[j + 1]! * ed - prefs[j + 2]! * privacy;
    const target = 0.5 + (0.5 * z) / (1 + Math.abs(z));
    sumTarget += target;
    const s = satisfaction[i]!;
    const next = s + lambda * (target - s) + mu * (md - s);
    satisfaction[i] = next;
    sum += next;
  }
  out[0] = sum;
  out[1] = sumTarget;
}

/** One month of the agents of [begin, end) with the fiscal term (`taxGap`, felt p_T · k_b by each agent): two targets. */
function moveTaxed(
  begin: number, end: number, cd: number, ad: number, ed: number, md: number, privacy: number, lambda: number, mu: number,
  prefs: Float64Array, taxGap: number, satisfaction: Float64Array, out: Float64Array,
): void {
  let sum = 0;
  // Σ of the tax-free softsigns z ÷ (1 + |z|); the targets' sum is n ÷ 2 plus half of it.
  let sumSoft = 0;
  for (let i = begin; i < end; i++) {
    const j = 4 * i;
    // Branch-free: |z| by Math.abs. Same values.
    const common = cd + prefs[j]! * ad + prefs[j + 1]! * ed;
    const pp = prefs[j + 2]! * privacy;
    const z = common - prefs[j + 3]! * taxGap - pp;
    const zFree = common - pp;
    const target = 0.5 + (0.5 * z) / (1 + Math.abs(z));
    const s = satisfaction[i]!;
    // A convex combination of s, target and the district mean (λ + μ ≤ 1): stays in [0, 1].
    const next = s + lambda * (target - s) + mu * (md - s);
    satisfaction[i] = next;
    sum += next;
    sumSoft += zFree / (1 + Math.abs(zFree));
  }
  out[0] = sum;
  out[1] = 0.5 * (end - begin) + 0.5 * sumSoft;
}

export function citizensPhase(state: SimState, scenario: Scenario): void {
  const c = scenario.citizens;
  const w = c.weights;
  const nd = state.districts.length;
  const svc = new Float64Array(nd);
  const nuis = new Float64Array(nd);
  const env = new Float64Array(nd);
  const heat = new Float64Array(nd);
  const mean = new Float64Array(nd);
  const sums = new Float64Array(nd);
  const counts = new Float64Array(nd);
  const relief = 1 - c.concertationRelief * state.city.concertation;
  const q0 = serviceFelt(serviceLevelAtStart(scenario), c.serviceSaturation);
  for (let d = 0; d < nd; d++) {
    const dist = state.districts[d]!;
    const spec = scenario.territory.districts[d]!;
    const level = districtServiceLevel(dist.services);
    svc[d] = w.services * (serviceFelt(level, c.serviceSaturation) - 0.5 * serviceFelt(dist.serviceExpectation, c.serviceSaturation) - 0.5 * q0);
    dist.serviceExpectation += (level - dist.serviceExpectation) / 36;
    nuis[d] = w.nuisance * dist.nuisance * relief;
    env[d] = w.environment * serviceFelt(dist.environment - (spec.greenSpaceShare * 0.5 + (1 - spec.carShare) * 0.5), c.serviceSaturation);
    heat[d] = 0.3 * state.city.heatStress * (1 - dist.heatProtection);
    mean[d] = dist.satisfaction;
  }
  const city = state.city;
  const taxGap = 3 * (w.taxLevel * (city.taxLevel - 1 + w.debt * debtAsTaxRise(state, scenario)) + w.taxes * (city.taxLevel - city.taxReference)) * 4;
  // The rise read, it ages: the reference closes its share of the gap (nothing while the rate never moved).
  city.taxReference += (city.taxLevel - city.taxReference) / c.taxNewsMonths;
  const privacy = 3 * w.privacy * state.city.privacyShock;
  const s0 = Math.min(0.99, Math.max(0.01, c.initialSatisfaction));
  const base = detLog(s0 / (1 - s0)) - 3 * 0.15 * state.city.protest;
  // Per district: the constant part of z and the coefficients of the preferences.
  const constant = new Float64Array(nd);
  for (let d = 0; d < nd; d++) {
    constant[d] = base - 3 * (nuis[d]! + heat[d]!);
    svc[d] = 3 * svc[d]!;
    env[d] = 3 * env[d]!;
  }
  const lambda = c.adjustmentRate;
  const mu = c.neighbourInfluence;
  const { satisfaction } = state.citizens;
  const prefs = preferencesOf(state.citizens);
  const n = satisfaction.length;
  // Agents are stored district by district (init.ts): loop over each district's range, with the
  // district's terms held in locals.
  const start = state.citizenDistrictStart;
  const out = new Float64Array(2);
  let totalFree = 0;
  for (let d = 0; d < nd; d++) {
    const begin = start[d]!;
    const end = start[d + 1]!;
    if (taxGap === 0) {
      // With the rates where they started (and as citizens take them) and the debt no higher, the two z are equal, bit for bit: one division.
      moveUntaxed(begin, end, constant[d]!, svc[d]!, env[d]!, mean[d]!, privacy, lambda, mu, prefs, satisfaction, out);
    } else {
      moveTaxed(begin, end, constant[d]!, svc[d]!, env[d]!, mean[d]!, privacy, lambda, mu, prefs, taxGap, satisfaction, out);
    }
    sums[d] = out[0]!;
    counts[d] = end - begin;
    const dist = state.districts[d]!;
    // The district's tax-free mean moves toward its agents' mean tax-free target (no neighbours' term: it sums to nothing).
    if (end > begin) dist.satisfactionTaxFree += lambda * (out[1]! / (end - begin) - dist.satisfactionTaxFree);
    totalFree += (end - begin) * dist.satisfactionTaxFree;
  }
  let total = 0;
  for (let d = 0; d < nd; d++) total += sums[d]!;
  state.satisfactionMean = n > 0 ? total / n : 0;
  state.satisfactionTaxFreeMean = n > 0 ? totalFree / n : 0;
  for (let d = 0; d < nd; d++) {
    const dist = state.districts[d]!;
    if (counts[d]! > 0) dist.satisfaction = sums[d]! / counts[d]!;
    dist.voteIntention = voteIntention(state, scenario.politics, dist);
  }
}

/** A district's vote intention for the incumbent: σ(incumbentShift + voteSensitivity × (s̄_d − s̄_d⁰)), no swing (MODEL §3). */
export function voteIntention(state: Readonly<SimState>, p: Scenario['politics'], dist: Readonly<DistrictState>): number {
  const logit = incumbentShift(state, p, dist.visibleThisTerm) + p.voteSensitivity * (dist.satisfaction - dist.satisfactionAtTermStart);
  return voteProbability(logit);
}

/** Mean satisfaction of all citizens (every agent has the same weight), as of the last month. */
export function meanSatisfaction(state: SimState): number {
  return state.satisfactionMean;
}
