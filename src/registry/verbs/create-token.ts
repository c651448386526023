import { badRequest, conflict, invalid, notFound } from '../../api/errors.js'
import { invalidField } from '../../api/field-errors.js'
import { isJsonObject, type JsonObject } from '../../api/json-object.js'
import type { KubeObject } from '../../api/types.js'
import type { TokenRequestClaims } from '../../auth/authentication/service-account-tokens.js'
import type { RequestScope } from '../request-scope.js'
import { toTimestamp, type StoreContext } from '../store-context.js'

/** Signs ServiceAccount tokens (auth/authentication/service-account-tokens.ts). */
export interface TokenIssuer {
  /** the audiences a TokenRequest naming none gets (kube's --api-audiences) */
  readonly apiAudiences: readonly string[]
  issue(claims: TokenRequestClaims): Promise<{ token: string; expiresAtMs: number }>
}

// authentication/v1 defaults and validation (k8s: pkg/apis/authentication/v1/defaults.go,
// pkg/apis/authentication/validation/validation.go ValidateTokenRequest).
const DEFAULT_EXPIRATION_SECONDS = 3600
const MIN_EXPIRATION_SECONDS = 600
const MAX_EXPIRATION_SECONDS = 2 ** 32

function expirationOf(spec: JsonObject): number {
  const seconds = spec.expirationSeconds ?? DEFAULT_EXPIRATION_SECONDS
  const field = 'spec.expirationSeconds'
  if (typeof seconds !== 'number' || !Number.isInteger(seconds)) throw badRequest(`TokenRequest: ${field} must be an integer`)
  if (seconds < MIN_EXPIRATION_SECONDS) throw invalid('TokenRequest', 'authentication.k8s.io', '', [invalidField(field, String(seconds), 'may not specify a duration less than 10 minutes')])
  if (seconds > MAX_EXPIRATION_SECONDS) throw invalid('TokenRequest', 'authentication.k8s.io', '', [invalidField(field, String(seconds), 'may not specify a duration larger than 2^32 seconds')])
  return seconds
}

const readObject = async (ctx: StoreContext, resource: 'serviceaccounts' | 'pods' | 'secrets', namespace: string, name: string) => {
  const stored = await ctx.storage.get({ resource, namespace, name })
  return stored && (JSON.parse(stored.json) as KubeObject)
}

/**
 * The object a token is bound to (kube: pkg/registry/core/serviceaccount/storage/token.go): a Pod
 * running as this ServiceAccount, or a Secret, in its namespace; a uid given must be the object's.
 */
async function boundObjectOf(ctx: StoreContext, scope: RequestScope, ref: JsonObject): Promise<TokenRequestClaims['boundObject']> {
  const kind = String(ref.kind ?? '')
  const apiVersion = String(ref.apiVersion ?? '')
  const name = String(ref.name ?? '')
  const isCore = !apiVersion.includes('/')
  if (!isCore || (kind !== 'Pod' && kind !== 'Secret')) {
    const [group, version] = isCore ? ['', apiVersion] : apiVersion.split('/')
    throw badRequest(`cannot bind token to object of type ${group}/${version}, Kind=${kind}`)
  }
  const object = await readObject(ctx, kind === 'Pod' ? 'pods' : 'secrets', scope.namespace, name)
  if (!object) throw notFound({ group: '', resource: kind === 'Pod' ? 'pods' : 'secrets' }, name)
  if (kind === 'Pod' && (object.spec as JsonObject | undefined)?.serviceAccountName !== scope.name) {
    throw badRequest(`cannot bind token for serviceaccount ${JSON.stringify(scope.name)} to pod running with different serviceaccount name.`)
  }
  const uid = String(object.metadata.uid ?? '')
  if (ref.uid && ref.uid !== uid) {
    throw conflict({ group: '', resource: kind }, name, `the UID in the bound object reference (${String(ref.uid)}) does not match the UID in record. The object might have been deleted and then recreated`)
  }
  return { kind, name, uid }
}

/**
 * POST …/serviceaccounts/{name}/token: a signed token for the ServiceAccount as it is now (its
 * uid in the token: a recreated account's old tokens stop working), valid for expirationSeconds,
 * for the audiences asked (the API's when none), maybe bound to a Pod or Secret. Nothing is stored.
 */
export async function createToken(ctx: StoreContext, scope: RequestScope, request: KubeObject, issuer: TokenIssuer): Promise<JsonObject> {
  const spec = isJsonObject(request.spec) ? request.spec : {}
  const expirationSeconds = expirationOf(spec)
  const account = await readObject(ctx, 'serviceaccounts', scope.namespace, scope.name!)
  if (!account) throw notFound({ group: '', resource: 'serviceaccounts' }, scope.name!)
  const boundRef = isJsonObject(spec.boundObjectRef) ? spec.boundObjectRef : undefined
  const boundObject = boundRef && (await boundObjectOf(ctx, scope, boundRef))
  const requested = Array.isArray(spec.audiences) ? spec.audiences.map(String) : []
  const audiences = requested.length > 0 ? requested : [...issuer.apiAudiences]
  const { token, expiresAtMs } = await issuer.issue({
    namespace: scope.namespace,
    serviceAccount: { name: scope.name!, uid: String(account.metadata.uid ?? '') },
    audiences, expirationSeconds,
    ...(boundObject ? { boundObject } : {}),
  })
  return {
    kind: 'TokenRequest',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: { ...request.metadata, namespace: scope.namespace, creationTimestamp: null },
    spec: { audiences, expirationSeconds, boundObjectRef: boundRef ?? null },
    status: { token, expirationTimestamp: toTimestamp(expiresAtMs) },
  }
}
