/** The ledger (src/sim/ledger.ts): transfers move whole cents, balances add up to zero. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { balanceEur, createLedger, ledgerImbalanceCents, totalEur, transfer } from '../../src/sim/ledger';
import { ACCOUNTS, type Account } from '../../src/sim/types';

describe('ledger', () => {
  it('starts with every account at zero', () => {
    const l = createLedger();
    expect(Object.keys(l.balancesCents).sort()).toEqual([...ACCOUNTS].sort());
    for (const a of ACCOUNTS) expect(l.balancesCents[a]).toBe(0);
    expect(l.flows).toBe(0);
  });

  it('moves an amount in cents from one account to the other and records why', () => {
    const l = createLedger();
    expect(transfer(l, 'city', 'partner', 12.34, 'annual payment')).toBe(1234);
    expect(l.balancesCents.city).toBe(-1234);
    expect(l.balancesCents.partner).toBe(1234);
    expect(l.totalsCents['city>partner:annual payment']).toBe(1234);
    expect(l.flows).toBe(1);
    transfer(l, 'city', 'partner', 0.66, 'annual payment');
    expect(l.totalsCents['city>partner:annual payment']).toBe(1300);
    expect(balanceEur(l, 'partner')).toBe(13);
    expect(balanceEur(l, 'city')).toBe(-13);
  });

  it('rounds to the cent and books nothing below half a cent', () => {
    const l = createLedger();
    expect(transfer(l, 'state', 'city', 1.006, 'x')).toBe(101);
    expect(transfer(l, 'state', 'city', 0.004, 'y')).toBe(0);
    expect(l.totalsCents['state>city:y']).toBeUndefined();
    expect(l.flows).toBe(1);
  });

  it('reverses a negative amount: it flows the other way', () => {
    const l = createLedger();
    expect(transfer(l, 'city', 'partner', -5, 'penalty')).toBe(-500);
    expect(l.balancesCents.city).toBe(500);
    expect(l.balancesCents.partner).toBe(-500);
    expect(l.totalsCents['partner>city:penalty']).toBe(500);
    expect(l.totalsCents['city>partner:penalty']).toBeUndefined();
  });

  it('refuses a non-finite amount instead of corrupting the balances', () => {
    const l = createLedger();
    expect(() => transfer(l, 'city', 'partner', NaN, 'x')).toThrow(/non-finite/);
    expect(() => transfer(l, 'city', 'partner', Infinity, 'x')).toThrow(/non-finite/);
    expect(ledgerImbalanceCents(l)).toBe(0);
    expect(l.flows).toBe(0);
  });

  it('totals flows by (from, to, reason)', () => {
    const l = createLedger();
    transfer(l, 'city', 'partner', 10, 'annual payment');
    transfer(l, 'city', 'partner', 2.5, 'savings share');
    transfer(l, 'city', 'suppliers', 7, 'works');
    expect(totalEur(l, (from, to) => from === 'city' && to === 'partner')).toBe(12.5);
    expect(totalEur(l, (_f, _t, reason) => reason === 'works')).toBe(7);
  });

  it('keeps the balances summing to exactly zero over any sequence of transfers', () => {
    const account = fc.constantFrom<Account>(...ACCOUNTS);
    const amount = fc.oneof(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.integer({ min: -1e6, max: 1e6 }).map((c) => c / 100), fc.constant(0.005));
    fc.assert(
      fc.property(fc.array(fc.tuple(account, account, amount), { maxLength: 200 }), (moves) => {
        const l = createLedger();
        let moved = 0;
        for (const [from, to, eur] of moves) moved += Math.abs(transfer(l, from, to, eur, 'r'));
        expect(ledgerImbalanceCents(l)).toBe(0);
        for (const a of ACCOUNTS) expect(Number.isSafeInteger(l.balancesCents[a])).toBe(true);
        const booked = Object.values(l.totalsCents).reduce((a, b) => a + b, 0);
        expect(booked).toBe(moved);
      }),
      { seed: 42, numRuns: 100 },
    );
  });
});
