/** English strings of the flow screens (menu, briefing, events, decisions, months, year summary, elections, end, hand-over, HUD, tooltips); same keys as `fr-screens.ts` (checked by the compiler). */
import type { frScreens } from './fr-screens';

export const enScreens: Record<keyof typeof frScreens, string> = {
  'screens.placeholder': '…',
};
