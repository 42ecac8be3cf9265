/**
 * The budget year (MODEL §5): the simulation's months are numbered from the start (tick 0), and a
 * budget year is twelve of them from a tick that is a multiple of 12 — the month of the city's
 * budget vote, when the voted rates may change and the smart-city envelope is voted. A leaf module:
 * it imports nothing, so every rule can read the calendar without a cycle (budget.ts imports
 * contracts.ts, which needs the year's end).
 */

/** The month within the budget year, 0 (the budget's month) to 11. */
export function monthOfYear(tick: number): number {
  return tick % 12;
}

/** Whether `tick` is a budget's month (the first of a budget year). */
export function isBudgetMonth(tick: number): boolean {
  return tick % 12 === 0;
}

/** The tick of this budget year's budget. */
export function budgetYearStart(tick: number): number {
  return tick - (tick % 12);
}

/** The tick of the next budget (the end of this budget year). */
export function nextBudgetTick(tick: number): number {
  return budgetYearStart(tick) + 12;
}

/** The months left in this budget year, this one included (12 in a budget's month, 1 in its last). */
export function monthsLeftInYear(tick: number): number {
  return 12 - (tick % 12);
}
