/**
 * Serialisation of the state: the citizens' typed arrays become plain number arrays (tagged with
 * their type), everything else is already plain data. `deserializeState(JSON.parse(JSON.stringify(
 * serializeState(s))))` gives back a state equal to `s`, with the same hash: a test checks it, and
 * that a run restored mid-way continues exactly as the original.
 */
import type { CitizenArrays, SimState } from './types';

const TYPED = {
  Uint8Array,
  Float32Array,
  Float64Array,
} as const;
type TypedName = keyof typeof TYPED;

export interface SerializedTyped {
  typed: TypedName;
  values: number[];
}

function typedName(a: ArrayBufferView): TypedName {
  if (a instanceof Uint8Array) return 'Uint8Array';
  if (a instanceof Float32Array) return 'Float32Array';
  return 'Float64Array';
}

/** The state as plain JSON-safe data. */
export function serializeState(state: SimState): unknown {
  const citizens: Record<string, SerializedTyped> = {};
  for (const [k, v] of Object.entries(state.citizens)) citizens[k] = { typed: typedName(v as ArrayBufferView), values: Array.from(v as ArrayLike<number>) };
  return { ...structuredClone({ ...state, citizens: {} }), citizens };
}

/** Rebuilds a state from `serializeState` output (already validated as such by the caller). */
export function deserializeState(data: unknown): SimState {
  const raw = data as SimState & { citizens: Record<string, SerializedTyped> };
  const citizens = {} as Record<string, ArrayBufferView>;
  for (const [k, v] of Object.entries(raw.citizens)) citizens[k] = new TYPED[v.typed](v.values);
  return { ...structuredClone({ ...raw, citizens: {} }), citizens: citizens as unknown as CitizenArrays } as SimState;
}

/** A deep copy of a state (typed arrays copied too). */
export function cloneState(state: SimState): SimState {
  return structuredClone(state);
}

/**
 * A copy of a state to try actions on and drop (the computer city's checks of a month's decisions,
 * agents/ai-city.ts): `cloneState`, but the log and the reporter rows are new arrays holding the
 * same entries, and the citizens' arrays are the original's. No action changes them: the model
 * only appends to those lists, and only the citizens phase of a month's step (rules/citizens.ts)
 * writes the citizens. They were over half of the copy late in a run (the log grows with it). Not
 * for a state that is kept or stepped on: those parts are the original's.
 */
export function trialState(state: Readonly<SimState>): SimState {
  const { log, monthly, yearly, citizens } = state;
  const copy = structuredClone({ ...state, citizens: null, log: [], monthly: [], yearly: [] }) as unknown as SimState;
  copy.citizens = citizens;
  copy.log = log.slice();
  copy.monthly = monthly.slice();
  copy.yearly = yearly.slice();
  return copy;
}
