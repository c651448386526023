import type { KubeObject } from '../../api/types.js'
import { DESCRIPTIONS } from './column-descriptions.js'
import type { DescriptionKey } from './column-descriptions.js'

/** One Table column as meta.k8s.io/v1 TableColumnDefinition serialises it (no field omitted). */
export interface TableColumn {
  name: string
  /** string | integer | number | boolean | date */
  type: string
  /** "name" marks the NAME column; otherwise "" */
  format: string
  description: string
  /** 0 prints by default, 1 only with `-o wide` */
  priority: number
}

/**
 * How one kind prints as Table rows. `cells` always includes the wide columns: kube-apiserver
 * generates tables with Wide: true and kubectl drops priority>0 columns itself.
 */
export interface Printer {
  columns: readonly TableColumn[]
  cells(obj: KubeObject, nowMs: number): unknown[]
}

/** A described field (see column-descriptions.ts) or printers.go's literal text. */
export type ColumnDescription = DescriptionKey | { text: string }

export interface ColumnOptions {
  /** 1 for wide-only columns */
  priority?: number
  /** printers.go's declared type; most columns are "string" even when the cell is a number */
  type?: 'string' | 'integer' | 'boolean' | 'date'
}

export function column(name: string, description: ColumnDescription, options: ColumnOptions = {}): TableColumn {
  const text = typeof description === 'string' ? DESCRIPTIONS[description] : description.text
  return { name, type: options.type ?? 'string', format: '', description: text, priority: options.priority ?? 0 }
}

/** A wide-only (`-o wide`) string column. */
export const wideColumn = (name: string, description: ColumnDescription) => column(name, description, { priority: 1 })

export const nameColumn: TableColumn = { ...column('Name', 'ObjectMeta.name'), format: 'name' }

// printers.go declares Age as type "string": the cell is already humanised (duration.ts).
export const ageColumn: TableColumn = column('Age', 'ObjectMeta.creationTimestamp')

export const containersColumn = wideColumn('Containers', { text: 'Names of each container in the template.' })
export const imagesColumn = wideColumn('Images', { text: 'Images referenced by each container in the template.' })
