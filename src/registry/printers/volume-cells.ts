import type { KubeObject } from '../../api/types.js'
import { items, text } from './fields.js'

// Cells persistent volumes and their claims share (k8s: pkg/apis/core/helper/helpers.go).

// GetAccessModesAsString: a fixed order, duplicates dropped.
const ACCESS_MODES: Array<[mode: string, short: string]> = [
  ['ReadWriteOnce', 'RWO'], ['ReadOnlyMany', 'ROX'], ['ReadWriteMany', 'RWX'], ['ReadWriteOncePod', 'RWOP'],
]

/** helper.GetAccessModesAsString of the access modes at `path`: `RWO,ROX`. */
export function accessModesCell(obj: KubeObject, path: string): string {
  const modes = new Set(items(obj, path))
  return ACCESS_MODES.filter(([mode]) => modes.has(mode)).map(([, short]) => short).join(',')
}

/**
 * helper.GetPersistentVolumeClass / GetPersistentVolumeClaimClass: the beta annotation wins over
 * spec.storageClassName.
 */
export function storageClassCell(obj: KubeObject): string {
  const annotation = obj.metadata.annotations?.['volume.beta.kubernetes.io/storage-class']
  return annotation ?? text(obj, 'spec.storageClassName')
}
