import { FieldSet } from '../field-set/field-set.js'
import { fieldToken } from '../field-set/path-element.js'

/**
 * Fields no manager owns: type meta and the metadata the server sets (k8s: apimachinery
 * managedfields/internal/stripmeta.go). Only these exact paths go; `metadata.labels.x` stays.
 */
const STRIPPED = FieldSet.empty()
for (const path of [
  ['apiVersion'], ['kind'], ['metadata'], ['metadata', 'name'], ['metadata', 'namespace'], ['metadata', 'creationTimestamp'],
  ['metadata', 'selfLink'], ['metadata', 'uid'], ['metadata', 'clusterName'], ['metadata', 'generation'],
  ['metadata', 'managedFields'], ['metadata', 'resourceVersion'],
]) STRIPPED.insert(path.map(fieldToken))

// By the set stripped: creates of one shape share their set (created-fields.ts), and its stripped one.
const stripped = new WeakMap<FieldSet, FieldSet>()

export function stripMeta(set: FieldSet): FieldSet {
  let out = stripped.get(set)
  if (out === undefined) {
    out = set.difference(STRIPPED)
    stripped.set(set, out)
  }
  return out
}
