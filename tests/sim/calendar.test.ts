/** The budget year (src/sim/calendar.ts): twelve months from each budget's month, tick 0 the first. */
import { describe, expect, it } from 'vitest';
import { budgetYearStart, isBudgetMonth, monthOfYear, monthsLeftInYear, nextBudgetTick } from '../../src/sim/calendar';

describe('the budget year', () => {
  it('a budget every twelve months from tick 0; the year runs to the month before the next', () => {
    for (const [tick, start, next, left, month] of [
      [0, 0, 12, 12, 0],
      [1, 0, 12, 11, 1],
      [11, 0, 12, 1, 11],
      [12, 12, 24, 12, 0],
      [215, 204, 216, 1, 11],
    ] as const) {
      expect(budgetYearStart(tick), `tick ${tick}`).toBe(start);
      expect(nextBudgetTick(tick), `tick ${tick}`).toBe(next);
      expect(monthsLeftInYear(tick), `tick ${tick}`).toBe(left);
      expect(monthOfYear(tick), `tick ${tick}`).toBe(month);
      expect(isBudgetMonth(tick), `tick ${tick}`).toBe(month === 0);
    }
  });
});
