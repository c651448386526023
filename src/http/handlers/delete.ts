import { badRequest } from '../../api/errors.js'
import { isJsonObject } from '../../api/json-object.js'
import type { Status } from '../../api/types.js'
import { decodeProtobufDeleteOptions, PROTOBUF_MEDIA_TYPE } from '../../api/protobuf/decode-protobuf-object.js'
import { deleteObject, type DeleteOptions } from '../../registry/verbs/delete.js'
import type { HandlerContext } from '../handler-context.js'
import { mediaTypeOf, readBody } from '../middleware/body.js'
import { sendJson, sendJsonText } from '../respond.js'

/**
 * DeleteOptions from the body: kubectl sends `{"propagationPolicy":"Background"}`, client-node an empty
 * body, client-go's typed clients protobuf.
 */
export async function readDeleteOptions(ctx: HandlerContext): Promise<DeleteOptions> {
  const body = await readBody(ctx.req, ctx.config.maxBodyBytes)
  const parsed = parseDeleteOptions(body, mediaTypeOf(ctx.req))
  if (parsed.dryRun?.includes('All')) ctx.scope.isDryRun = true
  return parsed.preconditions ? { preconditions: parsed.preconditions } : {}
}

function parseDeleteOptions(body: Buffer, mediaType: string): { preconditions?: DeleteOptions['preconditions']; dryRun?: string[] } {
  const isProtobuf = mediaType === PROTOBUF_MEDIA_TYPE
  const text = isProtobuf ? '' : body.toString('utf8').trim()
  if (isProtobuf ? body.length === 0 : !text) return {}
  let parsed: unknown
  try {
    parsed = isProtobuf ? decodeProtobufDeleteOptions(body) : JSON.parse(text)
  } catch (error) {
    throw badRequest(`error decoding DeleteOptions: ${(error as Error).message}`)
  }
  return checkDeleteOptionsShape(parsed)
}

const goTypeOf = (value: unknown) => (Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value === 'object' ? 'object' : typeof value)

/**
 * The fields we read, of the types kube's decoder demands (`null` is Go's "unset"): anything else
 * is its 400, `json: cannot unmarshal <type> into Go struct field DeleteOptions.<field> of type <T>`.
 */
function checkDeleteOptionsShape(parsed: unknown): { preconditions?: DeleteOptions['preconditions']; dryRun?: string[] } {
  if (parsed === null) return {}
  const refuse = (got: unknown, into: string) => badRequest(`error decoding DeleteOptions: json: cannot unmarshal ${goTypeOf(got)} into ${into}`)
  if (!isJsonObject(parsed)) throw refuse(parsed, 'Go value of type v1.DeleteOptions')
  const { dryRun, preconditions } = parsed
  if (dryRun !== undefined && dryRun !== null && !(Array.isArray(dryRun) && dryRun.every((v) => typeof v === 'string'))) throw refuse(dryRun, 'Go struct field DeleteOptions.dryRun of type []string')
  if (preconditions !== undefined && preconditions !== null && !isJsonObject(preconditions)) throw refuse(preconditions, 'Go struct field DeleteOptions.preconditions of type v1.Preconditions')
  for (const field of ['uid', 'resourceVersion'] as const) {
    const value = isJsonObject(preconditions) ? preconditions[field] : undefined
    if (value !== undefined && value !== null && typeof value !== 'string') throw refuse(value, `Go struct field Preconditions.preconditions.${field} of type string`)
  }
  return {
    ...(Array.isArray(dryRun) ? { dryRun } : {}),
    ...(isJsonObject(preconditions) ? { preconditions: preconditions as DeleteOptions['preconditions'] } : {}),
  }
}

export async function handleDelete(ctx: HandlerContext): Promise<void> {
  const options = await readDeleteOptions(ctx)
  const result = await deleteObject(ctx.store, ctx.scope, options)
  // kube answers the object while it still exists (finalizers) or when the kind says so (pods).
  if (!result.isGone || ctx.scope.definition.strategy.returnsDeletedObject) {
    return sendJsonText(ctx.res, 200, result.json)
  }
  const { group, plural } = ctx.scope.definition
  const status: Status = {
    kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success',
    details: { name: ctx.scope.name!, ...(group ? { group } : {}), kind: plural, uid: result.object.metadata.uid! },
    code: 200,
  }
  sendJson(ctx.res, 200, status)
}
