import type { KubeObject } from '../../api/types.js'
import { timeSince } from './duration.js'
import { isSet, quantity, text } from './fields.js'
import { ageColumn, column, nameColumn, wideColumn } from './printer.js'
import type { Printer } from './printer.js'
import { accessModesCell, storageClassCell } from './volume-cells.js'

/** `namespace/name` of the bound claim, "" while unbound. */
const claimCell = (pv: KubeObject) => (isSet(pv, 'spec.claimRef') ? `${text(pv, 'spec.claimRef.namespace')}/${text(pv, 'spec.claimRef.name')}` : '')

// printers.go persistentVolumeColumnDefinitions / printPersistentVolume: VolumeMode is the only
// wide column; Reason is printed even when empty.
export const persistentVolumePrinter: Printer = {
  columns: [
    nameColumn,
    column('Capacity', 'PersistentVolumeSpec.capacity'),
    column('Access Modes', 'PersistentVolumeSpec.accessModes'),
    column('Reclaim Policy', 'PersistentVolumeSpec.persistentVolumeReclaimPolicy'),
    column('Status', 'PersistentVolumeStatus.phase'),
    column('Claim', 'PersistentVolumeSpec.claimRef'),
    column('StorageClass', { text: 'StorageClass of the pv' }),
    column('VolumeAttributesClass', { text: 'VolumeAttributesClass of the pv' }),
    column('Reason', 'PersistentVolumeStatus.reason'),
    ageColumn,
    wideColumn('VolumeMode', 'PersistentVolumeSpec.volumeMode'),
  ],
  cells(pv, nowMs) {
    return [
      pv.metadata.name ?? '',
      quantity(pv, 'spec.capacity.storage'),
      accessModesCell(pv, 'spec.accessModes'),
      text(pv, 'spec.persistentVolumeReclaimPolicy'),
      pv.metadata.deletionTimestamp ? 'Terminating' : text(pv, 'status.phase'),
      claimCell(pv),
      storageClassCell(pv),
      isSet(pv, 'spec.volumeAttributesClassName') ? text(pv, 'spec.volumeAttributesClassName') : '<unset>',
      text(pv, 'status.reason'),
      timeSince(pv.metadata.creationTimestamp, nowMs),
      isSet(pv, 'spec.volumeMode') ? text(pv, 'spec.volumeMode') : '<unset>',
    ]
  },
}
