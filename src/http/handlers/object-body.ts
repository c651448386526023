import { isJsonObject } from '../../api/json-object.js'
import { badRequest } from '../../api/errors.js'
import type { KubeObject } from '../../api/types.js'
import { type BodyKind, PROTOBUF_MEDIA_TYPE } from '../../api/protobuf/decode-protobuf-object.js'
import type { DecodedBody } from '../../registry/verbs/write-response.js'
import type { HandlerContext } from '../handler-context.js'
import { subresourceKind } from '../../registry/resource-definition.js'
import { decodeBody, mediaTypeOf, readBody } from '../middleware/body.js'

/** The kind a body sent to this URL must be: autoscaling/v1 Scale for `scale`, TokenRequest for `token`, else the resource's. */
export function bodyKindOf(ctx: Pick<HandlerContext, 'scope' | 'info'>): BodyKind {
  const sub = ctx.info.subresource
  if (sub === 'scale' || sub === 'token') return subresourceKind(ctx.scope.definition, sub)
  const { group, version, kind } = ctx.scope.definition
  return { group, version, kind }
}

/** The request body as an object of the URL's kind: JSON, YAML or protobuf, size-capped, shape-checked. */
export async function readObjectBody(ctx: HandlerContext): Promise<DecodedBody> {
  const raw = await readBody(ctx.req, ctx.config.maxBodyBytes)
  const mediaType = mediaTypeOf(ctx.req)
  const bodyKind = bodyKindOf(ctx)
  const { decoded, text } = decodeBody(raw, mediaType, bodyKind)
  const { kind, version } = bodyKind
  const cannotHandle = (why: string) => badRequest(`${kind} in version "${version}" cannot be handled as a ${kind}: ${why}`)
  if (!isJsonObject(decoded)) throw cannotHandle('the body is not a JSON object')
  if (decoded.metadata === undefined || decoded.metadata === null) decoded.metadata = {}
  if (!isJsonObject(decoded.metadata)) {
    throw cannotHandle(`json: cannot unmarshal ${Array.isArray(decoded.metadata) ? 'array' : typeof decoded.metadata} into Go struct field ${kind}.metadata of type v1.ObjectMeta`)
  }
  if (mediaType === PROTOBUF_MEDIA_TYPE) return { object: decoded as KubeObject, hasStrictDecoding: false }
  return { object: decoded as KubeObject, ...(mediaType === 'application/json' ? { json: text } : {}) }
}
