/**
 * Whether a JSON text may repeat a key within one object, told without reading a key: each member
 * of an object has exactly one `:` outside strings, so a text with as many such colons as its
 * parsed value has keys repeats none (JSON.parse keeps only the last of a repeated key). Only a text
 * that may is scanned for its repeated keys (registry/validation/duplicate-fields.ts, ~2 µs for a
 * small Pod, where this takes a fraction). `decoded` must be `text` as JSON.parse returned it.
 */
export function mayRepeatKeys(text: string, decoded: unknown): boolean {
  return colonsOutsideStrings(text) !== keysIn(decoded)
}

function colonsOutsideStrings(text: string): number {
  let colons = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 0x3a /* : */) colons++
    else if (c === 0x22 /* " */) i = endOfString(text, i)
  }
  return colons
}

/** The index of the quote closing the string opened at `i`. */
function endOfString(text: string, i: number): number {
  for (i++; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 0x5c /* \ */) i++
    else if (c === 0x22) return i
  }
  return i
}

/** Every key of every object in a parsed JSON value; iterative, so any depth is safe. */
function keysIn(value: unknown): number {
  let keys = 0
  const stack: unknown[] = [value]
  while (stack.length > 0) {
    const next = stack.pop()
    if (next === null || typeof next !== 'object') continue
    if (Array.isArray(next)) {
      for (const item of next) if (item !== null && typeof item === 'object') stack.push(item)
      continue
    }
    for (const key in next) {
      keys++
      const child = (next as Record<string, unknown>)[key]
      if (child !== null && typeof child === 'object') stack.push(child)
    }
  }
  return keys
}
