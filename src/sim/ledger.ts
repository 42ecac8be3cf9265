/**
 * The ledger: every euro that moves in the model moves here, from one account to another.
 *
 * Amounts are rounded to the cent when they are booked, and each transfer debits one account and
 * credits another by the same number of cents, so the balances always add up to exactly zero:
 * money is conserved by construction, and a test checks it over random games. The city's and the
 * partner's cash are their ledger balances (plus the partner's opening cash).
 */
import { ACCOUNTS, type Account, type Ledger } from './types';

export function createLedger(): Ledger {
  const balancesCents = {} as Record<Account, number>;
  for (const a of ACCOUNTS) balancesCents[a] = 0;
  return { balancesCents, totalsCents: {}, flows: 0 };
}

const ACCOUNT_INDEX = new Map<Account, number>(ACCOUNTS.map((a, i) => [a, i]));
/**
 * The totals' keys (`from>to:reason`), built once per (from, to, reason) and reused: a transfer is
 * the model's most frequent operation (a dozen a month, and more per running deployment), and a
 * key built anew is a new string to allocate and hash each time. The keys are the same strings,
 * so the totals (and the state hash) are unchanged. Shared by every run (it only holds names).
 */
const KEYS = new Map<string, (string | undefined)[]>();

/**
 * The last few keys asked for, replaced in turn: the monthly loops book a few kinds of transfer in
 * alternation (per running deployment, the partner's running cost or the city's), which one
 * remembered key missed every time.
 */
const RECENT = 4;
const recent = Array.from({ length: RECENT }, () => ({ from: '', to: '', reason: '', key: '' }));
let nextSlot = 0;

function totalsKey(from: Account, to: Account, reason: string): string {
  for (let i = 0; i < RECENT; i++) {
    const r = recent[i]!;
    if (r.reason === reason && r.from === from && r.to === to) return r.key;
  }
  const r = recent[nextSlot]!;
  nextSlot = (nextSlot + 1) % RECENT;
  r.key = keyOf(from, to, reason);
  r.from = from;
  r.to = to;
  r.reason = reason;
  return r.key;
}

function keyOf(from: Account, to: Account, reason: string): string {
  let row = KEYS.get(reason);
  if (row === undefined) {
    row = new Array<string | undefined>(ACCOUNTS.length * ACCOUNTS.length).fill(undefined);
    KEYS.set(reason, row);
  }
  const slot = ACCOUNT_INDEX.get(from)! * ACCOUNTS.length + ACCOUNT_INDEX.get(to)!;
  return (row[slot] ??= `${from}>${to}:${reason}`);
}

/** Moves `eur` euros from one account to another for a named reason; returns the cents moved. */
export function transfer(ledger: Ledger, from: Account, to: Account, eur: number, reason: string): number {
  if (!Number.isFinite(eur)) throw new Error(`ledger: non-finite amount for ${reason}`);
  const cents = Math.round(eur * 100);
  if (cents === 0) return 0;
  if (cents < 0) return -transfer(ledger, to, from, -eur, reason);
  ledger.balancesCents[from] -= cents;
  ledger.balancesCents[to] += cents;
  const key = totalsKey(from, to, reason);
  ledger.totalsCents[key] = (ledger.totalsCents[key] ?? 0) + cents;
  ledger.flows += 1;
  return cents;
}

/** Balance of an account in euros. */
export function balanceEur(ledger: Ledger, account: Account): number {
  return ledger.balancesCents[account] / 100;
}

/** Sum of all balances in cents: zero when money is conserved. */
export function ledgerImbalanceCents(ledger: Ledger): number {
  let sum = 0;
  for (const a of ACCOUNTS) sum += ledger.balancesCents[a];
  return sum;
}

/** Total euros moved for reasons matching a predicate on (from, to, reason). */
export function totalEur(ledger: Ledger, match: (from: string, to: string, reason: string) => boolean): number {
  let cents = 0;
  for (const [key, v] of Object.entries(ledger.totalsCents)) {
    const [pair, reason = ''] = key.split(':');
    const [from = '', to = ''] = (pair ?? '').split('>');
    if (match(from, to, reason)) cents += v;
  }
  return cents / 100;
}
