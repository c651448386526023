import { valueAt } from '../../api/selectors.js'

// Typed reads from an object's JSON for the cell functions and the kinds' validation
// (strategies/): what Go gets from a typed struct (zero values for missing fields) we get from these.

/** The string at `path`, or "" (Go's zero value). */
export function text(obj: unknown, path: string): string {
  const value = valueAt(obj, path)
  return typeof value === 'string' ? value : ''
}

/** The number at `path`, or `fallback` (0 unless a kube default applies). */
export function int(obj: unknown, path: string, fallback = 0): number {
  const value = valueAt(obj, path)
  return typeof value === 'number' ? value : fallback
}

/** The array at `path`, or []. */
export function items(obj: unknown, path: string): unknown[] {
  const value = valueAt(obj, path)
  return Array.isArray(value) ? value : []
}

/** The number of entries of the map at `path` (Go's len(map)), or 0. */
export function entryCount(obj: unknown, path: string): number {
  const value = valueAt(obj, path)
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value).length : 0
}

/** Go's "pointer set": the field is present and not null. */
export function isSet(obj: unknown, path: string): boolean {
  const value = valueAt(obj, path)
  return value !== undefined && value !== null
}

/**
 * A Quantity as text, or "0" (Go's zero Quantity). kube canonicalises quantities when it stores
 * them (`1024Mi` becomes `1Gi`); watchplane stores, and prints, them as written.
 */
export function quantityText(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '0'
}

/** The Quantity at `path` as text (see quantityText). */
export const quantity = (obj: unknown, path: string): string => quantityText(valueAt(obj, path))
