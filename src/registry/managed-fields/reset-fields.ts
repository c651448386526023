import { FieldSet } from '../field-set/field-set.js'
import { fieldToken } from '../field-set/path-element.js'
import type { FieldFilter } from './updater.js'

const STATUS = fieldToken('status')
const JUST_STATUS = FieldSet.empty()
JUST_STATUS.insert([STATUS])

/**
 * The fields no manager gets on an endpoint because the kind's strategy resets them there (k8s: the
 * strategies' GetResetFields, e.g. pkg/registry/apps/deployment/strategy.go): status on the main
 * resource of a kind with a status subresource, and on `/status` everything but status, since
 * watchplane's status writes keep the rest of the object as it was. Undefined: nothing is reset.
 */
export function resetFieldsFilter(hasStatusSubresource: boolean, subresource: string | undefined): FieldFilter | undefined {
  if (subresource === 'status') return onlyStatus
  if (subresource === undefined && hasStatusSubresource) return withoutStatus
  return undefined
}

// By the set filtered: creates of one shape share their set (created-fields.ts), and its filtered one.
const statusRemoved = new WeakMap<FieldSet, FieldSet>()

function withoutStatus(set: FieldSet): FieldSet {
  let out = statusRemoved.get(set)
  if (out === undefined) {
    out = set.recursiveDifference(JUST_STATUS)
    statusRemoved.set(set, out)
  }
  return out
}

function onlyStatus(set: FieldSet): FieldSet {
  const out = FieldSet.empty()
  if (set.hasMember(STATUS)) out.insert([STATUS])
  const below = set.childAt(STATUS)
  if (below) out.attach(STATUS, below)
  return out
}
