import { isJsonObject } from '../../api/json-object.js'
import {
  fitsInt32,
  fitsInt64,
  intOrStringError,
  jsonValueKind,
  quantityError,
  timeError,
} from './custom-unmarshalers.js'
import type { Shape } from './schema-shape.js'

/** A value kube's JSON decoder cannot put into the field's Go type. */
export interface FieldTypeError {
  /** the field in kube's path form: `spec.containers[0].name` */
  field: string
  /**
   * the decoder's text:
   * `json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32`
   */
  message: string
  /** custom unmarshalers (Quantity, IntOrString, Time) end decoding at once; encoding/json's own errors do not */
  isFatal: boolean
}

export interface FieldIssues {
  /** unknown fields in kube's strict-decoding path form (`spec.containers[0].bogusField`), in body order */
  unknownFields: string[]
  typeErrors: FieldTypeError[]
}

/** Where the walk is: kube's strict path, and the Go decoder's error context (struct and field names only). */
interface Position {
  path: string
  goFields: string
  structName: string
}

const ROOT: Position = { path: '', goFields: '', structName: '' }

/**
 * Walks a decoded body against its shape the way kube's decoder (sigs.k8s.io/json) walks the bytes:
 * a field a struct does not declare is unknown and its value skipped; maps (`additionalProperties`)
 * and open types take any key; `null` fits every field. Wrongly typed values are skipped too.
 */
export function findFieldIssues(value: unknown, shape: Shape, collectUnknown: boolean): FieldIssues {
  const issues: FieldIssues = { unknownFields: [], typeErrors: [] }
  walk(value, shape, ROOT, { issues, collectUnknown })
  return issues
}

interface Walk {
  issues: FieldIssues
  collectUnknown: boolean
}

function walk(value: unknown, shape: Shape, at: Position, w: Walk): void {
  if (value === null) return
  switch (shape.kind) {
    case 'struct':
      if (!isJsonObject(value)) return mismatch(value, shape, at, w)
      for (const key of Object.keys(value)) {
        const path = at.path ? `${at.path}.${key}` : key
        const field = shape.field(key)
        if (field === undefined) {
          if (w.collectUnknown) w.issues.unknownFields.push(path)
          continue
        }
        const goFields = at.goFields ? `${at.goFields}.${key}` : key
        walk(value[key], field, { path, goFields, structName: shape.structName }, w)
      }
      return
    case 'map':
      if (!isJsonObject(value)) return mismatch(value, shape, at, w)
      for (const key of Object.keys(value)) walk(value[key], shape.values, { ...at, path: `${at.path}.${key}` }, w)
      return
    case 'list':
      if (!Array.isArray(value)) return mismatch(value, shape, at, w)
      for (let i = 0; i < value.length; i++) walk(value[i], shape.items, { ...at, path: `${at.path}[${i}]` }, w)
      return
    case 'scalar':
      return checkScalar(value, shape, at, w)
    case 'int-or-string':
      return fatal(intOrStringError(value), at, w)
    case 'quantity':
      return fatal(quantityError(value), at, w)
    case 'time':
      return fatal(timeError(value), at, w)
    case 'open':
      return
  }
}

function checkScalar(value: unknown, shape: Extract<Shape, { kind: 'scalar' }>, at: Position, w: Walk): void {
  if (typeof value !== shape.json) return mismatch(value, shape, at, w)
  if (shape.isInteger) {
    const n = value as number
    if (!(shape.goType === 'int32' ? fitsInt32(n) : fitsInt64(n))) mismatch(value, shape, at, w, `number ${n}`)
  }
}

/** encoding/json's UnmarshalTypeError text, with the context kube's decoder adds (decode.go addErrorContext). */
function mismatch(value: unknown, shape: Shape, at: Position, w: Walk, kind = jsonValueKind(value)): void {
  const into = at.structName ? `Go struct field ${at.structName}.${at.goFields}` : 'Go value'
  const message = `json: cannot unmarshal ${kind} into ${into} of type ${shape.goType}`
  w.issues.typeErrors.push({ field: at.path, message, isFatal: false })
}

function fatal(message: string | undefined, at: Position, w: Walk): void {
  if (message !== undefined) w.issues.typeErrors.push({ field: at.path, message, isFatal: true })
}

