/**
 * A partner contract that runs what it builds opens its whole scope together (rules/contracts.ts
 * `phaseWorks`): its clock starts when its last works end and both lenses value every project as
 * opening then (valuation.ts `buildYearsOf`), so quicker works start later rather than open early
 * and age inside the contract. Before, a citizen app (9 months of works, 6 years) bundled with a
 * control centre (24 months) opened 15 months early and ended inside a 6-year contract the city
 * still paid for (the audit of MODEL §18, issue 9: 88 deployments on seeds 1–32, about 13 months).
 */
import { describe, expect, it } from 'vitest';
import { runSimulation } from '../../src/sim';
import { signContract } from '../../src/sim/rules/contracts';
import { pastLifeCondition } from '../../src/sim/rules/projects';
import { shortestLife } from '../../src/sim/rules/terms';
import { advance, dijon, freshState, terms } from './helpers';

describe('a partner bundle is built to open together', () => {
  const sc = dijon();

  it('the quicker works wait for the slower, so every piece opens the month the contract starts, and none has ended while it is paid', () => {
    const state = freshState(sc);
    const bundle = terms({ projects: ['citizenApp', 'mobilityServices', 'dataPlatform'], districts: [0], annualPaymentEur: 300_000 });
    const years = shortestLife(sc, bundle.projects).years;
    const c = signContract(state, sc, { ...bundle, durationYears: years }, 'partner');
    const deps = c.deployments.map((uid) => state.deployments[uid - 1]!);
    expect(new Set(deps.map((d) => d.buildMonths)).size).toBeGreaterThan(1);
    const opened = new Map<number, number>();
    let paidWhileEnded = 0;
    for (let month = 0; month < 12 * (years + 3); month++) {
      advance(state, sc, 1);
      for (const d of deps) if (d.stage !== 'building' && !opened.has(d.uid)) opened.set(d.uid, state.tick);
      if (c.status === 'running' && state.tick < c.endTick) paidWhileEnded += deps.filter((d) => d.stage === 'ended').length;
    }
    expect(new Set(opened.values()).size, 'opening months').toBe(1);
    expect(paidWhileEnded, 'deployment-months paid for while ended').toBe(0);
  });

  it('a purchase or a procurement contract is not held back: its quicker works open first', () => {
    for (const [form, builder] of [['procurement', 'partner'], ['procurement', 'suppliers']] as const) {
      const state = freshState(sc);
      const t = terms({ form, projects: ['citizenApp', 'dataPlatform'], districts: [0], annualPaymentEur: 0, cityCapitalShare: 1, durationYears: 0 });
      const c = signContract(state, sc, t, builder);
      const deps = c.deployments.map((uid) => state.deployments[uid - 1]!);
      expect(new Set(deps.map((d) => d.worksStartTick ?? state.tick)).size, `${form} by ${builder}`).toBe(1);
    }
  });

  it('in default play no deployment of such a contract ends before its contract (seeds 1–3, 30 years)', () => {
    for (let seed = 1; seed <= 3; seed++) {
      const r = runSimulation(sc, { seed, years: 30, agents: 300 });
      const running = r.state.contracts.filter((c) => c.builder === 'partner' && !c.terms.pilot && c.terms.form !== 'procurement' && c.endTick >= 0);
      expect(running.length).toBeGreaterThan(2);
      for (const c of running) {
        for (const uid of c.deployments) {
          const d = r.state.deployments[uid - 1]!;
          const ends = (d.worksStartTick ?? d.startTick) + d.buildMonths + d.lifetimeMonths;
          expect(ends, `seed ${seed}, contract ${c.id}: ${d.type} ends before the contract`).toBeGreaterThanOrEqual(c.endTick);
        }
      }
    }
  });
});

describe('equipment at its end of life runs on while its replacement is under works', () => {
  it('a replacement phased with slower works opens after the old equipment’s life, and the service never goes dark', () => {
    const sc = dijon();
    const state = freshState(sc);
    const own = signContract(state, sc, terms({ form: 'procurement', projects: ['mobilityServices'], districts: [0], annualPaymentEur: 0, cityCapitalShare: 1, durationYears: 0 }), 'suppliers');
    const old = state.deployments[own.deployments[0]! - 1]!;
    while (old.stage !== 'operating') advance(state, sc, 1);
    // Three months of life left: its replacement, bundled with 24 months of works, opens about 21 months after it.
    old.ageMonths = old.lifetimeMonths - 3;
    const c = signContract(state, sc, terms({ projects: ['mobilityServices', 'dataPlatform'], districts: [0], annualPaymentEur: 300_000, durationYears: 8 }), 'partner');
    const repl = c.deployments.map((uid) => state.deployments[uid - 1]!).find((d) => d.family === 'mobilityServices')!;
    expect(repl.replaces).toBe(old.uid);
    let dark = 0;
    let ranPastLife = 0;
    const running = (d: { stage: string }) => d.stage === 'operating';
    while (repl.stage === 'building') {
      advance(state, sc, 1);
      if (!running(old) && !running(repl)) dark++;
      if (old.stage === 'operating' && old.ageMonths > old.lifetimeMonths) ranPastLife++;
    }
    expect(dark, 'months with neither running').toBe(0);
    // Running on, it wears as the legacy does: half its output lost over a further life.
    expect(pastLifeCondition({ ...old, ageMonths: old.lifetimeMonths })).toBe(1);
    expect(pastLifeCondition({ ...old, ageMonths: old.lifetimeMonths + 12 })).toBeCloseTo(1 - 0.5 * (12 / old.lifetimeMonths), 12);
    expect(ranPastLife).toBeGreaterThan(12);
    expect(old.stage).toBe('ended');
  });
});

describe('equipment running on past its life gives less', () => {
  it('an LED network awaiting its replacement saves less energy each month past its life', () => {
    const sc = dijon();
    const state = freshState(sc);
    const own = signContract(state, sc, terms({ form: 'procurement', projects: ['streetLighting'], districts: [0], annualPaymentEur: 0, cityCapitalShare: 1, durationYears: 0 }), 'suppliers');
    const old = state.deployments[own.deployments[0]! - 1]!;
    while (old.stage !== 'operating') advance(state, sc, 1);
    old.ageMonths = old.lifetimeMonths - 1;
    // Its replacement, bundled with the control centre (24 months of works each), opens about two years on.
    signContract(state, sc, terms({ projects: ['streetLighting', 'dataPlatform'], districts: [0], annualPaymentEur: 300_000, durationYears: 12 }), 'partner');
    const energy: number[] = [];
    for (let month = 0; month < 12; month++) {
      advance(state, sc, 1);
      expect(old.stage).toBe('operating');
      energy.push(state.districts[0]!.energyMWh);
    }
    // Past its life its output falls month by month, so the district's energy rises.
    for (let i = 2; i < energy.length; i++) expect(energy[i]!).toBeGreaterThan(energy[i - 1]!);
  });
});
