/**
 * What the map shows of the projects: one view per district and project family, read from the
 * simulation's deployments (field reads only; no model computation).
 *
 * Several deployments of one family can sit in one district (a pilot, then its scale-up; a
 * commune's duplicate). The view shows the most advanced one: running at scale, then being built
 * at scale, then a running pilot, a pilot being built, a broken one, a failed one. Its coverage
 * (the share of the district the family reaches now) is what the map draws: street lights lit,
 * trees grown, buses running.
 */
import { PROJECT_FAMILIES, type Deployment, type SimState } from '../sim';
import type { ProjectFamily } from '../sim/scenario-schema';

export type ProjectStage = 'building' | 'operating' | 'down' | 'failed';
export type Builder = 'city' | 'partner';

export interface ProjectView {
  /** `district:family`, stable across months. */
  key: string;
  district: number;
  family: ProjectFamily;
  stage: ProjectStage;
  /** Share of the works done, 0–1 (1 once it runs). */
  progress: number;
  /** Months before its works start, when signed and waiting (a purchase's award procedure, a
   *  bundle's quicker works phased to open with its slowest, a replacement's scheduled start); 0
   *  once they run. */
  worksStartsIn: number;
  /** Share of the district reached now: the scale running, or the scale times the works done. */
  coverage: number;
  pilot: boolean;
  /** Share of the district's units the deployment covers once built (the pilot's size for a pilot). */
  scale: number;
  builder: Builder;
  /** The contract it belongs to, if any. */
  contractId: number | null;
}

function stageOf(d: Deployment): ProjectStage | null {
  switch (d.stage) {
    case 'building':
      return 'building';
    case 'operating':
      return d.downMonths > 0 ? 'down' : 'operating';
    case 'failed':
      return 'failed';
    default:
      return null;
  }
}

const STAGE_RANK: Record<ProjectStage, number> = { operating: 3, building: 2, down: 1, failed: 0 };

/** Higher for the deployment the map should show: at scale before pilots, running before works. */
function rank(stage: ProjectStage, pilot: boolean): number {
  if (stage === 'down' || stage === 'failed') return STAGE_RANK[stage];
  return (pilot ? 4 : 8) + STAGE_RANK[stage];
}

/** The projects to draw, in a stable order (district, then family in the catalogue's order). */
export function projectViews(sim: SimState): ProjectView[] {
  const builders = new Map<number, Builder>();
  for (const c of sim.contracts) builders.set(c.id, c.builder === 'partner' ? 'partner' : 'city');
  const best = new Map<string, { view: ProjectView; rank: number; uid: number }>();
  for (const d of sim.deployments) {
    const stage = stageOf(d);
    if (!stage) continue;
    const key = `${d.district}:${d.family}`;
    const progress = stage === 'building' ? (d.buildMonths > 0 ? Math.min(1, Math.max(0, 1 - d.buildMonthsLeft / d.buildMonths)) : 0) : 1;
    const reach = stage === 'operating' ? d.scale : stage === 'building' ? d.scale * progress : 0;
    const worksStartsIn = stage === 'building' && d.worksStartTick !== undefined ? Math.max(0, d.worksStartTick - sim.tick) : 0;
    const r = rank(stage, d.pilot);
    const held = best.get(key);
    if (held) held.view.coverage = Math.max(held.view.coverage, reach);
    if (held && (held.rank > r || (held.rank === r && held.uid > d.uid))) continue;
    const view: ProjectView = {
      key,
      district: d.district,
      family: d.family,
      stage,
      progress,
      worksStartsIn,
      coverage: Math.max(reach, held?.view.coverage ?? 0),
      pilot: d.pilot,
      scale: d.scale,
      builder: d.contractId === null ? 'city' : (builders.get(d.contractId) ?? 'city'),
      contractId: d.contractId,
    };
    best.set(key, { view, rank: r, uid: d.uid });
  }
  return [...best.values()].map((b) => b.view).sort((a, b) => a.district - b.district || PROJECT_FAMILIES.indexOf(a.family) - PROJECT_FAMILIES.indexOf(b.family));
}
