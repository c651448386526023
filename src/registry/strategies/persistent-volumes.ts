import { requiredField } from '../../api/field-errors.js'
import { isJsonObject } from '../../api/json-object.js'
import type { KubeObject, StatusCause } from '../../api/types.js'
import { defaultPersistentVolume } from '../defaults/persistent-volume-defaults.js'
import type { Strategy } from '../strategy.js'

// Persistent volumes (k8s: pkg/registry/core/persistentvolume/strategy.go, pkg/apis/core/v1/
// defaults.go, ValidatePersistentVolumeSpec in pkg/apis/core/validation/validation.go). No volume
// controller binds them: a volume stays Pending until a client writes its status.

// The volume sources of PersistentVolumeSource, one of which a volume must name.
const VOLUME_SOURCES = [
  'hostPath', 'gcePersistentDisk', 'awsElasticBlockStore', 'glusterfs', 'nfs', 'rbd', 'quobyte', 'cephfs', 'iscsi',
  'cinder', 'fc', 'flocker', 'flexVolume', 'azureFile', 'vsphereVolume', 'azureDisk', 'photonPersistentDisk',
  'portworxVolume', 'scaleIO', 'local', 'storageos', 'csi',
]

const specOf = (pv: KubeObject): Record<string, unknown> => (isJsonObject(pv.spec) ? pv.spec : {})

/** The required parts of ValidatePersistentVolumeSpec: access modes, a storage capacity, one volume source. */
function persistentVolumeCauses(pv: KubeObject): StatusCause[] {
  const spec = specOf(pv)
  const causes: StatusCause[] = []
  if (!Array.isArray(spec.accessModes) || spec.accessModes.length === 0) causes.push(requiredField('spec.accessModes'))
  if (!isJsonObject(spec.capacity) || Object.keys(spec.capacity).length === 0) {
    // kube adds its "must be storage" cause too, printing the missing ResourceList as Go's nil map.
    causes.push(requiredField('spec.capacity'), {
      reason: 'FieldValueNotSupported',
      field: 'spec.capacity',
      message: 'Unsupported value: core.ResourceList(nil): supported values: "storage"',
    })
  }
  if (!VOLUME_SOURCES.some((source) => spec[source] !== undefined && spec[source] !== null)) {
    causes.push(requiredField('spec', 'must specify a volume type'))
  }
  return causes
}

export const persistentVolumeStrategy: Strategy = {
  applyDefaults: defaultPersistentVolume,
  // PrepareForCreate: status reset to Pending, stamped with the creation time (kube's NowFunc()).
  prepareForCreate(pv) {
    pv.status = { phase: 'Pending', lastPhaseTransitionTime: pv.metadata.creationTimestamp }
  },
  validate: persistentVolumeCauses,
}
