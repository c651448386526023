import { isDeepStrictEqual } from 'node:util'
import { isJsonObject } from '../../../api/json-object.js'
import type { StatusCause } from '../../../api/types.js'
import type { JsonSchemaProps } from '../crd-types.js'
import { child, key } from '../field-path.js'
import { pruneUnknownFields } from '../schema/pruning.js'
import { compileSchemaValidator } from '../schema/schema-validator.js'
import { invalid } from './causes.js'

/**
 * Every default must be pruned already and valid against its own schema (k8s:
 * apiextensions-apiserver pkg/apiserver/schema/defaulting/validation.go ValidateDefaults), reported
 * at `….default`. additionalProperties are not followed: defaults are forbidden there.
 */
export function validateDefaults(schema: JsonSchemaProps, path: string): StatusCause[] {
  const causes: StatusCause[] = []
  const walk = (s: JsonSchemaProps | undefined, at: string, insideMeta: boolean) => {
    if (!isJsonObject(s)) return
    if (s.default !== undefined && !insideMeta) causes.push(...defaultCauses(s, child(at, 'default')))
    if (isJsonObject(s.items)) walk(s.items as JsonSchemaProps, child(at, 'items'), insideMeta)
    for (const [k, sub] of Object.entries(isJsonObject(s.properties) ? s.properties : {})) {
      const isMeta = s['x-kubernetes-embedded-resource'] === true && ['metadata', 'apiVersion', 'kind'].includes(k)
      walk(sub, key(child(at, 'properties'), k), insideMeta || isMeta)
    }
  }
  walk(schema, path, false)
  return causes
}

function defaultCauses(s: JsonSchemaProps, at: string): StatusCause[] {
  const value = s.default
  const causes: StatusCause[] = []
  const pruned = structuredClone(value)
  pruneUnknownFields(pruned, s, { isResourceRoot: s['x-kubernetes-embedded-resource'] === true })
  if (!isDeepStrictEqual(pruned, value)) causes.push(invalid(at, value, 'must not have unknown fields'))
  causes.push(...compileSchemaValidator(s).validate(value, { fieldPath: at }))
  return causes
}
