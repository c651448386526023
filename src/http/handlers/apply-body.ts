import { createRequire } from 'node:module'
import { isJsonObject } from '../../api/json-object.js'
import { badRequest } from '../../api/errors.js'
import { checkNestingDepth } from '../../api/nesting-depth.js'
import { jsonValueOf } from '../middleware/yaml-values.js'
import type { KubeObject } from '../../api/types.js'
import type { FieldValidation } from '../../registry/request-scope.js'
import { findDuplicateFields } from '../../registry/validation/duplicate-fields.js'

// The yaml package loads on first use; kubectl sends JSON, which takes the JSON.parse path.
const requireLazily = createRequire(import.meta.url)
const yaml = () => requireLazily('yaml') as typeof import('yaml')

/**
 * An apply patch body (k8s: patch.go applyPatcher): YAML, of which JSON is a case, decoded as
 * sigs.k8s.io/yaml decodes it (YAML 1.1, a repeated key keeps its last value) into an object.
 * Under fieldValidation Strict a repeated key is a 400, under Warn a warning (yaml.UnmarshalStrict).
 */
export function decodeApplyPatch(body: Buffer, validation: { mode: FieldValidation; warnings: string[] }): KubeObject {
  const text = body.toString('utf8')
  const decoded = checkNestingDepth(parse(text))
  if (decoded !== null && decoded !== undefined && !isJsonObject(decoded)) {
    const got = Array.isArray(decoded) ? 'array' : typeof decoded
    throw badRequest(`error decoding YAML: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${got} into Go value of type map[string]interface {}`)
  }
  const object = (decoded ?? {}) as KubeObject
  if (object.metadata === undefined || object.metadata === null) object.metadata = {}
  if (!isJsonObject(object.metadata)) throw badRequest('error decoding YAML: metadata must be an object')
  if (validation.mode !== 'Ignore') checkRepeatedKeys(text, validation)
  return object
}

function parse(text: string): unknown {
  if (text.trimStart().startsWith('{')) {
    try {
      return JSON.parse(text)
    } catch {
      // not JSON after all: YAML's flow mappings start with `{` too
    }
  }
  try {
    // logLevel: a client's unknown tags are its own business, never a warning on the server's stderr.
    return yaml().parse(text, jsonValueOf, { version: '1.1', uniqueKeys: false, logLevel: 'error' })
  } catch (error) {
    throw badRequest(`error decoding YAML: ${(error as Error).message}`)
  }
}

function checkRepeatedKeys(text: string, validation: { mode: FieldValidation; warnings: string[] }): void {
  const isJson = text.trimStart().startsWith('{')
  if (isJson && findDuplicateFields(text).length === 0) return
  const document = yaml().parseDocument(text, { version: '1.1', uniqueKeys: true, logLevel: 'error' })
  const repeated = document.errors.find((e) => e.code === 'DUPLICATE_KEY')
  if (!repeated) return
  const { line = 1, col = 1 } = repeated.linePos?.[0] ?? {}
  // The key as written where the parser points: `x:` or `"x":`.
  const key = text.split('\n')[line - 1]?.slice(col - 1).match(/^["']?([^"':]*)["']?\s*:/)?.[1] ?? ''
  const detail = `error converting YAML to JSON: yaml: unmarshal errors:\n  line ${line}: key ${JSON.stringify(key)} already set in map`
  if (validation.mode === 'Strict') throw badRequest(`error strict decoding YAML: ${detail}`)
  validation.warnings.push(detail)
}
