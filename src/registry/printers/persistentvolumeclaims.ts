import { timeSince } from './duration.js'
import { isSet, text } from './fields.js'
import { ageColumn, column, nameColumn, wideColumn } from './printer.js'
import type { Printer } from './printer.js'
import { accessModesCell, storageClassCell } from './volume-cells.js'

// printers.go persistentVolumeClaimColumnDefinitions / printPersistentVolumeClaim.
export const persistentVolumeClaimPrinter: Printer = {
  columns: [
    nameColumn,
    column('Status', 'PersistentVolumeClaimStatus.phase'),
    column('Volume', 'PersistentVolumeClaimSpec.volumeName'),
    column('Capacity', 'PersistentVolumeClaimStatus.capacity'),
    column('Access Modes', 'PersistentVolumeClaimStatus.accessModes'),
    column('StorageClass', { text: 'StorageClass of the pvc' }),
    column('VolumeAttributesClass', { text: 'VolumeAttributesClass of the pvc' }),
    ageColumn,
    wideColumn('VolumeMode', 'PersistentVolumeClaimSpec.volumeMode'),
  ],
  cells(pvc, nowMs) {
    // Capacity and access modes show only once the claim is bound to a volume.
    const isBound = text(pvc, 'spec.volumeName') !== ''
    return [
      pvc.metadata.name ?? '',
      pvc.metadata.deletionTimestamp ? 'Terminating' : text(pvc, 'status.phase'),
      text(pvc, 'spec.volumeName'),
      isBound ? text(pvc, 'status.capacity.storage') : '',
      isBound ? accessModesCell(pvc, 'status.accessModes') : '',
      storageClassCell(pvc),
      isSet(pvc, 'spec.volumeAttributesClassName') ? text(pvc, 'spec.volumeAttributesClassName') : '<unset>',
      timeSince(pvc.metadata.creationTimestamp, nowMs),
      isSet(pvc, 'spec.volumeMode') ? text(pvc, 'spec.volumeMode') : '<unset>',
    ]
  },
}
