/** A key that appears twice in one JSON object. */
export interface DuplicateField {
  /** keys and list indices leading to the object holding the key */
  parent: readonly (string | number)[]
  key: string
}

/**
 * Every repeated key in a JSON text, in text order. JSON.parse keeps the last value silently; kube's
 * decoder reports `duplicate field "<path>"`. The text must already be valid JSON (the body was parsed
 * before): this scanner skips values without checking them, so a Pod body costs a few microseconds.
 */
export function findDuplicateFields(json: string): DuplicateField[] {
  const scan: Scan = { json, i: 0, path: [], found: [] }
  scanValue(scan)
  return scan.found
}

interface Scan {
  json: string
  i: number
  path: (string | number)[]
  found: DuplicateField[]
}

function scanValue(s: Scan): void {
  skipSpace(s)
  const c = s.json.charCodeAt(s.i)
  if (c === 0x7b /* { */) scanObject(s)
  else if (c === 0x5b /* [ */) scanArray(s)
  else if (c === 0x22 /* " */) skipString(s)
  else while (s.i < s.json.length && !isDelimiter(s.json.charCodeAt(s.i))) s.i++
}

function scanObject(s: Scan): void {
  s.i++
  let keys: Set<string> | undefined
  for (;;) {
    skipSpace(s)
    if (s.json.charCodeAt(s.i) === 0x7d /* } */) return void s.i++
    const start = s.i
    skipString(s)
    const raw = s.json.slice(start + 1, s.i - 1)
    const key = raw.includes('\\') ? (JSON.parse(s.json.slice(start, s.i)) as string) : raw
    if (keys?.has(key)) s.found.push({ parent: [...s.path], key })
    else (keys ??= new Set()).add(key)
    skipSpace(s)
    s.i++ // the ':'
    s.path.push(key)
    scanValue(s)
    s.path.pop()
    skipSpace(s)
    if (s.json.charCodeAt(s.i++) === 0x7d /* } */) return
  }
}

function scanArray(s: Scan): void {
  s.i++
  skipSpace(s)
  if (s.json.charCodeAt(s.i) === 0x5d /* ] */) return void s.i++
  for (let index = 0; ; index++) {
    s.path.push(index)
    scanValue(s)
    s.path.pop()
    skipSpace(s)
    if (s.json.charCodeAt(s.i++) === 0x5d /* ] */) return
  }
}

/** Moves past a string starting at the opening quote. */
function skipString(s: Scan): void {
  let i = s.i + 1
  for (;;) {
    const c = s.json.charCodeAt(i++)
    if (c === 0x5c /* \ */) i++
    else if (c === 0x22 /* " */ || Number.isNaN(c)) break
  }
  s.i = i
}

function skipSpace(s: Scan): void {
  for (;;) {
    const c = s.json.charCodeAt(s.i)
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) s.i++
    else return
  }
}

/** `,` `]` `}` or white space: what ends a number or a literal. */
const isDelimiter = (c: number) =>
  c === 0x2c || c === 0x5d || c === 0x7d || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09
