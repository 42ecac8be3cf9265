/** Coordination (src/sim/rules/coordination.ts): the alignment index and its target. */
import { describe, expect, it } from 'vitest';
import { alignmentTarget, coordinationPhase } from '../../src/sim/rules/coordination';
import { roundsNeeded } from '../../src/sim/rules/negotiation';
import { successProbability } from '../../src/sim/rules/funding';
import { dijon, freshState, variant } from './helpers';

const sc = dijon();
const a0 = sc.coordination.alignment; // 0.55
const speed = sc.coordination.adjustmentPerYear / 12;

describe('alignment', () => {
  it('without measures, the target is the territory’s structural alignment', () => {
    expect(alignmentTarget(freshState(), sc)).toBeCloseTo(a0, 12);
  });

  it('moves toward its target by adjustmentPerYear ÷ 12 of the gap each month, from below and from above', () => {
    const s = freshState();
    s.alignment = 0.2;
    coordinationPhase(s, sc);
    expect(s.alignment).toBeCloseTo(0.2 + (a0 - 0.2) * speed, 12);
    s.alignment = 0.9;
    coordinationPhase(s, sc);
    expect(s.alignment).toBeCloseTo(0.9 + (a0 - 0.9) * speed, 12);
  });

  it('converges without overshooting', () => {
    const s = freshState();
    s.alignment = 0;
    let prev = s.alignment;
    for (let m = 0; m < 240; m++) {
      coordinationPhase(s, sc);
      expect(s.alignment).toBeGreaterThanOrEqual(prev);
      expect(s.alignment).toBeLessThanOrEqual(a0 + 1e-12);
      prev = s.alignment;
    }
    expect(s.alignment).toBeCloseTo(a0, 3);
  });

  it('governance measures raise the target: a₀ + (1 − a₀) × Σ gains', () => {
    const s = freshState();
    s.city.governance.smartCityOffice = true;
    expect(alignmentTarget(s, sc)).toBeCloseTo(a0 + (1 - a0) * 0.15, 12);
    s.city.governance.interCommunalAgreement = true;
    s.city.governance.sharedDataPlatform = true;
    expect(alignmentTarget(s, sc)).toBeCloseTo(a0 + (1 - a0) * 0.4, 12);
    // …and alignment follows.
    s.alignment = a0;
    for (let m = 0; m < 36; m++) coordinationPhase(s, sc);
    expect(s.alignment).toBeGreaterThan(a0 + 0.1);
  });

  it('concertation above the scenario’s level raises the target, below it lowers it', () => {
    const s = freshState();
    s.city.concertation = 1;
    expect(alignmentTarget(s, sc)).toBeCloseTo(a0 + sc.coordination.concertationGain * (1 - sc.city.concertation), 12);
    s.city.concertation = 0;
    expect(alignmentTarget(s, sc)).toBeLessThan(a0);
  });

  it('stays in [0, 1]', () => {
    const high = variant({ 'coordination.alignment': 1, 'coordination.concertationGain': 1 });
    const s = freshState(high);
    s.city.concertation = 1;
    s.city.governance.smartCityOffice = true;
    expect(alignmentTarget(s, high)).toBe(1);
    for (let m = 0; m < 50; m++) coordinationPhase(s, high);
    expect(s.alignment).toBeLessThanOrEqual(1);
    const low = variant({ 'coordination.alignment': 0, 'coordination.concertationGain': 1 });
    const t = freshState(low);
    t.city.concertation = 0;
    expect(alignmentTarget(t, low)).toBe(0);
    coordinationPhase(t, low);
    expect(t.alignment).toBeGreaterThanOrEqual(0);
  });

  it('has effects where it acts: fewer veto rounds, better grant odds', () => {
    const s = freshState();
    s.alignment = 0.2;
    const lowRounds = roundsNeeded(s, sc);
    const lowOdds = successProbability(s, sc);
    s.alignment = 0.9;
    expect(roundsNeeded(s, sc)).toBeLessThan(lowRounds);
    expect(successProbability(s, sc)).toBeGreaterThan(lowOdds);
  });
});
