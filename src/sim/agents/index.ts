/**
 * The registry of decision policies, by name. A policy is a pure function of an observation
 * returning actions; the same name may serve both sides (it looks at `obs.actor`).
 */
import type { Actor, Policy } from '../types';
import { ruleBasedCity } from './rule-based-city';
import { ruleBasedPartner } from './rule-based-partner';

const ruleBased: Policy = (obs) => (obs.actor === 'city' ? ruleBasedCity(obs) : ruleBasedPartner(obs));
/** Does nothing: the side is played by a person (its actions come from outside) or stays idle. */
const none: Policy = () => [];

const POLICIES: Record<string, Policy> = { 'rule-based': ruleBased, none };

export const POLICY_NAMES: readonly string[] = Object.keys(POLICIES);

/** The policy of that name, or undefined. */
export function resolvePolicy(name: string, _actor?: Actor): Policy | undefined {
  return Object.prototype.hasOwnProperty.call(POLICIES, name) ? POLICIES[name] : undefined;
}
