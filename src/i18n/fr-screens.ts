/** French strings of the flow screens (menu, briefing, events, decisions, months, year summary, elections, end, hand-over, HUD, tooltips). */
export const frScreens = {
  'screens.placeholder': '…',
} as const;
