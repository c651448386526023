/** A small deterministic random source: the same seed and case index give the same case, on any machine. */
export interface Prng {
  /** in [0, 1) */
  next(): number
  /** an integer in [0, n) */
  int(n: number): number
  /** an integer in [min, max] */
  between(min: number, max: number): number
  chance(probability: number): boolean
  pick<T>(items: readonly T[]): T
  /** `length` characters drawn from `alphabet` */
  string(length: number, alphabet?: string): string
  bytes(length: number): Uint8Array
}

// splitmix32: one multiply-xorshift round per draw; plenty for test inputs, and seeding by (seed, index) is cheap.
function splitmix32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x9e3779b9) >>> 0
    let z = state
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0
    return ((z ^ (z >>> 16)) >>> 0) / 2 ** 32
  }
}

const PRINTABLE = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&\'()*+,;=:@/?#[]% "<>\\^`{|}'

/** The generator of case `index` under `seed`: each case draws from its own stream, so one can be replayed alone. */
export function prngFor(seed: number, index: number): Prng {
  const next = splitmix32(Math.imul(seed >>> 0, 0x27d4eb2d) ^ Math.imul(index + 1, 0x165667b1))
  const int = (n: number) => Math.floor(next() * n)
  return {
    next,
    int,
    between: (min, max) => min + int(max - min + 1),
    chance: (probability) => next() < probability,
    pick: (items) => items[int(items.length)]!,
    string: (length, alphabet = PRINTABLE) => Array.from({ length }, () => alphabet[int(alphabet.length)]).join(''),
    bytes: (length) => Uint8Array.from({ length }, () => int(256)),
  }
}
