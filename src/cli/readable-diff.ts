import fastJsonPatch from 'fast-json-patch'

type Segment = string | number
interface DiffLine {
  path: Segment[]
  text: string
}

// Every revision changes resourceVersion, and managedFields restate who owns what (the manager is
// already on the revision's header line): noise for a reader. `-o json` keeps the full diff.
const isHidden = (pointer: string) => pointer === '/metadata/resourceVersion' || /^\/metadata\/managedFields(\/|$)/.test(pointer)
const MAX_VALUE_CHARS = 120

const isContainer = (value: unknown): value is object => typeof value === 'object' && value !== null

/** JSON pointer → segments, array indices as numbers (found by walking `document`). */
function segmentsOf(pointer: string, document: unknown): Segment[] {
  const segments: Segment[] = []
  let node = document
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    segments.push(Array.isArray(node) ? Number(key) : key)
    node = isContainer(node) ? (node as Record<string, unknown>)[key] : undefined
  }
  return segments
}

/** `spec.containers[0].image`, `metadata.labels["app.kubernetes.io/name"]` */
export function formatPath(path: readonly Segment[]): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : /^[A-Za-z_$][\w$-]*$/.test(s) ? (i === 0 ? s : `.${s}`) : `[${JSON.stringify(s)}]`)).join('')
}

/** Strings bare when unambiguous (`web`, `nginx:1.27`), JSON otherwise (spaces, `"1"`, `"true"`); long values cut. */
export function formatValue(value: unknown): string {
  const isBare = typeof value === 'string' && /^[^\s"'{}[\]\p{Cc}][^\s\p{Cc}→]*$/u.test(value) && !/^(true|false|null|-?\d[\d.e+-]*)$/.test(value)
  const text = isBare ? (value as string) : JSON.stringify(value)
  return text.length <= MAX_VALUE_CHARS ? text : `${text.slice(0, MAX_VALUE_CHARS - 1)}… (${text.length} chars)`
}

/** One line per leaf under `value`, so an added container reads as its fields. */
function leaves(value: unknown, path: Segment[], mark: '+' | '-'): DiffLine[] {
  const entries: [Segment, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : isContainer(value) ? Object.entries(value) : []
  if (entries.length === 0) return [{ path, text: `${mark} ${formatPath(path)}: ${formatValue(value)}` }]
  return entries.flatMap(([segment, child]) => leaves(child, [...path, segment], mark))
}

function comparePaths(a: readonly Segment[], b: readonly Segment[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const [x, y] = [a[i]!, b[i]!]
    if (x === y) continue
    if (typeof x === 'number' && typeof y === 'number') return x - y
    return typeof x === 'number' ? -1 : typeof y === 'number' ? 1 : x < y ? -1 : 1
  }
  return a.length - b.length
}

/**
 * What changed between two states of an object, one line per changed path, in path order:
 * `~ spec.replicas: 1 → 3`, `+ metadata.labels.tier: web`, `- metadata.annotations.note: x`.
 */
export function readableDiff(before: object, after: object): string[] {
  const lines: DiffLine[] = []
  for (const op of fastJsonPatch.compare(before, after)) {
    if (isHidden(op.path)) continue
    if (op.op === 'add') lines.push(...leaves(op.value, segmentsOf(op.path, after), '+'))
    if (op.op !== 'remove' && op.op !== 'replace') continue
    const path = segmentsOf(op.path, before)
    const old = fastJsonPatch.getValueByPointer(before, op.path) as unknown
    if (op.op === 'remove') lines.push(...leaves(old, path, '-'))
    else if (isContainer(old) || isContainer(op.value)) lines.push(...leaves(old, path, '-'), ...leaves(op.value, path, '+'))
    else lines.push({ path, text: `~ ${formatPath(path)}: ${formatValue(old)} → ${formatValue(op.value)}` })
  }
  // Stable: for one path a removal stays before the addition that replaces it.
  return lines.sort((a, b) => comparePaths(a.path, b.path)).map((line) => line.text)
}
