import { JSONPath } from 'jsonpath-plus'
import { defaultPrinter } from '../printers/default-printer.js'
import { humanDuration } from '../printers/duration.js'
import { nameColumn, type Printer, type TableColumn } from '../printers/printer.js'
import type { CustomResourceColumnDefinition } from './crd-types.js'
import { goNumber } from './schema/go-format.js'

/** A column's value at its JSON path (kube's client-go jsonpath with AllowMissingKeys): the first result, or none. */
function firstResult(object: unknown, jsonPath: string): unknown {
  try {
    const results = JSONPath({ path: `$${jsonPath}`, json: object as object, wrap: true }) as unknown[]
    return results[0]
  } catch {
    return undefined
  }
}

/** jsonpath's PrintResults: maps and lists as JSON, the rest as Go's fmt.Fprint prints it. */
function printed(value: unknown): string {
  if (value !== null && typeof value === 'object') return JSON.stringify(value)
  if (typeof value === 'number') return goNumber(value)
  return String(value)
}

/** cellForJSONValue of apiextensions' tableconvertor: a typed cell, or nil (`<none>`) when the value is not of the column's type. */
function cellOf(type: string, value: unknown, nowMs: number): unknown {
  if (value === undefined || value === null) return null
  switch (type) {
    case 'string':
      return printed(value)
    case 'integer':
      return typeof value === 'number' ? Math.trunc(value) : null
    case 'number':
      return typeof value === 'number' ? value : null
    case 'boolean':
      return typeof value === 'boolean' ? value : null
    case 'date': {
      if (typeof value !== 'string') return null
      const thenMs = Date.parse(value)
      return Number.isNaN(thenMs) ? '<invalid>' : humanDuration(nowMs - thenMs)
    }
    default:
      return null
  }
}

/**
 * A CRD version's Table: Name, then its additionalPrinterColumns, each cell read at its JSON path
 * (k8s: apiextensions-apiserver pkg/registry/customresource/tableconvertor/tableconvertor.go). A
 * version without columns prints Name and Age (customresource_handler.go serveDefaultColumnsIfEmpty).
 */
export function customResourcePrinter(columns: readonly CustomResourceColumnDefinition[] | undefined): Printer {
  if (!columns?.length) return defaultPrinter
  const headers: TableColumn[] = columns.map((c) => ({
    name: c.name,
    type: c.type,
    format: c.format ?? '',
    description: c.description || `Custom resource definition column (in JSONPath format): ${c.jsonPath}`,
    priority: c.priority ?? 0,
  }))
  return {
    columns: [nameColumn, ...headers],
    cells: (object, nowMs) => [object.metadata.name ?? '', ...columns.map((c) => cellOf(c.type, firstResult(object, c.jsonPath), nowMs))],
  }
}
