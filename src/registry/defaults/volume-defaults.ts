import type { JsonObject } from '../../api/json-object.js'
import { defaultFieldRef } from './container-defaults.js'
import { defaultNil, defaultZero, objectAt, objectsIn } from './go-fields.js'
import { defaultClaimTemplate } from './claim-defaults.js'

// Volume sources' defaults (k8s: pkg/apis/core/v1/defaults.go SetDefaults_Volume and
// SetDefaults_<Source>VolumeSource, and the `+default` markers of k8s.io/api core/v1/types.go).
// File modes are decimal on the wire: 420 is 0644.

/** SecretVolumeSourceDefaultMode and its kin: 0644 */
const DEFAULT_MODE = 420
/** SetDefaults_ServiceAccountTokenProjection: an hour */
const TOKEN_EXPIRATION_SECONDS = 3600

const defaultItemsFieldRefs = (source: JsonObject | undefined) => objectsIn(source, 'items').forEach(defaultFieldRef)

/** SetDefaults_ProjectedVolumeSource and what its sources hold. */
function defaultProjected(projected: JsonObject): void {
  defaultNil(projected, { defaultMode: DEFAULT_MODE })
  for (const source of objectsIn(projected, 'sources')) {
    defaultItemsFieldRefs(objectAt(source, 'downwardAPI'))
    const token = objectAt(source, 'serviceAccountToken')
    if (token) defaultNil(token, { expirationSeconds: TOKEN_EXPIRATION_SECONDS })
  }
}

/**
 * Per volume source, by its field name. Pod volumes and persistent volumes share these fields'
 * names and defaults (hostPath, rbd, iscsi, azureDisk, scaleIO), so both use this table.
 */
const SOURCE_DEFAULTS: Readonly<Record<string, (source: JsonObject) => void>> = {
  // SetDefaults_HostPathVolumeSource: HostPathUnset, which is written as `type: ""`
  hostPath: (s) => defaultNil(s, { type: '' }),
  secret: (s) => defaultNil(s, { defaultMode: DEFAULT_MODE }),
  configMap: (s) => defaultNil(s, { defaultMode: DEFAULT_MODE }),
  downwardAPI: (s) => {
    defaultNil(s, { defaultMode: DEFAULT_MODE })
    defaultItemsFieldRefs(s)
  },
  projected: defaultProjected,
  iscsi: (s) => defaultZero(s, { iscsiInterface: 'default' }),
  rbd: (s) => defaultZero(s, { pool: 'rbd', user: 'admin', keyring: '/etc/ceph/keyring' }),
  azureDisk: (s) => defaultNil(s, { cachingMode: 'ReadWrite', fsType: 'ext4', readOnly: false, kind: 'Shared' }),
  scaleIO: (s) => defaultZero(s, { storageMode: 'ThinProvisioned', fsType: 'xfs' }),
  ephemeral: (s) => {
    const template = objectAt(s, 'volumeClaimTemplate')
    if (template) defaultClaimTemplate(template)
  },
}

// listed once: every volume of every pod created or read is defaulted through it
const SOURCE_DEFAULT_ENTRIES = Object.entries(SOURCE_DEFAULTS)

/** The defaults of whichever sources `holder` (a pod volume, a persistent volume's spec) names. */
export function defaultVolumeSources(holder: JsonObject): void {
  for (const [field, defaultSource] of SOURCE_DEFAULT_ENTRIES) {
    const source = objectAt(holder, field)
    if (source) defaultSource(source)
  }
}

// The fields of core/v1 VolumeSource, one of which a pod volume names.
const VOLUME_SOURCES = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc', 'azureFile', 'configMap',
  'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected', 'portworxVolume', 'scaleIO', 'storageos',
  'csi', 'ephemeral', 'image',
]

/** SetDefaults_Volume: a volume naming no source is an emptyDir; then its source's defaults. */
export function defaultVolume(volume: JsonObject): void {
  if (VOLUME_SOURCES.every((field) => volume[field] === undefined || volume[field] === null)) volume.emptyDir = {}
  defaultVolumeSources(volume)
}
