/**
 * Booking helpers on top of the ledger, for the city's two budget sections.
 *
 * Every payment the city makes or receives is booked in the ledger and tagged with its section
 * (operating or investment, the French *section de fonctionnement* and *section d'investissement*)
 * in the tick's scratch totals, from which the finance phase computes gross savings and borrowing.
 * Payments for smart-city projects (works, payments, savings shares, operation, repairs,
 * compensation, governance upkeep) count toward `city.smartCitySpentEur` — the reporter
 * `cityMoneySpentEur` —, net of the grants, FCTVA refunds and penalties received for them. Works the
 * city pays and will own (`cityInvests`) are the base of its FCTVA refund.
 */
import { transfer } from './ledger';
import type { Account, SimState } from './types';

/** Totals of the current tick, rebuilt every tick (not part of the state). */
export interface TickScratch {
  operatingRevenue: number;
  operatingSpending: number;
  investmentSpending: number;
  investmentGrants: number;
  /** Partner's ledger balance at the start of the tick (for its NPV). */
  partnerBalanceStart: number;
  /** Investment spending eligible to the FCTVA this month, and its smart-city part (rules/budget.ts). */
  fctvaBaseEur: number;
  fctvaSmartEur: number;
  /** Capital part of partnership rents paid this month: debt repayment, paid from own resources (rules/budget.ts). */
  rentCapitalEur: number;
  /** City smart-city money at the start of the tick, and the public money of others (grants, not
   *  the FCTVA) received for smart-city projects this tick (for the scores, scores.ts). */
  smartSpentStart: number;
  smartPublicFundsEur: number;
  /** Network maintenance the contracts took over this month: the city's running costs fall by it (rules/budget.ts). */
  upkeepTakenOverEur: number;
}

export function newScratch(state: SimState): TickScratch {
  return {
    operatingRevenue: 0,
    operatingSpending: 0,
    investmentSpending: 0,
    investmentGrants: 0,
    partnerBalanceStart: state.ledger.balancesCents.partner / 100,
    fctvaBaseEur: 0,
    fctvaSmartEur: 0,
    rentCapitalEur: 0,
    smartSpentStart: state.city.smartCitySpentEur,
    smartPublicFundsEur: 0,
    upkeepTakenOverEur: 0,
  };
}

export type Section = 'operating' | 'investment';

/** The ledger's reason of an FCTVA refund (rules/budget.ts): a refund of VAT, not a grant. */
export const FCTVA_REASON = 'FCTVA';

/** One payment booked for the city: the amount, why, its budget section, and whether it is smart-city money. */
interface Booking {
  eur: number;
  /** The ledger's reason, read by the tests and the log. */
  reason: string;
  section: Section;
  /** Money spent on (or received for) smart-city projects: it counts toward `city.smartCitySpentEur`. */
  smart: boolean;
}

/** The city pays `eur` to an account; `smart` marks money spent on smart-city projects. */
export function cityPays(state: SimState, scratch: TickScratch, { to, eur, reason, section, smart }: Booking & { to: Account }): void {
  if (eur <= 0) return;
  transfer(state.ledger, 'city', to, eur, reason);
  if (section === 'operating') scratch.operatingSpending += eur;
  else scratch.investmentSpending += eur;
  if (smart) state.city.smartCitySpentEur += eur;
}

/** The city pays for works it will own (investment section, eligible to the FCTVA, CGCT L1615-6). */
export function cityInvests(state: SimState, scratch: TickScratch, { to, eur, reason, smart }: Omit<Booking, 'section'> & { to: Account }): void {
  if (eur <= 0) return;
  cityPays(state, scratch, { to, eur, reason, section: 'investment', smart });
  scratch.fctvaBaseEur += eur;
  if (smart) scratch.fctvaSmartEur += eur;
}

/** The city receives `eur` from an account; grants to the investment section are flagged. */
export function cityReceives(state: SimState, scratch: TickScratch, { from, eur, reason, section, smart }: Booking & { from: Account }): void {
  if (eur <= 0) return;
  transfer(state.ledger, from, 'city', eur, reason);
  if (section === 'operating') scratch.operatingRevenue += eur;
  else scratch.investmentGrants += eur;
  if (smart) {
    state.city.smartCitySpentEur -= eur;
    // Grants: the State's, the Region's and the EU's taxpayers pay them (penalties come from the
    // partner). The FCTVA is not public money spent on the project: it returns VAT the State
    // collected on the same purchase (a transfer), so the territory does not count it (scores.ts).
    if ((from === 'state' || from === 'region' || from === 'eu') && reason !== FCTVA_REASON) scratch.smartPublicFundsEur += eur;
  }
}
