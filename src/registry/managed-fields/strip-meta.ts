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

export const stripMeta = (set: FieldSet): FieldSet => set.difference(STRIPPED)
