import type { KubeObject } from '../../api/types.js'
import { defaultNil } from './go-fields.js'

/** SetDefaults_StorageClass (k8s: pkg/apis/storage/v1/defaults.go): volumes are deleted with their claim and bound at once. */
export function defaultStorageClass(storageClass: KubeObject): void {
  defaultNil(storageClass, { reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate' })
}
