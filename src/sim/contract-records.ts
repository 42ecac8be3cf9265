/**
 * The contracts signed with the partner, one record each: the `contracts` array that
 * `npm run sim -- --format json` and `npm run replay -- --format json` print (its keys are part
 * of the interface, DESIGN §7: extend, never rename), and the two medians the reporters
 * `partnerIrrMedian` and `procedureMonthsMedian` read. A purchase the city makes alone from local
 * suppliers is not a contract signed with the partner (as in the reporter `contractsSigned`).
 */
import { annualIrr } from './irr';
import { projectType } from './rules/catalogue';
import type { Scenario } from './scenario-schema';
import type { Contract, ContractForm, ProjectFamily, SimState } from './types';

/** One contract signed with the partner, as the JSON output prints it. */
export interface ContractRecord {
  id: number;
  form: ContractForm;
  /** Project families in its scope, in the order of its projects. */
  families: ProjectFamily[];
  /** District ids in its scope. */
  districts: string[];
  /** Months since the start when its procedure opened (the notice) and when it was signed. */
  openedTick: number;
  signedTick: number;
  /** Its length after the works, years (as amended). */
  durationYears: number;
  /** The price of the works in its scope, euros. */
  worksEur: number;
  /** What it costs the city over its life at its current terms: the works' public share (at the awarded price), the
   *  annual payments over its duration, the expected savings share and the maintenance of the existing networks it
   *  took over (MODEL §8), euros. */
  valueEur: number;
  /** The part of `valueEur` that is the maintenance of the existing networks it took over, passed through at cost
   *  (`networkUpkeepEur × durationYears`, MODEL §8), euros: out of the bargaining, so `valueEur − upkeepTakenOverEur`
   *  is the value the city and the partner bargained over. */
  upkeepTakenOverEur: number;
  /** Share of the works paid with public money (the city's, grants included), 0–1. */
  publicWorksShare: number;
  /** The partner's realised internal rate of return, real, per year (null when undefined). */
  partnerIrr: number | null;
  /** The partner's profit on it so far: the sum of its real net flows, undiscounted, euros (shown beside the rate,
   *  which is null where the partner finances nothing and reads high on a small stake; review 9d). */
  partnerProfitEur: number;
  /** The most the partner had at stake on it: the deepest its cumulated flows went below zero, euros (0 when never). */
  partnerPeakOutlayEur: number;
  /** When and why it ended; null while it runs. */
  endedTick: number | null;
  endReason: 'completed' | 'cancelled' | 'partnerFailed' | null;
}

/** Share of the works paid with public money: all of it in a procurement, the city's capital share otherwise. */
function publicShare(c: Contract): number {
  return c.terms.form === 'procurement' ? 1 : c.terms.cityCapitalShare;
}

/**
 * The rates of contracts that have ended, by their flows (which no longer change then): the
 * yearly reports ask for every contract's rate again. A cache of a pure function, keyed by the
 * array itself (a copied state computes it afresh); it changes no result.
 */
const endedIrr = new WeakMap<readonly number[], number | null>();

/** The partner's realised rate of return on the capital it financed in a contract, from its flows
 *  so far (irr.ts); null when the terms have it finance none of the works (the public share is 1:
 *  a procurement, a global performance contract, paid as built since deferred payment is
 *  forbidden outside a partnership, CCP L2191-5): what it earns there is a margin on works and
 *  services, and the rate that balances its flows measures a stake of a few thousand euros at most
 *  (its costs running a month ahead of the price, or below it: 174 % on €10,000 of a €20 M
 *  contract, seed 508) or the cost of the city's advance, not a return. Null too when its first
 *  flow is a receipt: the city paid ahead of the partner's costs, and the rate would read higher
 *  the more the partner loses later. */
function partnerIrr(c: Contract): number | null {
  const ended = c.status === 'completed' || c.status === 'cancelled' || c.status === 'failed';
  if (ended && endedIrr.has(c.partnerFlowsEur)) return endedIrr.get(c.partnerFlowsEur)!;
  const first = c.partnerFlowsEur.find((f) => f !== 0);
  const r = publicShare(c) >= 1 || (first !== undefined && first > 0) ? null : annualIrr(c.partnerFlowsEur);
  if (ended) endedIrr.set(c.partnerFlowsEur, r);
  return r;
}

/** The partner's profit so far and its peak outlay, from its flows on the contract. */
function partnerStake(c: Contract): Pick<ContractRecord, 'partnerProfitEur' | 'partnerPeakOutlayEur'> {
  let sum = 0;
  let low = 0;
  for (const f of c.partnerFlowsEur) {
    sum += f;
    if (sum < low) low = sum;
  }
  return { partnerProfitEur: sum, partnerPeakOutlayEur: -low };
}

function endOf(c: Contract): Pick<ContractRecord, 'endedTick' | 'endReason'> {
  if (c.status === 'completed') return { endedTick: c.endTick, endReason: 'completed' };
  if (c.status === 'cancelled') return { endedTick: c.endTick, endReason: 'cancelled' };
  if (c.status === 'failed') return { endedTick: c.endTick, endReason: 'partnerFailed' };
  return { endedTick: null, endReason: null };
}

/** Every contract signed with the partner so far, in the order signed. */
export function contractRecords(state: Readonly<SimState>, scenario: Scenario): ContractRecord[] {
  const out: ContractRecord[] = [];
  for (const c of state.contracts) {
    if (c.builder !== 'partner') continue;
    const families: ProjectFamily[] = [];
    for (const p of c.terms.projects) {
      const f = projectType(scenario, p)!.family;
      if (!families.includes(f)) families.push(f);
    }
    let works = 0;
    for (const uid of c.deployments) works += state.deployments[uid - 1]!.capexEur;
    const share = publicShare(c);
    const years = c.terms.durationYears;
    const savingsShareEur = c.terms.savingsShareToPartner * c.expectedSavingsMWh * scenario.energy.priceEurPerMWh;
    const upkeepTakenOverEur = (c.networkUpkeepEur ?? 0) * years;
    out.push({
      id: c.id,
      form: c.terms.form,
      families,
      districts: c.terms.districts.map((d) => scenario.territory.districts[d]!.id),
      openedTick: c.openedTick,
      signedTick: c.signedTick,
      durationYears: years,
      worksEur: works,
      valueEur: works * (c.worksPriceFactor ?? 1) * share + (c.terms.annualPaymentEur + savingsShareEur) * years + upkeepTakenOverEur,
      upkeepTakenOverEur,
      publicWorksShare: share,
      partnerIrr: partnerIrr(c),
      ...partnerStake(c),
      ...endOf(c),
    });
  }
  return out;
}

/** The median of a list (the mean of the two middle values when even), or `empty` when it has none. */
export function median(xs: readonly number[], empty: number): number {
  if (xs.length === 0) return empty;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Has the contract's rate settled enough to be read: ended, or running with its cumulated flows
 * back to ≥ 0 (the partner has recovered, undiscounted, what it put in; its rate so far is then a
 * floor of its final one, since what is left of a running contract is its receipts net of its
 * running costs)? A running contract still below is a truncated investment whose rate says only
 * that it has not paid back yet (review 9, item 6).
 */
function irrSettled(c: Contract): boolean {
  if (c.status === 'completed' || c.status === 'cancelled' || c.status === 'failed') return true;
  let sum = 0;
  for (const f of c.partnerFlowsEur) sum += f;
  return c.partnerFlowsEur.length > 0 && sum >= 0;
}

/**
 * Median realised IRR of the partner over the contracts signed so far whose rate is defined and
 * settled (ended, or running with its flows turned positive, `irrSettled`); 0 when none is.
 */
export function partnerIrrMedian(state: Readonly<SimState>): number {
  const rates: number[] = [];
  for (const c of state.contracts) {
    if (c.builder !== 'partner' || !irrSettled(c)) continue;
    const r = partnerIrr(c);
    if (r !== null) rates.push(r);
  }
  return median(rates, 0);
}

/** Median months from the opening of the procedure to signature over the contracts signed with the partner; 0 before the first. */
export function procedureMonthsMedian(state: Readonly<SimState>): number {
  const months: number[] = [];
  for (const c of state.contracts) if (c.builder === 'partner') months.push(c.signedTick - c.openedTick);
  return median(months, 0);
}
