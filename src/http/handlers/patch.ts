import { badRequest, unsupportedMediaType } from '../../api/errors.js'
import { applyObject } from '../../registry/verbs/apply.js'
import { APPLY_PATCH_TYPE, CUSTOM_PATCH_CONTENT_TYPES, PATCH_CONTENT_TYPES, patchObject } from '../../registry/verbs/patch.js'
import { applyScale, patchScale } from '../../registry/verbs/scale.js'
import type { HandlerContext } from '../handler-context.js'
import { mediaTypeOf, readBody } from '../middleware/body.js'
import { patchForceFrom } from '../query/patch-options.js'
import { sendJsonText } from '../respond.js'
import { decodeApplyPatch } from './apply-body.js'

export async function handlePatch(ctx: HandlerContext): Promise<void> {
  const contentType = mediaTypeOf(ctx.req)
  // The media type decides before the body is read, as kube's patch handler does; custom resources
  // take no strategic merge patch (apiextensions-apiserver customresource_handler.go supportedTypes).
  const accepted = ctx.scope.definition.acceptsStrategicMergePatch ? PATCH_CONTENT_TYPES : CUSTOM_PATCH_CONTENT_TYPES
  if (!(accepted as readonly string[]).includes(contentType)) throw unsupportedMediaType(contentType, accepted)
  const force = patchForceFrom(ctx.query, contentType, ctx.scope)
  const raw = await readBody(ctx.req, ctx.config.maxBodyBytes)
  if (contentType === APPLY_PATCH_TYPE) return handleApply(ctx, raw, force)
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

/** Server-side apply: 201 when it created the object. */
async function handleApply(ctx: HandlerContext, raw: Buffer, force: boolean): Promise<void> {
  const { scope } = ctx
  const config = decodeApplyPatch(raw, { mode: scope.fieldValidation, warnings: scope.warnings })
  const written = scope.subresource === 'scale'
    ? await applyScale(ctx.store, scope, config, force)
    : await applyObject(ctx.store, scope, { config, force })
  sendJsonText(ctx.res, written.isCreated ? 201 : 200, written.json, scope.warnings)
}
