/**
 * True causes (src/sim/causes.ts): change one thing from the same state, run a year, and the named
 * top cause of the figure's change is that thing, with the right sign and about the size the
 * change made against the year without it; on a default run the parts and the residual add up to
 * the actual change, and the residual is the model's slow adjustment (its catch-up term).
 */
import { describe, expect, it } from 'vitest';
import { createRun, driverSnapshot, explainChange, REPORTERS, type Action, type DriverSnapshot, type SimState } from '../../src/sim';
import type { ExplainedFigure } from '../../src/sim/causes';
import { cloneState } from '../../src/sim/serialize';
import { variant } from './helpers';

// A rise's news weighed as the taxes were before issue 9's review (1.5, not the scenario's 0.1,
// MODEL.md §3): at 0.1 a 2.5 % rise moves satisfaction less than a heatwave does in the same year,
// and these tests check that each change is named for what it made, not how large a tax rise's
// effect is. The level keeps the scenario's weight.
const sc = variant({ 'citizens.weights.taxes': 1.5 });
const reporter = (key: string) => REPORTERS.find((r) => r.key === key)!.compute;
const FIGURE_REPORTER: Record<ExplainedFigure, string> = { satisfaction: 'citizenSatisfaction', vote: 'voteIntention', debt: 'debtCapacityYears', savings: 'grossSavingsEur' };
const ALL = sc.territory.districts.map((_, i) => i);

/** A state two years in (a budget month), nobody playing: the same start for every branch. */
function startState(): { state: SimState; snaps: DriverSnapshot[] } {
  const run = createRun(sc, { seed: 3, agents: 1500, city: 'none', partner: 'none' });
  const snaps = [driverSnapshot(run.state, sc)];
  for (let t = 0; t < 24; t++) {
    run.advanceTick([]);
    snaps.push(driverSnapshot(run.state, sc));
  }
  return { state: run.state, snaps: snaps.slice(0, -1) };
}

/** Runs `months` months from a copy of `from`, with `first` the actions of its first month; one snapshot a month. */
function branch(from: SimState, first: Action[], months = 12, history: DriverSnapshot[] = []): { state: SimState; snaps: DriverSnapshot[] } {
  const run = createRun(sc, { seed: 3, agents: 1500, city: 'none', partner: 'none', from: cloneState(from) });
  const snaps = [...history, driverSnapshot(run.state, sc)];
  for (let m = 0; m < months; m++) {
    run.openTick();
    for (const a of m === 0 ? first : []) {
      const r = run.act(a);
      expect(r.ok, JSON.stringify(r)).toBe(true);
    }
    run.closeTick();
    snaps.push(driverSnapshot(run.state, sc));
  }
  return { state: run.state, snaps };
}

function explain(figure: ExplainedFigure, from: SimState, b: { state: SimState; snaps: DriverSnapshot[] }) {
  const change = reporter(FIGURE_REPORTER[figure])(b.state, sc) - reporter(FIGURE_REPORTER[figure])(from, sc);
  return { change, e: explainChange(figure, b.snaps, from.tick, change, b.state, sc) };
}

const topNamed = (e: ReturnType<typeof explainChange>) => e.causes.find((c) => c.id !== 'adjustment')!;
const part = (e: ReturnType<typeof explainChange>, id: string) => e.causes.find((c) => c.id === id)?.size ?? 0;

describe('change one thing: the top cause is that thing', () => {
  const { state: start, snaps: history } = startState();
  const envelope = { type: 'setBudget', envelopeEur: 30e6, taxChange: 0 } as const;
  const none = branch(start, [envelope]);

  it('a tax rise alone: the rise, still news, down; its two parts about the difference it made', () => {
    const taxed = branch(start, [{ ...envelope, taxChange: 0.025 }], 12, history);
    for (const figure of ['satisfaction', 'vote'] as const) {
      const { e } = explain(figure, start, taxed);
      expect(topNamed(e).id, figure).toBe('taxNews');
      expect(topNamed(e).size).toBeLessThan(0);
      // The rates' level is felt too, per euro: the same sign, far smaller.
      expect(part(e, 'taxes')).toBeLessThan(0);
      expect(part(e, 'taxes')).toBeGreaterThan(0.1 * part(e, 'taxNews'));
      // The parts given to the rates are the change the tax made against the same year without it.
      const made = explain(figure, start, taxed).change - explain(figure, start, none).change;
      expect(Math.abs(part(e, 'taxes') + part(e, 'taxNews') - made)).toBeLessThan(0.15 * Math.abs(made));
    }
    // The tax reference as the citizens phase read it is restated (it moved after it was read): what
    // no driver explains beyond the model's catch-up is nearly nothing.
    const { e } = explain('satisfaction', start, taxed);
    expect(Math.abs(part(e, 'adjustment') - e.catchUp)).toBeLessThan(1e-9);
    // The tax revenue raises gross savings and lowers the debt ratio: their top cause is the taxes.
    const savings = explain('savings', start, taxed).e;
    expect(topNamed(savings).id).toBe('savings.taxes');
    expect(topNamed(savings).size).toBeGreaterThan(0);
    const debt = explain('debt', start, taxed).e;
    expect(part(debt, 'savings.taxes')).toBeLessThan(0);
  });

  it('a project alone (works in every district): works nuisance, down', () => {
    const works = branch(start, [envelope, { type: 'launchAlone', project: 'smartTraffic', districts: ALL, pilot: false }]);
    const { e } = explain('satisfaction', start, works);
    expect(topNamed(e).id).toBe('works');
    expect(topNamed(e).size).toBeLessThan(0);
  });

  it('concertation alone, with the same works under way: concertation, up', () => {
    // The works are launched a year before, in both branches (their open call, with the council's
    // rounds of internal agreement, MODEL §13.1, ends in month 8); concertation is raised in one.
    const works = branch(start, [envelope, { type: 'launchAlone', project: 'pedestrianPriority', districts: ALL, pilot: false }], 12);
    const same = branch(works.state, []);
    const talked = branch(works.state, [{ type: 'setConcertation', level: 0.8 }]);
    const { e } = explain('satisfaction', works.state, talked);
    expect(topNamed(e).id).toBe('concertation');
    expect(topNamed(e).size).toBeGreaterThan(0);
    const made = explain('satisfaction', works.state, talked).change - explain('satisfaction', works.state, same).change;
    expect(Math.abs(part(e, 'concertation') - made)).toBeLessThan(0.15 * Math.abs(made));
  });

  it('a tax rise of 2.5 % with works everywhere and concertation at 60 %: taxes and works, not concertation, lead', () => {
    const all = branch(start, [
      { ...envelope, taxChange: 0.025 },
      { type: 'launchAlone', project: 'smartTraffic', districts: ALL, pilot: false },
      { type: 'setConcertation', level: 0.6 },
    ]);
    const { e } = explain('satisfaction', start, all);
    const named = e.causes.filter((c) => c.id !== 'adjustment').slice(0, 2).map((c) => c.id);
    expect(named.sort()).toEqual(['taxNews', 'works']);
  });
});

describe('on a default run the parts add up to the change', () => {
  it('seed 1, eight years: what the drivers leave unexplained is the model’s catch-up, nearly nothing more', () => {
    const run = createRun(sc, { seed: 1, agents: 2000 });
    const snaps = [driverSnapshot(run.state, sc)];
    const rows: Record<ExplainedFigure, number>[] = [];
    const figures = ['satisfaction', 'vote', 'debt', 'savings'] as const;
    const now = () => Object.fromEntries(figures.map((f) => [f, reporter(FIGURE_REPORTER[f])(run.state, sc)])) as Record<ExplainedFigure, number>;
    rows.push(now());
    for (let t = 1; t <= 96; t++) {
      run.advanceTick([]);
      snaps.push(driverSnapshot(run.state, sc));
      if (t % 12 !== 0) continue;
      rows.push(now());
      const y = t / 12;
      for (const f of figures) {
        const change = rows[y]![f] - rows[y - 1]![f];
        const e = explainChange(f, snaps, t - 12, change, run.state, sc);
        // (The parts and the residual add up to the change by construction; what is tested is that
        // the residual is the model's catch-up, nothing the drivers miss.)
        const residual = part(e, 'adjustment');
        // What no driver explains beyond the model's catch-up: nearly nothing.
        const scale = f === 'savings' ? 1e5 : f === 'debt' ? 0.02 : 0.004;
        expect(Math.abs(residual - e.catchUp), `${f} year ${y}`).toBeLessThan(scale);
        for (let i = 1; i < e.causes.length; i++) expect(Math.abs(e.causes[i - 1]!.size)).toBeGreaterThanOrEqual(Math.abs(e.causes[i]!.size));
      }
    }
  });
});
