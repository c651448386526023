import { badRequest } from '../../api/errors.js'
import { decodePatchBody } from './decode-patch-body.js'
import { isJsonObject, type JsonObject } from '../../api/json-object.js'
import { ownField, setOwnField } from './json-value.js'

/**
 * RFC 7386 JSON merge patch (`application/merge-patch+json`): objects merge recursively, `null`
 * deletes, anything else (lists included) replaces. Builds a new value; the inputs are never mutated
 * and the result shares no objects with them.
 *
 * The top-level patch must be an object: kube's merge patch of a whole object answers 400 for a bare
 * scalar or null (evanphx/json-patch ErrBadJSONPatch), and no other top level yields an object.
 */
export function applyMergePatch(document: unknown, patch: unknown): unknown {
  const decoded = decodePatchBody(patch)
  if (!isJsonObject(decoded)) throw badRequest('a merge patch must be a JSON object')
  const target = isJsonObject(document) ? structuredClone(document) : {}
  return mergeInto(target, decoded)
}

/** Merges `patch` into `target`, which the caller owns (a fresh clone), and returns it. */
function mergeInto(target: JsonObject, patch: JsonObject): JsonObject {
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete target[key]
      continue
    }
    const current = ownField(target, key)
    if (isJsonObject(value) && isJsonObject(current)) mergeInto(current, value)
    else setOwnField(target, key, materialise(value))
  }
  return target
}

/** A patch value with nothing under it: nested nulls vanish (RFC 7386 MergePatch({}, value)). */
function materialise(value: unknown): unknown {
  return isJsonObject(value) ? mergeInto({}, value) : structuredClone(value)
}
