import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

/** The OpenAPI form of a Go number field, as kube publishes it. */
export type NumberSchema = { type: 'integer'; format: 'int32' | 'int64' } | { type: 'number'; format: 'double' }

/** A compiled ajv validator as kubernetes-models ships them (allErrors, one error per failed keyword). */
interface AjvValidate {
  (data: unknown): boolean
  errors?: Array<{ instancePath: string; keyword: string; params: Record<string, unknown> }> | null
}

/** One step from a type to a number inside it: a property name, `[]` for list items, `{}` for map values. */
export type NumberPathStep = string | '[]' | '{}'

const require = createRequire(import.meta.url)

/**
 * The `.d.ts` files say only `number`; kube's OpenAPI says integer/int32, integer/int64 or
 * number/double, and its decoder's messages name the Go type. The package's compiled validators still
 * know. Reading a validator's text answers a direct property in microseconds; anything else loads the
 * validator and asks it (~1 ms each, plus its imports): a fraction fails an integer's `type`, and
 * 2^40 fails an int32's `format`.
 */
export function probeNumber(validatorFile: string, steps: readonly NumberPathStep[]): NumberSchema {
  return numberFromSource(readSource(validatorFile), steps) ?? numberFromValidator(validatorFile, steps)
}

const sources = new Map<string, string>()
const readSource = (file: string) => {
  let source = sources.get(file)
  if (source === undefined) sources.set(file, (source = readFileSync(file, 'utf8')))
  return source
}

/**
 * Follows the generated code: `validateN(data.<property>, …)`, then for a list item or map value the
 * `validateM(data[…], …)` inside `function validateN`, and reads the type and format the last one checks.
 */
export function numberFromSource(source: string, steps: readonly NumberPathStep[]): NumberSchema | undefined {
  const [property, ...inner] = steps
  if (property === undefined || property === '[]' || property === '{}') return undefined
  const escaped = property.replace(/[^\w]/g, '\\$&')
  let body: string | undefined = source
  let call = new RegExp(`(validate\\d+)\\(data(?:\\.${escaped}|\\["${escaped}"\\]),`).exec(source)
  for (let i = 0; call && (body = functionBody(source, call[1]!)) !== undefined && i < inner.length; i++) {
    call = /(validate\d+)\(data\[/.exec(body)
  }
  if (!call || body === undefined) return undefined
  if (body.includes('type:"integer"')) {
    return { type: 'integer', format: body.includes('format:"int32"') ? 'int32' : 'int64' }
  }
  if (body.includes('type:"number"')) return { type: 'number', format: 'double' }
  return undefined
}

/** The text of `function <name>(…)` up to the next generated function: validators do not nest. */
function functionBody(source: string, name: string): string | undefined {
  const start = source.indexOf(`function ${name}(`)
  if (start < 0) return undefined
  const end = source.indexOf('function validate', start + 1)
  return source.slice(start, end < 0 ? undefined : end)
}

function numberFromValidator(validatorFile: string, steps: readonly NumberPathStep[]): NumberSchema {
  const validate = (require(validatorFile) as { validate: AjvValidate }).validate
  const { document, pointer } = placeAt(steps)
  const failures = (value: number) => {
    validate(document(value))
    return (validate.errors ?? []).filter((e) => e.instancePath === pointer)
  }
  if (!failures(0.5).some((e) => e.keyword === 'type' && e.params['type'] === 'integer')) {
    return { type: 'number', format: 'double' }
  }
  const isInt32 = failures(2 ** 40).some((e) => e.keyword === 'format' && e.params['format'] === 'int32')
  return { type: 'integer', format: isInt32 ? 'int32' : 'int64' }
}

/** Builds `value => {a: [{b: value}]}` for steps `a`, `[]`, `b`, and the JSON pointer of that value. */
function placeAt(steps: readonly NumberPathStep[]): { document: (v: unknown) => unknown; pointer: string } {
  let wrap = (v: unknown) => v
  for (const step of [...steps].reverse()) {
    const inner = wrap
    if (step === '[]') wrap = (v) => [inner(v)]
    else if (step === '{}') wrap = (v) => ({ k: inner(v) })
    else wrap = (v) => ({ [step]: inner(v) })
  }
  const pointer = steps.map((step) => (step === '[]' ? '/0' : step === '{}' ? '/k' : `/${step}`)).join('')
  return { document: wrap, pointer }
}
