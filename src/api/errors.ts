import type { StatusCause, StatusDetails, StatusReason, Status } from './types.js'

/**
 * A failure the client should see as a Kubernetes Status. Thrown anywhere above storage,
 * rendered only by http/middleware/error-handler.ts.
 */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: StatusReason,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message)
  }

  toStatus(): Status {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      ...(this.details ? { details: this.details } : {}),
      code: this.code,
    }
  }
}

/** Names a resource the way kube-apiserver's messages do: `pods`, `deployments.apps`. */
export interface QualifiedResource {
  group: string
  resource: string
}

const qualified = (r: QualifiedResource) => (r.group ? `${r.resource}.${r.group}` : r.resource)
const detailsOf = (r: QualifiedResource, name: string): StatusDetails => ({
  name,
  ...(r.group ? { group: r.group } : {}),
  kind: r.resource,
})

export const badRequest = (message: string, causes?: StatusCause[]) =>
  new ApiError(400, 'BadRequest', message, causes ? { causes } : undefined)

export const unauthorized = (message = 'Unauthorized') => new ApiError(401, 'Unauthorized', message)

export const forbidden = (message: string, details?: StatusDetails) =>
  new ApiError(403, 'Forbidden', message, details)

/**
 * kube's NewForbidden (apimachinery api/errors/errors.go): `pods "x" is forbidden: why`, without a
 * name `pods is forbidden: why`, and without a resource (a non-resource URL) `forbidden: why`.
 */
export function forbiddenFor(r: QualifiedResource, name: string, why: string): ApiError {
  const subject = r.resource ? (name ? `${qualified(r)} ${JSON.stringify(name)} ` : `${qualified(r)} `) : ''
  const details: StatusDetails = { ...(name ? { name } : {}), ...(r.group ? { group: r.group } : {}), ...(r.resource ? { kind: r.resource } : {}) }
  return new ApiError(403, 'Forbidden', `${subject}${subject ? 'is forbidden' : 'forbidden'}: ${why}`, details)
}

export const notFound = (r: QualifiedResource, name: string) =>
  new ApiError(404, 'NotFound', `${qualified(r)} "${name}" not found`, detailsOf(r, name))

export const pathNotFound = () =>
  new ApiError(404, 'NotFound', 'the server could not find the requested resource', {})

export const methodNotAllowed = (message = 'the server does not allow this method on the requested resource') =>
  new ApiError(405, 'MethodNotAllowed', message)

export const alreadyExists = (r: QualifiedResource, name: string) =>
  new ApiError(409, 'AlreadyExists', `${qualified(r)} "${name}" already exists`, detailsOf(r, name))

export const conflict = (r: QualifiedResource, name: string, why: string) =>
  new ApiError(409, 'Conflict', `Operation cannot be fulfilled on ${qualified(r)} "${name}": ${why}`, detailsOf(r, name))

/**
 * 409 for a server-side apply that would take fields other managers own (k8s: apimachinery
 * api/errors/errors.go NewApplyConflict): one `FieldManagerConflict` cause per field, no object named.
 */
export const applyConflict = (message: string, causes: StatusCause[]) => new ApiError(409, 'Conflict', message, { causes })

/** 410 for a revision older than the retained log. */
export const gone = (message: string) => new ApiError(410, 'Expired', message)

export const tooLarge = (maxBytes: number) =>
  new ApiError(413, 'RequestEntityTooLarge', `Request entity too large: limit is ${maxBytes}`)

/** kube's NewTooManyRequests; the error handler turns retryAfterSeconds into the Retry-After header client-go waits on. */
export const tooManyRequests = (retryAfterSeconds: number, message = 'Too many requests, please try again later.') =>
  new ApiError(429, 'TooManyRequests', message, { retryAfterSeconds })

export const unsupportedMediaType = (contentType: string, accepted: readonly string[]) =>
  new ApiError(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`,
    { causes: [{ reason: 'UnsupportedMediaType', message: contentType }] },
  )

/** 422 with one cause per invalid field, as `The Pod "x" is invalid:` lists them. */
export function invalid(kind: string, group: string, name: string, causes: StatusCause[]): ApiError {
  const summary = causes.map((c) => (c.field ? `${c.field}: ${c.message}` : `${c.message}`))
  const body = summary.length === 1 ? summary[0] : `[${summary.join(', ')}]`
  const qualifiedKind = group ? `${kind}.${group}` : kind
  // StatusDetails fields are omitempty: the options kinds' errors carry no name.
  return new ApiError(422, 'Invalid', `${qualifiedKind} "${name}" is invalid: ${body}`, {
    ...(name ? { name } : {}),
    ...(group ? { group } : {}),
    kind,
    causes,
  })
}

/** 422 without a named object, as kube answers failed JSON patches. */
export const unprocessable = (message: string) => new ApiError(422, 'Invalid', message)

export const internalError = (message: string) =>
  new ApiError(500, 'InternalError', `Internal error occurred: ${message}`, { causes: [{ message }] })

export const timeout = (message: string, causes?: StatusCause[]) =>
  new ApiError(504, 'Timeout', message, causes ? { causes } : undefined)
