import type { KubeObject } from '../../api/types.js'
import { valueAt } from '../../api/selectors.js'
import { timeSince } from './duration.js'
import { text } from './fields.js'
import { ageColumn, column, nameColumn } from './printer.js'
import type { Printer } from './printer.js'

/** storageutil.IsDefaultAnnotation: the GA or the beta annotation says "true". */
function isDefaultClass(sc: KubeObject): boolean {
  const annotations = sc.metadata.annotations ?? {}
  return annotations['storageclass.kubernetes.io/is-default-class'] === 'true' || annotations['storageclass.beta.kubernetes.io/is-default-class'] === 'true'
}

// printers.go storageClassColumnDefinitions / printStorageClass: the default class's name gets
// ` (default)`; unset policies print kube's defaults (Delete, Immediate, false).
export const storageClassPrinter: Printer = {
  columns: [
    nameColumn,
    column('Provisioner', 'StorageClass.provisioner'),
    column('ReclaimPolicy', 'StorageClass.reclaimPolicy'),
    column('VolumeBindingMode', 'StorageClass.volumeBindingMode'),
    column('AllowVolumeExpansion', 'StorageClass.allowVolumeExpansion'),
    ageColumn,
  ],
  cells(sc, nowMs) {
    return [
      `${sc.metadata.name ?? ''}${isDefaultClass(sc) ? ' (default)' : ''}`,
      text(sc, 'provisioner'),
      text(sc, 'reclaimPolicy') || 'Delete',
      text(sc, 'volumeBindingMode') || 'Immediate',
      valueAt(sc, 'allowVolumeExpansion') === true,
      timeSince(sc.metadata.creationTimestamp, nowMs),
    ]
  },
}
