/**
 * The state hash: a 64-bit fingerprint (two 32-bit FNV-1a-style lanes with murmur finalisers)
 * over the state's canonical JSON (key order is insertion order, fixed by the code) and the raw
 * bytes of the citizens' typed arrays. Equal states give equal hashes in Node and in browsers;
 * any change to a number, a string or a citizen changes it.
 */
import type { SimState } from './types';

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

class Hasher {
  a = 0x811c9dc5;
  b = 0x9747b28c;
  word(w: number): void {
    this.a = Math.imul(this.a ^ w, 0x01000193);
    this.b = Math.imul(this.b ^ w, 0x5bd1e995) ^ (this.b >>> 15);
  }
  // The long loops keep both lanes in locals (the same steps as `word`): a lane stored in a field
  // after each step is a boxed number once it leaves the small-integer range.
  string(s: string): void {
    let a = this.a;
    let b = this.b;
    for (let i = 0; i < s.length; i++) {
      const w = s.charCodeAt(i);
      a = Math.imul(a ^ w, 0x01000193);
      b = Math.imul(b ^ w, 0x5bd1e995) ^ (b >>> 15);
    }
    this.a = a;
    this.b = b;
  }
  bytes(view: ArrayBufferView): void {
    const u8 = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
    const words = Math.floor(u8.length / 4);
    const u32 = u8.byteOffset % 4 === 0 ? new Uint32Array(u8.buffer, u8.byteOffset, words) : new Uint32Array(u8.slice(0, words * 4).buffer);
    let a = this.a;
    let b = this.b;
    for (let i = 0; i < u32.length; i++) {
      const w = u32[i]!;
      a = Math.imul(a ^ w, 0x01000193);
      b = Math.imul(b ^ w, 0x5bd1e995) ^ (b >>> 15);
    }
    this.a = a;
    this.b = b;
    for (let i = words * 4; i < u8.length; i++) this.word(u8[i]!);
    this.word(u8.length);
  }
  digest(): string {
    return mix(this.a).toString(16).padStart(8, '0') + mix(this.b ^ this.a).toString(16).padStart(8, '0');
  }
}

/** The fingerprint of a state, as 16 hex digits. */
export function stateHash(state: SimState): string {
  const h = new Hasher();
  const { citizens, ...rest } = state;
  h.string(JSON.stringify(rest));
  for (const key of Object.keys(citizens).sort()) {
    h.string(key);
    h.bytes(citizens[key as keyof typeof citizens]);
  }
  return h.digest();
}
