import { badRequest, unsupportedMediaType } from '../../api/errors.js'
import { isPatchContentType, PATCH_CONTENT_TYPES, patchObject } from '../../registry/verbs/patch.js'
import { patchScale } from '../../registry/verbs/scale.js'
import type { HandlerContext } from '../handler-context.js'
import { mediaTypeOf, readBody } from '../middleware/body.js'
import { sendJsonText } from '../respond.js'

export async function handlePatch(ctx: HandlerContext): Promise<void> {
  const contentType = mediaTypeOf(ctx.req)
  // The media type decides before the body is read: apply-patch+yaml (server-side apply) is 415 until it lands.
  if (!isPatchContentType(contentType)) throw unsupportedMediaType(contentType, PATCH_CONTENT_TYPES)
  const raw = await readBody(ctx.req, ctx.config.maxBodyBytes)
  let patch: unknown
  try {
    patch = JSON.parse(raw.toString('utf8'))
  } catch (error) {
    throw badRequest(`error decoding patch: ${(error as Error).message}`)
  }
  const written = ctx.scope.subresource === 'scale'
    ? await patchScale(ctx.store, ctx.scope, contentType, patch)
    : await patchObject(ctx.store, ctx.scope, contentType, patch)
  sendJsonText(ctx.res, 200, written.json, ctx.scope.warnings)
}
