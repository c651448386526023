import { methodNotAllowed } from '../../api/errors.js'
import { createToken } from '../../registry/verbs/create-token.js'
import type { HandlerContext } from '../handler-context.js'
import { sendJson } from '../respond.js'
import { readObjectBody } from './object-body.js'

/** POST …/serviceaccounts/{name}/token (kubectl create token): a TokenRequest, JSON or protobuf, answered with its token. */
export async function handleCreateToken(ctx: HandlerContext): Promise<void> {
  const issuer = ctx.store.tokenIssuer
  if (!issuer) throw methodNotAllowed('this server issues no ServiceAccount tokens')
  const { object } = await readObjectBody(ctx)
  const answered = await createToken(ctx.store, ctx.scope, object, issuer)
  ctx.log.debug({ serviceAccount: `${ctx.scope.namespace}/${ctx.scope.name}` }, 'token issued')
  sendJson(ctx.res, 201, answered)
}
