import { MAX_NESTING_DEPTH, nestsDeeperThan } from '../../api/nesting-depth.js'
import { isJsonObject } from '../../api/json-object.js'
import type { KubeObject } from '../../api/types.js'
import type { FieldSet } from '../field-set/field-set.js'
import { goJson } from '../field-set/go-json.js'
import type { TypeDescription } from '../type-description/type-description.js'
import { compareObjects } from './compare.js'
import { toFieldSet } from './to-field-set.js'

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration'

/** kube's limit on all annotations of an object together (k8s: apimachinery api/validation TotalAnnotationSizeLimitB). */
const ANNOTATIONS_LIMIT_BYTES = 256 * 1024

export function hasLastApplied(object: KubeObject): boolean {
  const value = object.metadata.annotations?.[LAST_APPLIED]
  return typeof value === 'string' && value.length > 0
}

/**
 * The annotation kube writes after `kubectl` applies server-side over a client-side-applied object
 * (k8s: managedfields/internal/lastappliedupdater.go): the applied configuration without the
 * annotation, as Go's encoding/json writes an unstructured object (sorted keys, then a newline).
 */
export function buildLastApplied(config: KubeObject): string {
  const { annotations, ...metadata } = config.metadata
  const copy: Record<string, unknown> = { ...config, metadata }
  if (isJsonObject(annotations)) {
    const { [LAST_APPLIED]: _dropped, ...others } = annotations
    metadata.annotations = others
  }
  return `${goJson(copy, { isEncodingJson: true })}\n`
}

/** Sets the annotation, unless that takes the object past the annotation size limit (then drops it). */
export function setLastApplied(object: KubeObject, value: string): void {
  const annotations: Record<string, string> = { ...object.metadata.annotations, [LAST_APPLIED]: value }
  let bytes = 0
  for (const [key, text] of Object.entries(annotations)) bytes += Buffer.byteLength(key) + Buffer.byteLength(text)
  if (bytes > ANNOTATIONS_LIMIT_BYTES) delete annotations[LAST_APPLIED]
  object.metadata.annotations = annotations
}

/**
 * The conflicts `kubectl` may take over when it first applies server-side
 * (k8s: managedfields/internal/lastappliedmanager.go): fields of the client-side last-applied
 * configuration whose values still match the live object. Undefined when there is no usable annotation.
 */
export function allowedConflictsFromLastApplied(live: KubeObject, context: { type: TypeDescription; apiVersion: string }): FieldSet | undefined {
  const text = live.metadata.annotations?.[LAST_APPLIED]
  if (typeof text !== 'string' || text === '') return undefined
  let lastApplied: unknown
  try {
    lastApplied = JSON.parse(text)
  } catch {
    return undefined
  }
  // An annotation nesting deeper than any body may is not a configuration kubectl wrote.
  if (!isJsonObject(lastApplied) || lastApplied.apiVersion !== context.apiVersion || nestsDeeperThan(lastApplied, MAX_NESTING_DEPTH)) return undefined
  const problems: string[] = []
  const set = toFieldSet(lastApplied, context.type, { problems })
  if (problems.length > 0) return undefined
  const changed = compareObjects(lastApplied, live, context.type)
  return set.difference(changed.modified).difference(changed.added).difference(changed.removed)
}
