import { isJsonObject } from '../../api/json-object.js'
import { badRequest } from '../../api/errors.js'
import type { KubeObject } from '../../api/types.js'
import type { DecodedBody } from '../../registry/verbs/write-response.js'
import type { HandlerContext } from '../handler-context.js'
import { decodeBody, mediaTypeOf, readBody } from '../middleware/body.js'

/** The request body as an object of the URL's kind: JSON or YAML, size-capped, shape-checked. */
export async function readObjectBody(ctx: HandlerContext): Promise<DecodedBody> {
  const raw = await readBody(ctx.req, ctx.config.maxBodyBytes)
  const mediaType = mediaTypeOf(ctx.req)
  const decoded = decodeBody(raw, mediaType)
  const { kind, version } = ctx.scope.definition
  const cannotHandle = (why: string) => badRequest(`${kind} in version "${version}" cannot be handled as a ${kind}: ${why}`)
  if (!isJsonObject(decoded)) throw cannotHandle('the body is not a JSON object')
  if (decoded.metadata === undefined || decoded.metadata === null) decoded.metadata = {}
  if (!isJsonObject(decoded.metadata)) {
    throw cannotHandle(`json: cannot unmarshal ${Array.isArray(decoded.metadata) ? 'array' : typeof decoded.metadata} into Go struct field ${kind}.metadata of type v1.ObjectMeta`)
  }
  return { object: decoded as KubeObject, ...(mediaType === 'application/json' ? { json: raw.toString('utf8') } : {}) }
}
