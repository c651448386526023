import { isJsonObject } from '../../api/json-object.js'
import type { ManagedFieldsEntry } from '../../api/types.js'
import { goJsonString } from '../field-set/go-json.js'
import { fromFieldsV1, FieldsV1Error, toFieldsV1 } from '../field-set/fields-v1.js'
import type { FieldSet } from '../field-set/field-set.js'
import type { ManagerSet, ManagerSets } from './updater.js'

/** managedFields decoded: each manager's set, and when it last changed something. */
export interface Managed {
  sets: ManagerSets
  /** by manager identifier; absent for an entry that never recorded a time */
  times: Map<string, string>
}

export const emptyManaged = (): Managed => ({ sets: new Map(), times: new Map() })

/** A server sees few distinct managers: identifiers and their parts are built once (bounded caches). */
const INFO_CACHE_LIMIT = 1024

export interface ManagerInfo {
  manager: string
  operation: 'Apply' | 'Update'
  /** left out of Apply identifiers: an applier keeps one entry across versions */
  apiVersion?: string
  subresource?: string
}

/**
 * How kube keys a manager (k8s: apimachinery managedfields/internal/managedfields.go
 * BuildManagerIdentifier): the entry's JSON without time and fields, and without apiVersion for
 * Apply, so `{"manager":"kubectl","operation":"Apply"}` or
 * `{"manager":"kubectl-edit","operation":"Update","apiVersion":"v1"}`.
 */
export function managerIdentifier(info: ManagerInfo): string {
  const cacheKey = `${info.manager}\u0000${info.operation}\u0000${info.apiVersion ?? ''}\u0000${info.subresource ?? ''}`
  let identifier = identifierCache.get(cacheKey)
  if (identifier === undefined) {
    identifier = buildIdentifier(info)
    if (identifierCache.size >= INFO_CACHE_LIMIT) identifierCache.clear()
    identifierCache.set(cacheKey, identifier)
  }
  return identifier
}

const identifierCache = new Map<string, string>()

function buildIdentifier(info: ManagerInfo): string {
  const parts = [
    info.manager ? `"manager":${goJsonString(info.manager)}` : '',
    `"operation":${goJsonString(info.operation)}`,
    info.operation === 'Update' && info.apiVersion ? `"apiVersion":${goJsonString(info.apiVersion)}` : '',
    info.subresource ? `"subresource":${goJsonString(info.subresource)}` : '',
  ]
  return `{${parts.filter(Boolean).join(',')}}`
}

const infoCache = new Map<string, ManagerInfo>()

/** The parts of an identifier; a server sees few managers, so each is parsed once (the cache is bounded). */
export function managerInfoOf(identifier: string): ManagerInfo {
  let info = infoCache.get(identifier)
  if (info === undefined) {
    const parsed = JSON.parse(identifier) as Partial<ManagerInfo>
    info = Object.freeze({
      manager: parsed.manager ?? '',
      operation: parsed.operation === 'Apply' ? 'Apply' : 'Update',
      ...(parsed.apiVersion ? { apiVersion: parsed.apiVersion } : {}),
      ...(parsed.subresource ? { subresource: parsed.subresource } : {}),
    })
    if (infoCache.size >= INFO_CACHE_LIMIT) infoCache.clear()
    infoCache.set(identifier, info)
  }
  return info
}

/** managedFields kube cannot read; it then falls back on the live object's (or on none). */
export class ManagedFieldsError extends Error {}

/** Reads metadata.managedFields (k8s: managedfields.go DecodeManagedFields), checking what kube checks. */
export function decodeManagedFields(entries: unknown): Managed {
  const managed = emptyManaged()
  if (entries === undefined || entries === null) return managed
  if (!Array.isArray(entries)) throw new ManagedFieldsError('managedFields must be a list')
  for (const [index, entry] of entries.entries()) {
    if (!isJsonObject(entry)) throw new ManagedFieldsError(`managed fields entry ${index} is not an object`)
    const { operation, apiVersion, fieldsType } = entry
    if (operation !== 'Apply' && operation !== 'Update') throw new ManagedFieldsError('operation must be `Apply` or `Update`')
    if (typeof apiVersion !== 'string' || apiVersion === '') throw new ManagedFieldsError('apiVersion must not be empty')
    if (fieldsType === undefined || fieldsType === '') throw new ManagedFieldsError(`missing fieldsType in managed fields entry ${index}`)
    if (fieldsType !== 'FieldsV1') throw new ManagedFieldsError(`invalid fieldsType ${JSON.stringify(fieldsType)} in managed fields entry ${index}`)
    const info: ManagerInfo = {
      manager: typeof entry.manager === 'string' ? entry.manager : '',
      operation,
      apiVersion,
      ...(typeof entry.subresource === 'string' && entry.subresource ? { subresource: entry.subresource } : {}),
    }
    const id = managerIdentifier(info)
    managed.sets.set(id, { set: readFields(entry.fieldsV1), apiVersion, applied: operation === 'Apply' })
    const time = timeOf(entry.time)
    if (time) managed.times.set(id, time)
    else managed.times.delete(id)
  }
  return managed
}

function readFields(fieldsV1: unknown): FieldSet {
  try {
    return fromFieldsV1(fieldsV1)
  } catch (error) {
    if (error instanceof FieldsV1Error) throw new ManagedFieldsError(`error decoding set: ${error.message}`)
    throw error
  }
}

const WHOLE_SECONDS_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/

/** metav1.Time: RFC 3339, kept in whole seconds, UTC. */
function timeOf(raw: unknown): string | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined
  if (typeof raw === 'string' && WHOLE_SECONDS_UTC.test(raw)) return raw
  const ms = typeof raw === 'string' ? Date.parse(raw) : NaN
  if (Number.isNaN(ms)) throw new ManagedFieldsError(`invalid time ${JSON.stringify(raw)}`)
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z')
}

/**
 * Writes managedFields back (k8s: managedfields.go encodeManagedFields, sortEncodedManagedFields):
 * Apply entries before Update ones, then oldest first, then by manager, apiVersion, subresource.
 * Undefined when no manager is left: the field is then absent.
 */
export function encodeManagedFields(managed: Managed): ManagedFieldsEntry[] | undefined {
  if (managed.sets.size === 0) return undefined
  const entries: ManagedFieldsEntry[] = []
  for (const [id, entry] of managed.sets) entries.push(encodeEntry(managerInfoOf(id), entry, managed.times.get(id)))
  return entries.length > 1 ? entries.sort(compareEntries) : entries
}

/** One entry, its keys in the order Go writes ManagedFieldsEntry's. */
function encodeEntry(info: ManagerInfo, entry: ManagerSet, time: string | undefined): ManagedFieldsEntry {
  const out: ManagedFieldsEntry = {}
  if (info.manager) out.manager = info.manager
  out.operation = entry.applied ? 'Apply' : info.operation
  out.apiVersion = entry.apiVersion
  if (time) out.time = time
  out.fieldsType = 'FieldsV1'
  out.fieldsV1 = toFieldsV1(entry.set)
  if (info.subresource) out.subresource = info.subresource
  return out
}

const secondsOf = (time: string | undefined) => (time ? Math.floor(Date.parse(time) / 1000) : 0)
const order = (a: string, b: string) => (a === b ? 0 : a < b ? -1 : 1)

function compareEntries(p: ManagedFieldsEntry, q: ManagedFieldsEntry): number {
  return (
    order(p.operation ?? '', q.operation ?? '') ||
    Math.sign(secondsOf(p.time) - secondsOf(q.time)) ||
    order(p.manager ?? '', q.manager ?? '') ||
    order(p.apiVersion ?? '', q.apiVersion ?? '') ||
    order(p.subresource ?? '', q.subresource ?? '')
  )
}

/**
 * A client resets managedFields by sending an empty list or a list of one empty entry (k8s:
 * managedfields/internal/fieldmanager.go isResetManagedFields).
 */
export function isResetManagedFields(entries: unknown): boolean {
  if (!Array.isArray(entries)) return false
  if (entries.length === 0) return true
  return entries.length === 1 && isJsonObject(entries[0]) && Object.keys(entries[0]).length === 0
}
