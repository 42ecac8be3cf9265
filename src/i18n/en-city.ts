/** English strings of the city view (map, overlays, legends, boot / preload); same keys as `fr-city.ts` (checked by the compiler). */
import type { frCity } from './fr-city';

export const enCity: Record<keyof typeof frCity, string> = {
  'city.placeholder': '…',
};
