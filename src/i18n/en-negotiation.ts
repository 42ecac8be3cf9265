/** English strings of the negotiation table (offer builder, legal bounds, answers, history, clock, two lenses); same keys as `fr-negotiation.ts` (checked by the compiler). */
import type { frNegotiation } from './fr-negotiation';

export const enNegotiation: Record<keyof typeof frNegotiation, string> = {
  'negotiation.placeholder': '…',
};
