/**
 * The stylised bargaining mode (src/sim/agents/bargain.ts, DESIGN C2): two agents split a unit
 * surplus by alternating offers with per-round discount factors δ_city and δ_partner.
 *
 * Rubinstein's closed form appears here only, as the oracle: the first proposer's share is
 * x* = (1 − δ_responder) / (1 − δ_proposer · δ_responder). On a grid of δ pairs in [0.5, 0.99] and
 * for both proposers, `bargain` must land within 0.02 of it, agree in round 1, and split the whole
 * surplus; each side's share must grow with its own patience, and — averaged over who proposes
 * first — the more patient side takes the larger share.
 *
 * Mutation checks (done by hand in a scratch copy of the repository, see the closing report):
 * swapping δ_city and δ_partner in `bargain`'s `deltaOf`, or discounting the responder's
 * continuation with the wrong δ in `proposerShare` (negotiator.ts), fails the grid, the
 * monotonicity and the patient-side tests.
 */
import { describe, expect, it } from 'vitest';
import { bargain } from '../../src/sim';

const GRID = [0.5, 0.6, 0.75, 0.9, 0.95, 0.99] as const;
const PROPOSERS = ['city', 'partner'] as const;

/** Rubinstein's share for the first proposer (the test's oracle only). */
const rubinstein = (deltaProposer: number, deltaResponder: number): number => (1 - deltaResponder) / (1 - deltaProposer * deltaResponder);

type Side = (typeof PROPOSERS)[number];
const cache = new Map<string, ReturnType<typeof bargain>>();
function split(deltaCity: number, deltaPartner: number, proposer: Side) {
  const key = `${deltaCity}/${deltaPartner}/${proposer}`;
  let r = cache.get(key);
  if (!r) {
    r = bargain({ deltaCity, deltaPartner, proposer });
    cache.set(key, r);
  }
  return r;
}
const shareOf = (r: ReturnType<typeof bargain>, side: Side) => (side === 'city' ? r.cityShare : r.partnerShare);

describe('stylised bargaining: Rubinstein on a grid of patience', () => {
  it('the first proposer’s share is within 0.02 of x*, agreement in round 1, shares add to 1', () => {
    const misses: string[] = [];
    let worst = 0;
    for (const dc of GRID) {
      for (const dp of GRID) {
        for (const proposer of PROPOSERS) {
          const r = split(dc, dp, proposer);
          const [dProp, dResp] = proposer === 'city' ? [dc, dp] : [dp, dc];
          const expected = rubinstein(dProp, dResp);
          const got = shareOf(r, proposer);
          worst = Math.max(worst, Math.abs(got - expected));
          if (Math.abs(got - expected) > 0.02) misses.push(`δc=${dc} δp=${dp} ${proposer} first: ${got.toFixed(4)} vs x*=${expected.toFixed(4)}`);
          expect(r.rounds, `δc=${dc} δp=${dp} ${proposer}`).toBe(1);
          expect(r.cityShare + r.partnerShare).toBeCloseTo(1, 12);
          expect(r.cityShare).toBeGreaterThanOrEqual(0);
          expect(r.partnerShare).toBeGreaterThanOrEqual(0);
        }
      }
    }
    expect(misses).toEqual([]);
    expect(worst).toBeLessThan(0.02);
  });

  it('a side’s share grows with its own patience, whoever proposes first', () => {
    for (const proposer of PROPOSERS) {
      for (const other of GRID) {
        // The city's share as δ_city rises (δ_partner fixed), and the partner's as δ_partner rises.
        const city = GRID.map((d) => split(d, other, proposer).cityShare);
        const partner = GRID.map((d) => split(other, d, proposer).partnerShare);
        for (let i = 1; i < GRID.length; i++) {
          expect(city[i]!, `city share, δp=${other}, ${proposer} first, δc ${GRID[i - 1]}→${GRID[i]}`).toBeGreaterThan(city[i - 1]!);
          expect(partner[i]!, `partner share, δc=${other}, ${proposer} first, δp ${GRID[i - 1]}→${GRID[i]}`).toBeGreaterThan(partner[i - 1]!);
        }
      }
    }
  });

  it('the more patient side takes the larger share (averaged over who proposes first); equal patience splits evenly', () => {
    for (const dc of GRID) {
      for (const dp of GRID) {
        const cityMean = (split(dc, dp, 'city').cityShare + split(dc, dp, 'partner').cityShare) / 2;
        if (dc > dp) expect(cityMean, `δc=${dc} δp=${dp}`).toBeGreaterThan(0.5);
        else if (dc < dp) expect(cityMean, `δc=${dc} δp=${dp}`).toBeLessThan(0.5);
        else expect(cityMean).toBeCloseTo(0.5, 2);
      }
    }
    // Among patient players (δ ≥ 0.9) patience beats the first-mover advantage outright.
    for (const proposer of PROPOSERS) {
      expect(split(0.9, 0.99, proposer).partnerShare).toBeGreaterThan(0.5);
      expect(split(0.99, 0.9, proposer).cityShare).toBeGreaterThan(0.5);
    }
  });

  it('the first mover gains when both are equally patient, less so as patience grows', () => {
    const adv = GRID.map((d) => split(d, d, 'city').cityShare - 0.5);
    for (let i = 0; i < GRID.length; i++) expect(adv[i]!).toBeGreaterThan(0);
    for (let i = 1; i < GRID.length; i++) expect(adv[i]!).toBeLessThan(adv[i - 1]!);
  });

  it('is deterministic', () => {
    expect(bargain({ deltaCity: 0.9, deltaPartner: 0.95, proposer: 'partner' })).toEqual(bargain({ deltaCity: 0.9, deltaPartner: 0.95, proposer: 'partner' }));
  });
});

describe('stylised bargaining near infinite patience (issue 12 review)', () => {
  it.each([0.999, 0.9999, 0.99999])('δ = %s on both sides: the horizon is long enough for x* within 10⁻⁶', (d) => {
    const r = bargain({ deltaCity: d, deltaPartner: d * 0.99999, proposer: 'city' });
    expect(Math.abs(r.cityShare - rubinstein(d, d * 0.99999))).toBeLessThan(1e-6);
  });
});
