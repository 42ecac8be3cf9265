/**
 * The scenario's events and the budget alarms in words: an event's icon, title and sentence with
 * its size, and the figures the prefect's settlement and the debt alarm quote.
 */
import type { LogEntryOf, Scenario } from '../../sim';
import { monthYear } from './dates';
import { messageOr } from './names';
import { eur, months, num, pct, years } from './numbers';

export function eventIcon(kind: string): 'warning' | 'euro' | 'wrench' | 'bolt' | 'sun' | 'users' | 'shield' {
  switch (kind) {
    case 'energyPriceShock':
      return 'bolt';
    case 'stateGrantCall':
    case 'stateTransferCut':
      return 'euro';
    case 'technicalFailure':
    case 'costOverrun':
      return 'wrench';
    case 'cyberAttack':
      return 'shield';
    case 'heatwave':
      return 'sun';
    case 'citizenProtest':
      return 'users';
    default:
      return 'warning';
  }
}

/** The size of an event as its sentence quotes it (a share, months, euros), from the scenario. */
function eventSize(scenario: Scenario, id: string, kind: string): string {
  const m = scenario.events.find((e) => e.id === id)?.magnitude ?? 0;
  switch (kind) {
    case 'energyPriceShock':
    case 'costOverrun':
    case 'stateTransferCut':
    case 'partnerMerger':
      return pct(m);
    case 'technicalFailure':
      return months(Math.max(1, Math.round(3 * m)));
    case 'stateGrantCall':
      return eur(m * 1e6);
    default:
      return num(m, 1);
  }
}

export function eventTitle(kind: string): string {
  return messageOr(`screens.event.${kind}.title`, kind);
}

/** One sentence on what the event does, with its size. */
export function eventText(scenario: Scenario, id: string, kind: string): string {
  return messageOr(`screens.event.${kind}.text`, kind, { size: eventSize(scenario, id, kind) });
}


/** The figures of the prefect's settlement of the budget (L1612-5), as the sentences and the card quote them. */
export function settlementWords(scenario: Scenario, d: LogEntryOf<'budgetSettled'>['data']): Record<string, string> {
  return {
    deficit: eur(d.deficitEur),
    advance: eur(d.advanceEur),
    tax: pct(d.taxRisePct / 100, 1),
    cut: pct(d.baselineCutPct / 100, 1),
    until: monthYear(scenario, d.untilTick),
    days: num(d.crcDays),
    threshold: eur(d.thresholdEur ?? 0),
  };
}

/** The figures of a debt alarm (the 12-year reference passed), as the sentence and the card quote them. */
export function debtAlarmWords(d: LogEntryOf<'debtAlarm'>['data']): Record<string, string> {
  return { ratio: years(d.ratioYears), reference: years(d.referenceYears, 0), refuse: years(d.refuseYears, 0), rate: pct(d.loanRate, 2) };
}

