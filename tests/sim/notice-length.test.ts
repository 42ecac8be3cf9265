/**
 * The notice fixes the length (issue 9, fourth round; MODEL §13.1): the computer city's notice sets
 * the duration at the life of the scope's shortest-lived equipment (former CMP art. 16, L1112-1),
 * and both computer players bargain at that length (variants only where the notice allows them,
 * R2151-8): every contract they sign with the partner carries its notice's length.
 */
import { describe, expect, it } from 'vitest';
import { noticeYears } from '../../src/sim/agents/negotiator';
import { runSimulation } from '../../src/sim/run';
import { dijon } from './helpers';

describe('the notice fixes the length', () => {
  it('the life of the scope’s shortest-lived equipment, within the city’s limit and 30 years', () => {
    const sc = dijon();
    expect(noticeYears(sc, { projects: ['streetLighting', 'dataPlatform'] })).toBe(12); // Dijon: 12
    expect(noticeYears(sc, { projects: ['streetLighting'] })).toBe(25);
    expect(noticeYears(sc, { projects: ['streetLighting'] }, 20)).toBe(20);
    expect(noticeYears(sc, { projects: ['greenInfrastructure'] })).toBe(30); // 40 years of life, the model's 30 at most
  });

  it('every contract the computer players sign with the partner carries its notice’s length', () => {
    const sc = dijon();
    let contracts = 0;
    for (const seed of [1, 2, 3]) {
      const r = runSimulation(sc, { seed, years: 18, agents: 300 });
      const opened = r.state.log.filter((e) => e.kind === 'negotiationOpened');
      for (const e of r.state.log) {
        if (e.kind !== 'procedureClosed' || e.data.outcome !== 'signed' || e.data.pilot) continue;
        const notice = [...opened].reverse().find((o) => o.tick === e.data.openedTick)!;
        const c = r.state.contracts.find((k) => k.id === e.data.contract)!;
        expect(c.terms.durationYears, `seed ${seed}, ${notice.data.projects}`).toBe(notice.data.years);
        contracts++;
      }
    }
    expect(contracts).toBeGreaterThan(5);
  });
});
