/**
 * The names of things as the player reads them, one name per thing in each language (the
 * catalogue's `name.*` keys): projects, districts, mayors, funders, grant calls, contract forms,
 * award procedures, the sides; and the model's refusals told with those names.
 */
import { hasMessage, localized, numberLocale, t, type MessageKey } from '../../i18n';
import type { Problem, Scenario } from '../../sim';
import { renderRefusal, renderRefusalCause, type RefusalNames } from '../../i18n/refusals';

/** A message key built from data (a project family, an event kind), or `fallback` when unknown. */
export function messageOr(key: string, fallback: string, params: Record<string, string | number> = {}): string {
  return hasMessage(key) ? t(key as MessageKey, params) : fallback;
}

/** Upper-cases the first letter (French month names are lower-case). */
export function capital(text: string): string {
  return text.charAt(0).toLocaleUpperCase(numberLocale()) + text.slice(1);
}

/** A project type's name, by its family (its id when the catalogue has no name for it). */
export function projectName(scenario: Scenario, id: string): string {
  const family = scenario.projects.catalogue[id]?.family ?? id;
  return messageOr(`name.project.${family}`, id);
}

/** Several projects joined ("LED street lighting + bus priority"); the log joins ids with "+". */
export function projectList(scenario: Scenario, ids: string): string {
  return ids
    .split('+')
    .filter(Boolean)
    .map((id) => projectName(scenario, id))
    .join(' + ');
}

export function districtName(scenario: Scenario, idOrIndex: string | number): string {
  const d = typeof idOrIndex === 'number' ? scenario.territory.districts[idOrIndex] : scenario.territory.districts.find((x) => x.id === idOrIndex);
  return d?.name ?? String(idOrIndex);
}

export function mayorName(scenario: Scenario, id: string): string {
  const m = scenario.politics.mayors.find((x) => x.id === id);
  return m ? localized(m.name) : id;
}

/** A grant's funder ("État", "Région", "Union européenne"). */
export function funderName(funder: string): string {
  return messageOr(`name.funder.${funder}`, funder);
}

/**
 * A grant call's name, the one every screen shows: in full ("DSIL (dotation de soutien à
 * l'investissement local)") or `short` for tight places ("DSIL"). The extra State calls that
 * events open share one name.
 */
export function callName(id: string, form: 'full' | 'short' = 'full'): string {
  const key = id.startsWith('state-extra-') ? 'stateExtra' : id;
  const full = messageOr(`name.call.${key}`, id);
  return form === 'short' ? messageOr(`name.callShort.${key}`, full) : full;
}

/** A contract form as it reads inside a sentence ("marché public"); `capital()` it for a label. */
export function formName(form: string): string {
  return messageOr(`name.form.${form}`, form);
}

/** An award procedure's name ("dialogue compétitif"). */
export function procedureName(kind: string): string {
  return messageOr(`name.procedure.${kind}`, kind);
}

/** A side's name inside a sentence ("la ville", "the city"). */
export function sideInSentence(side: string): string {
  return messageOr(`name.sideIn.${side}`, side);
}

/** A refusal in the player's language, naming projects and grant calls as the scenario does. */
export function refusalText(p: Pick<Problem, 'code' | 'params'>, scenario?: Scenario): string {
  return renderRefusal(p, refusalNames(scenario));
}

/** Only a refusal's cause (after "This offer is not lawful: ", "Limit: "). */
export function refusalCause(p: Pick<Problem, 'code' | 'params'>, scenario?: Scenario): string {
  return renderRefusalCause(p, refusalNames(scenario));
}

function refusalNames(scenario?: Scenario): RefusalNames {
  return scenario ? { project: (id) => projectName(scenario, id), call: callName } : { call: callName };
}

