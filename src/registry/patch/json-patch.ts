import jsonPatch from 'fast-json-patch'
import type { Operation } from 'fast-json-patch'
import { badRequest, tooManyPatchOperations, unprocessable } from '../../api/errors.js'
import { decodePatchBody } from './decode-patch-body.js'
import { isJsonObject } from '../../api/json-object.js'

const RFC_6902_OPS = new Set(['add', 'remove', 'replace', 'move', 'copy', 'test'])

/**
 * RFC 6902 JSON patch (`application/json-patch+json`). A malformed patch document is a 400, as kube's
 * `jsonpatch.DecodePatch` failure is; an operation that does not apply to this object (missing path,
 * failed `test`) is a 422 Invalid, as kube answers from `patchObj.Apply`
 * (k8s: staging/src/k8s.io/apiserver/pkg/endpoints/handlers/patch.go). Inputs are never mutated.
 */
export function applyJsonPatch(document: unknown, patch: unknown): unknown {
  let result = structuredClone(document)
  const copied = { bytes: 0 }
  decodeOperations(patch).forEach((operation, index) => {
    if (operation.op === 'copy') checkCopySize(result, operation.from, copied)
    result = applyOperation(result, operation, index)
  })
  return result
}

// kube's bounds on one JSON patch (k8s: staging/apiserver/pkg/endpoints/handlers/patch.go
// maxJSONPatchOperations; staging/apiserver/pkg/server/config.go JSONPatchMaxCopyBytes, 3 MiB,
// which evanphx/json-patch checks as AccumulatedCopySizeLimit). Without the copy bound, thirty
// `copy` operations that each double a list would take the server's memory.
const MAX_OPERATIONS = 10_000
const MAX_COPY_BYTES = 3 * 1024 * 1024

function checkCopySize(document: unknown, from: string, copied: { bytes: number }): void {
  if (!resolvesOwn(document, from)) return
  copied.bytes += JSON.stringify(jsonPatch.getValueByPointer(document, from))?.length ?? 0
  if (copied.bytes > MAX_COPY_BYTES) {
    throw unprocessable(`Unable to complete the copy, the accumulated size increase of copy is ${copied.bytes}, exceeding the limit ${MAX_COPY_BYTES}`)
  }
}

function decodeOperations(patch: unknown): Operation[] {
  const decoded = decodePatchBody(patch)
  if (!Array.isArray(decoded)) throw badRequest('a JSON patch must be a JSON array of operations')
  if (decoded.length > MAX_OPERATIONS) throw tooManyPatchOperations(MAX_OPERATIONS, decoded.length)
  // Without a document, validate() checks only the shape of each operation: op, path, from, value.
  const malformed = jsonPatch.validate(decoded as Operation[])
  if (malformed) {
    throw badRequest(`invalid JSON patch operation at index ${malformed.index ?? 0}: ${malformed.message}`)
  }
  // fast-json-patch also accepts its internal `_get`, which RFC 6902 does not have.
  const unknown = (decoded as Operation[]).findIndex((operation) => !RFC_6902_OPS.has(operation.op))
  if (unknown >= 0) throw badRequest(`invalid JSON patch operation at index ${unknown}: unknown op`)
  // Values are cloned so the result never shares objects with the caller's patch.
  return structuredClone(decoded) as Operation[]
}

function applyOperation(document: unknown, operation: Operation, index: number): unknown {
  checkPathsExist(document, operation)
  try {
    return jsonPatch.applyOperation(document, operation, true, true, true, index).newDocument
  } catch (error) {
    throw toApiError(error, operation)
  }
}

/**
 * fast-json-patch checks existence with `obj[key] === undefined`, so `/metadata/labels/toString` would
 * "exist"; and a move into its own child crashes it. Own-property checks first close both holes.
 */
function checkPathsExist(document: unknown, operation: Operation): void {
  const { op, path } = operation
  if (op === 'remove' && path === '') {
    throw unprocessable('remove operation does not apply: the whole object cannot be removed')
  }
  const mustExist = op === 'remove' || op === 'replace' ? path : op === 'test' ? undefined : parentOf(path)
  if (mustExist !== undefined && !resolvesOwn(document, mustExist)) throw missingPath(operation)
  if (op !== 'move' && op !== 'copy') return
  if (!resolvesOwn(document, operation.from)) {
    throw unprocessable(`${op} operation does not apply: doc is missing from path: "${operation.from}"`)
  }
  if (op === 'move' && path.startsWith(`${operation.from}/`)) {
    throw unprocessable(`move operation does not apply: "${path}" is a child of from path "${operation.from}"`)
  }
}

function toApiError(error: unknown, operation: Operation): Error {
  if (error instanceof TypeError) return badRequest(error.message) // the __proto__ ban
  if (!(error instanceof jsonPatch.JsonPatchError)) return error as Error
  switch (error.name) {
    case 'TEST_OPERATION_FAILED':
      return unprocessable(`testing value ${operation.path} failed: test failed`)
    case 'OPERATION_PATH_UNRESOLVABLE':
    case 'OPERATION_PATH_CANNOT_ADD':
    case 'OPERATION_FROM_UNRESOLVABLE':
      return missingPath(operation)
    case 'OPERATION_PATH_ILLEGAL_ARRAY_INDEX':
    case 'OPERATION_VALUE_OUT_OF_BOUNDS':
      return unprocessable(`${operation.op} operation does not apply: invalid array index in path: "${operation.path}"`)
    default:
      return badRequest(`invalid JSON patch operation: ${error.message}`)
  }
}

/** The message kube answers for a remove of an absent label (kubectl-logs/patch-json-bad.log). */
const missingPath = (operation: Operation) =>
  unprocessable(`${operation.op} operation does not apply: doc is missing path: "${operation.path}"`)

function parentOf(pointer: string): string | undefined {
  return pointer === '' ? undefined : pointer.slice(0, pointer.lastIndexOf('/'))
}

/** Whether an RFC 6901 pointer names an existing value, following own properties and in-range indexes only. */
function resolvesOwn(document: unknown, pointer: string): boolean {
  let node = document
  for (const token of pointer === '' ? [] : pointer.slice(1).split('/')) {
    const key = token.replace(/~1/g, '/').replace(/~0/g, '~')
    if (Array.isArray(node)) {
      if (!/^(0|[1-9]\d*)$/.test(key) || Number(key) >= node.length) return false
      node = node[Number(key)]
    } else if (isJsonObject(node) && Object.hasOwn(node, key)) {
      node = node[key]
    } else {
      return false
    }
  }
  return true
}
