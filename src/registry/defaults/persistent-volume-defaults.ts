import type { KubeObject } from '../../api/types.js'
import { defaultNil, defaultZero, ensureObject } from './go-fields.js'
import { defaultVolumeSources } from './volume-defaults.js'

/**
 * SetDefaults_PersistentVolume (k8s: pkg/apis/core/v1/defaults.go): Retain, Filesystem, Pending;
 * and its volume source's defaults, which a persistent volume shares with pod volumes.
 */
export function defaultPersistentVolume(pv: KubeObject): void {
  const spec = ensureObject(pv, 'spec')
  defaultZero(spec, { persistentVolumeReclaimPolicy: 'Retain' })
  defaultNil(spec, { volumeMode: 'Filesystem' })
  defaultVolumeSources(spec)
  defaultZero(ensureObject(pv, 'status'), { phase: 'Pending' })
}
