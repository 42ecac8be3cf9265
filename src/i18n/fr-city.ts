/** French strings of the city view (map, overlays, legends, boot / preload). */
export const frCity = {
  'city.placeholder': '…',
} as const;
