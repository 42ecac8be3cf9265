/**
 * One hidden shape per kind of object, for speed.
 *
 * A number field that starts at a whole number and later holds fractions makes the JavaScript
 * engine change the object's hidden shape the first time a fraction is stored; compiled code that
 * expected the old shape is then thrown away and recompiled, in every run (a measured slowdown of
 * parallel sweeps, where each thread pays it again). Giving such fields a fraction first and
 * setting them back at once makes the engine store them as floating-point numbers from the start.
 * The values are unchanged.
 */
export function storeAsFractions<T extends object>(o: T, keys: readonly (keyof T)[]): T {
  for (const k of keys) {
    const v = o[k] as unknown as number;
    (o[k] as unknown as number) = v + 0.5;
    (o[k] as unknown as number) = v;
  }
  return o;
}
