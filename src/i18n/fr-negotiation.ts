/** French strings of the negotiation table (offer builder, legal bounds, answers, history, clock, two lenses). */
export const frNegotiation = {
  'negotiation.placeholder': '…',
} as const;
