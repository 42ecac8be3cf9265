/**
 * Failed consultations and their relaunch.
 *
 * A partner procedure whose negotiation ends without a contract — the only bidder the city
 * negotiated with walks away (its floor above what a rival would take, or the city's terms worth
 * nothing to it), the city walks away (the price asked is worth more than the deal to it), the
 * rounds run out, or an offer lapses unanswered (negotiation.ts `lapseUnansweredOffer`, the silent
 * side's walk-away) — is recorded as its notice described it (`FailedNotice`). A buyer whose
 * consultation failed does not publish the identical one again while nothing it failed on has
 * changed: it revises the scope or the form, or waits for the facts to change. This is the model's
 * assumption about buyers' conduct, not a rule of law (CCP R2185-1 lets a buyer close a procedure
 * without follow-up; R2122-2 even lets it negotiate without a new notice after an unsuccessful call
 * for tenders, on terms not substantially changed): a new consultation costs months of procedure,
 * and one that asks the same market the same question expects the same answer. The computer city
 * applies it (agents/rule-based-city.ts):
 * it does not open a notice that `relaunchesFailedNotice`. "Unchanged" is, for the model:
 * - the same scope and form: the same projects and districts, the same contract form and the same
 *   city capital share (the financing the bidder priced);
 * - the same mandate: no election since the failure (a new council sets a new programme);
 * - the same funding: no grant call named that the failed notices of that scope did not name (a new
 *   co-financer lowers what the city pays).
 * The catalogue's prices do not move in the model, so no cost change reopens a scope; the energy
 * price, which moves the savings, is not counted as a change (a simplification, MODEL §18). A
 * failure during the award (a veto, the budget's re-check at signature) is not recorded: what
 * failed there is the council's ratification or the budget, not the consultation.
 */
import type { Actor, ContractTerms, Negotiation, SimState } from '../types';

/** Records a negotiation that ends without a contract in its negotiation phase (called as the procedure closes). */
export function recordFailedNotice(state: SimState, n: Readonly<Negotiation>, by: Actor): void {
  if (n.procedure.phase !== 'negotiation') return;
  const notice = n.history[0]?.terms ?? n.offer;
  // Only the current mandate's failures are read: the earlier ones are dropped.
  const kept = (state.failedNotices ?? []).filter((f) => f.electionTick === state.nextElectionTick);
  kept.push({
    tick: state.tick,
    by,
    projects: [...notice.projects],
    districts: [...notice.districts],
    form: notice.form,
    cityCapitalShare: notice.cityCapitalShare,
    grantCalls: [...notice.grantCalls],
    electionTick: state.nextElectionTick,
  });
  state.failedNotices = kept;
}

function sameSet<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/**
 * Whether these terms would publish again a notice that failed in this mandate with nothing changed:
 * the same scope, form and capital share, and no grant call the failed notices of that scope did not
 * name.
 */
export function relaunchesFailedNotice(state: Readonly<SimState>, terms: Pick<ContractTerms, 'projects' | 'districts' | 'form' | 'cityCapitalShare' | 'grantCalls'>): boolean {
  const failed = state.failedNotices;
  if (!failed || failed.length === 0) return false;
  let same = false;
  const named = new Set<string>();
  for (const f of failed) {
    if (f.electionTick !== state.nextElectionTick) continue;
    if (f.form !== terms.form || f.cityCapitalShare !== terms.cityCapitalShare) continue;
    if (!sameSet(f.projects, terms.projects) || !sameSet(f.districts, terms.districts)) continue;
    same = true;
    for (const id of f.grantCalls) named.add(id);
  }
  return same && terms.grantCalls.every((id) => named.has(id));
}
