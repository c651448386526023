import { componentRef } from './schema-ref.js'
import type { NumberPathStep, NumberSchema } from './number-format-probe.js'
import type { TsType } from './ts-type.js'

export type OpenApiSchema = Record<string, unknown>

/** What turning one property's TypeScript type into OpenAPI needs from the caller. */
export interface PropertyContext {
  /** the OpenAPI schema name for an imported type name, queued for emission */
  refName(typeName: string): string
  /** the number format at `steps` below the declaring type */
  numberAt(steps: readonly NumberPathStep[]): NumberSchema
}


/**
 * One property's schema in kube's v3 shape: named types as `allOf: [{$ref}]` (a bare inline object
 * makes kubectl's patch computation fail: "unable to find api field"), lists as `items`, maps as
 * `additionalProperties`.
 */
export function propertySchema(
  type: TsType,
  steps: readonly NumberPathStep[],
  context: PropertyContext,
): OpenApiSchema {
  switch (type.kind) {
    case 'string':
      return { type: 'string' }
    case 'boolean':
      return { type: 'boolean' }
    case 'number':
      return { ...context.numberAt(steps) }
    case 'literals':
      return { type: 'string', enum: [...type.values] }
    case 'ref':
      return { allOf: [{ $ref: componentRef(context.refName(type.name)) }] }
    case 'array':
      return { type: 'array', items: propertySchema(type.items, [...steps, '[]'], context) }
    case 'map':
      return { type: 'object', additionalProperties: propertySchema(type.values, [...steps, '{}'], context) }
    case 'union':
      return { oneOf: type.members.map((m) => propertySchema(m, steps, context)) }
    case 'unknown':
      return { type: 'object' }
  }
}
