import type { KubeObject } from '../../api/types.js'
import type { Printer, TableColumn } from './printer.js'

// One object → one meta.k8s.io/v1 TableRow, with `object` as ?includeObject= asks (apiserver
// handlers/response.go asTable). Building the Table envelope (metadata, continue) is the caller's.

export type IncludeObject = 'None' | 'Metadata' | 'Object'

export interface TableRow {
  cells: unknown[]
  /** absent for None; PartialObjectMetadata for Metadata (the default); the whole object for Object */
  object?: KubeObject | PartialObjectMetadata
}

export interface PartialObjectMetadata {
  kind: 'PartialObjectMetadata'
  apiVersion: 'meta.k8s.io/v1'
  metadata: KubeObject['metadata']
}

export function toTableRow(printer: Printer, obj: KubeObject, includeObject: IncludeObject, nowMs: number): TableRow {
  const cells = printer.cells(obj, nowMs)
  switch (includeObject) {
    case 'None':
      return { cells }
    case 'Object':
      return { cells, object: obj }
    case 'Metadata':
      // --show-labels, -L and the NAMESPACE column of -A read labels and namespace from here.
      return { cells, object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata } }
  }
}

/** The Table's columnDefinitions: fresh copies, so a response can never alter a printer. */
export function columnDefinitions(printer: Printer): TableColumn[] {
  return printer.columns.map((c) => ({ ...c }))
}
