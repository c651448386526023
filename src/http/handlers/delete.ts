import { badRequest } from '../../api/errors.js'
import type { Status } from '../../api/types.js'
import { decodeProtobufDeleteOptions, PROTOBUF_MEDIA_TYPE } from '../../api/protobuf/decode-protobuf-object.js'
import { deleteObject, type DeleteOptions } from '../../registry/verbs/delete.js'
import type { HandlerContext } from '../handler-context.js'
import { mediaTypeOf, readBody } from '../middleware/body.js'
import { deleteOptionsFromObject, deleteOptionsFromQuery, validateDeleteOptions } from '../query/delete-options.js'
import { sendJson, sendJsonText } from '../respond.js'

/**
 * DeleteOptions as kube reads them (k8s: apiserver pkg/endpoints/handlers/delete.go): from the body
 * when there is one (kubectl sends `{"propagationPolicy":"Background"}`, client-go's typed clients
 * protobuf), else from the query (the python client; client-node sends an empty body), and checked
 * either way. Sets the dry run.
 */
export async function readDeleteOptions(ctx: HandlerContext): Promise<DeleteOptions> {
  const decoded = decodeBody(await readBody(ctx.req, ctx.config.maxBodyBytes), mediaTypeOf(ctx.req))
  const options = decoded === undefined ? deleteOptionsFromQuery(ctx.query) : deleteOptionsFromObject(decoded)
  validateDeleteOptions(options)
  ctx.scope.isDryRun = options.dryRun.length > 0
  return options.preconditions ? { preconditions: options.preconditions } : {}
}

/** The body as JSON (protobuf decoded to the same JSON); undefined when it is empty. */
function decodeBody(body: Buffer, mediaType: string): unknown {
  const isProtobuf = mediaType === PROTOBUF_MEDIA_TYPE
  const text = isProtobuf ? '' : body.toString('utf8').trim()
  if (isProtobuf ? body.length === 0 : !text) return undefined
  try {
    return isProtobuf ? decodeProtobufDeleteOptions(body) : JSON.parse(text)
  } catch (error) {
    throw badRequest(`error decoding DeleteOptions: ${(error as Error).message}`)
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
