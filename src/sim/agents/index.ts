/**
 * The registry of decision policies, by name. A policy is a pure function of an observation
 * returning actions; the same name may serve both sides (it looks at `obs.actor`). A side accepts
 * its personalities, its scripted strategies (scripted.ts), the rule-based baseline and `none`.
 */
import type { Actor, Policy } from '../types';
import { makeAiCity } from './ai-city';
import { makeAiPartner } from './ai-partner';
import { CITY_PERSONALITIES, PARTNER_PERSONALITIES } from './personalities';
import { ruleBasedCity } from './rule-based-city';
import { ruleBasedPartner } from './rule-based-partner';
import { scriptedStrategies } from './scripted';

const ruleBased: Policy = (obs) => (obs.actor === 'city' ? ruleBasedCity(obs) : ruleBasedPartner(obs));
/** Does nothing: the side is played by a person (its actions come from outside) or stays idle. */
const none: Policy = () => [];

/** Policies that play either side: the rule-based baseline and `none` (a person plays). */
const BOTH: Record<string, Policy> = { 'rule-based': ruleBased, none };
const scripted = (side: Actor) => scriptedStrategies().filter((s) => s.side === side).map((s) => [s.id, s.policy] as const);
const CITY: Record<string, Policy> = Object.fromEntries([...CITY_PERSONALITIES.map((p) => [p.id, makeAiCity(p)] as const), ...scripted('city')]);
const PARTNER: Record<string, Policy> = Object.fromEntries([...PARTNER_PERSONALITIES.map((p) => [p.id, makeAiPartner(p)] as const), ...scripted('partner')]);

/** The names a side accepts. */
export const POLICY_NAMES_BY_SIDE: Record<Actor, readonly string[]> = {
  city: [...Object.keys(CITY), ...Object.keys(BOTH)],
  partner: [...Object.keys(PARTNER), ...Object.keys(BOTH)],
};

const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** The policy of that name (for that side, when given), or undefined. */
export function resolvePolicy(name: string, actor?: Actor): Policy | undefined {
  if (has(BOTH, name)) return BOTH[name];
  if (actor !== 'partner' && has(CITY, name)) return CITY[name];
  if (actor !== 'city' && has(PARTNER, name)) return PARTNER[name];
  return undefined;
}

/** A computer player as the menu and the briefing present it. */
interface ComputerPlayer {
  id: string;
  name: { fr: string; en: string };
  describe: { fr: string; en: string };
}

/** The computer players offered for a side, named and described: its personalities, then its scripted strategies. */
export function computerPlayers(side: Actor): readonly ComputerPlayer[] {
  return [...(side === 'city' ? CITY_PERSONALITIES : PARTNER_PERSONALITIES), ...scriptedStrategies().filter((s) => s.side === side)];
}
