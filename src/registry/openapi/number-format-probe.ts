import { createRequire } from 'node:module'

/** The OpenAPI form of a Go number field, as kube publishes it. */
export type NumberSchema =
  | { type: 'integer'; format: 'int32' | 'int64' }
  | { type: 'number'; format: 'double' }

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
 * number/double, and the error messages of its decoder name the Go type. The package's validators
 * still know, so ask them: a fraction fails an integer's `type`, and 2^40 fails an int32's `format`.
 */
export function probeNumber(validatorFile: string, steps: readonly NumberPathStep[]): NumberSchema {
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
  let pointer = ''
  let wrap = (v: unknown) => v
  for (const step of [...steps].reverse()) {
    const inner = wrap
    if (step === '[]') wrap = (v) => [inner(v)]
    else if (step === '{}') wrap = (v) => ({ k: inner(v) })
    else wrap = (v) => ({ [step]: inner(v) })
  }
  for (const step of steps) pointer += step === '[]' ? '/0' : step === '{}' ? '/k' : `/${step}`
  return { document: wrap, pointer }
}
