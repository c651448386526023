import { isJsonObject } from '../../api/json-object.js'
import { badRequest } from '../../api/errors.js'
import type { KubeObject } from '../../api/types.js'
import { type BodyKind, PROTOBUF_MEDIA_TYPE } from '../../api/protobuf/decode-protobuf-object.js'
import type { DecodedBody } from '../../registry/verbs/write-response.js'
import type { HandlerContext } from '../handler-context.js'
import { type ResourceDefinition, subresourceKind } from '../../registry/resource-definition.js'
import { decodeBody, mediaTypeOf, readBody } from '../middleware/body.js'
import { mayRepeatKeys } from '../middleware/may-repeat-keys.js'

/** The kind a body sent to this URL must be: autoscaling/v1 Scale for `scale`, TokenRequest for `token`, else the resource's. */
export function bodyKindOf(ctx: Pick<HandlerContext, 'scope' | 'info'>): BodyKind {
  const sub = ctx.info.subresource
  if (sub === 'scale' || sub === 'token') return subresourceKind(ctx.scope.definition, sub)
  const { definition } = ctx.scope
  let bodyKind = resourceBodyKinds.get(definition)
  if (!bodyKind) {
    bodyKind = Object.freeze({ group: definition.group, version: definition.version, kind: definition.kind })
    resourceBodyKinds.set(definition, bodyKind)
  }
  return bodyKind
}

// built once per kind: every create and update asks
const resourceBodyKinds = new WeakMap<ResourceDefinition, BodyKind>()

const cannotHandle = ({ kind, version }: BodyKind, why: string) => badRequest(`${kind} in version "${version}" cannot be handled as a ${kind}: ${why}`)

/** The request body as an object of the URL's kind: JSON, YAML or protobuf, size-capped, shape-checked. */
export async function readObjectBody(ctx: HandlerContext): Promise<DecodedBody> {
  const raw = await readBody(ctx.req, ctx.config.maxBodyBytes)
  const mediaType = mediaTypeOf(ctx.req)
  const bodyKind = bodyKindOf(ctx)
  const { decoded, text } = decodeBody(raw, mediaType, bodyKind)
  // the text goes along only to be scanned for repeated keys (validation): asked before the body changes
  const json = mediaType === 'application/json' && mayRepeatKeys(text!, decoded) ? text : undefined
  if (!isJsonObject(decoded)) throw cannotHandle(bodyKind, 'the body is not a JSON object')
  if (decoded.metadata === undefined || decoded.metadata === null) decoded.metadata = {}
  if (!isJsonObject(decoded.metadata)) {
    const type = Array.isArray(decoded.metadata) ? 'array' : typeof decoded.metadata
    throw cannotHandle(bodyKind, `json: cannot unmarshal ${type} into Go struct field ${bodyKind.kind}.metadata of type v1.ObjectMeta`)
  }
  if (mediaType === PROTOBUF_MEDIA_TYPE) return { object: decoded as KubeObject, hasStrictDecoding: false }
  return { object: decoded as KubeObject, ...(json !== undefined ? { json } : {}) }
}
