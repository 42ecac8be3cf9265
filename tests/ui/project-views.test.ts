/**
 * The map's project views say when signed works have not started yet (a purchase's award procedure,
 * a bundle's quicker works phased to open with its slowest, MODEL §8), rather than show them as
 * works at 0 % for months.
 */
import { describe, expect, it } from 'vitest';
import { projectViews } from '../../src/game/project-views';
import { signContract } from '../../src/sim/rules/contracts';
import { dijon, freshState, terms } from '../sim/helpers';

describe('project views of signed works', () => {
  it('a bundle’s quicker piece waits for the slowest: the view counts the months before its works start', () => {
    const sc = dijon();
    const state = freshState(sc);
    signContract(state, sc, terms({ projects: ['citizenApp', 'dataPlatform'], districts: [0], annualPaymentEur: 300_000, durationYears: 6 }), 'partner');
    const views = projectViews(state).filter((v) => v.district === 0);
    const app = views.find((v) => v.family === 'citizenApp')!;
    const platform = views.find((v) => v.family === 'dataPlatform')!;
    const build = (id: string) => sc.projects.catalogue[id]!.buildMonths;
    expect(app.stage).toBe('building');
    expect(app.worksStartsIn).toBe(build('dataPlatform') - build('citizenApp'));
    expect(platform.worksStartsIn).toBe(0);
  });
});
