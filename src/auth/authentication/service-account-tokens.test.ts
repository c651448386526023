import assert from 'node:assert/strict'
import { generateKeyPairSync } from 'node:crypto'
import { describe, test } from 'node:test'
import { ServiceAccountTokens, type BoundKind } from './service-account-tokens.js'

const ISSUER = 'https://kubernetes.default.svc.cluster.local'
const keyPem = () => generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
const decode = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, any>
const header = (token: string) => JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as Record<string, any>

/** tokens over a world of objects the test changes: kind/namespace/name → uid */
function setUp(signingKeyPem = keyPem()) {
  const objects = new Map<string, string>([['ServiceAccount/ns/app', 'sa-uid-1'], ['Pod/ns/web', 'pod-uid-1']])
  const tokens = new ServiceAccountTokens({
    signingKeyPem, issuer: ISSUER, apiAudiences: [ISSUER],
    lookup: (kind: BoundKind, namespace: string, name: string) => objects.get(`${kind}/${namespace}/${name}`),
  })
  return { tokens, objects }
}

const claims = { namespace: 'ns', serviceAccount: { name: 'app', uid: 'sa-uid-1' }, audiences: [ISSUER], expirationSeconds: 3600 }

describe('ServiceAccount tokens as kube issues them (pkg/serviceaccount/jwt.go, claims.go)', () => {
  test('an ES256 JWT whose kid is the public key\'s hash, naming the account by name and uid', async () => {
    const { tokens } = setUp()
    const { token, expiresAtMs } = await tokens.issue(claims)
    assert.equal(header(token).alg, 'ES256')
    assert.match(header(token).kid, /^[A-Za-z0-9_-]{43}$/)
    const payload = decode(token)
    assert.equal(payload.iss, ISSUER)
    assert.equal(payload.sub, 'system:serviceaccount:ns:app')
    assert.deepEqual(payload.aud, [ISSUER])
    assert.equal(payload.exp - payload.iat, 3600)
    assert.equal(payload.exp * 1000, expiresAtMs)
    assert.deepEqual(payload['kubernetes.io'], { namespace: 'ns', serviceaccount: { name: 'app', uid: 'sa-uid-1' } })
  })

  test('it authenticates as the account, in its groups, with its credential id', async () => {
    const { tokens } = setUp()
    const { token } = await tokens.issue(claims)
    const result = await tokens.authenticateToken(token)
    assert.equal(result.type, 'user')
    if (result.type !== 'user') return
    assert.equal(result.user.name, 'system:serviceaccount:ns:app')
    assert.equal(result.user.uid, 'sa-uid-1')
    assert.deepEqual(result.user.groups, ['system:serviceaccounts', 'system:serviceaccounts:ns'])
    assert.deepEqual(result.user.extra?.['authentication.kubernetes.io/credential-id'], [`JTI=${decode(token).jti}`])
  })

  test('once verified, a token is checked without a promise: the hot path', async () => {
    const { tokens } = setUp()
    const { token } = await tokens.issue(claims)
    await tokens.authenticateToken(token)
    const again = tokens.authenticateToken(token)
    assert.ok(!(again instanceof Promise))
    assert.equal((again as { type: string }).type, 'user')
  })

  test('a token seen before is the same user object, until it expires: then it fails, and is verified afresh', async (t) => {
    const { tokens } = setUp()
    const { token, expiresAtMs } = await tokens.issue({ ...claims, expirationSeconds: 600 })
    const first = await tokens.authenticateToken(token)
    const again = tokens.authenticateToken(token)
    assert.ok(first.type === 'user' && !(again instanceof Promise) && again.type === 'user')
    assert.equal(again.user, first.user)
    t.mock.timers.enable({ apis: ['Date'], now: expiresAtMs })
    assert.deepEqual(tokens.authenticateToken(token), { type: 'failed', reason: 'service account token has expired' })
    // forgotten: shown again, its signature is checked again, and its expiry refuses it there too
    const afresh = tokens.authenticateToken(token)
    assert.ok(afresh instanceof Promise)
    assert.equal((await afresh).type, 'failed')
  })

  test('a deleted account, or one recreated with another uid, makes its tokens fail', async () => {
    const { tokens, objects } = setUp()
    const { token } = await tokens.issue(claims)
    objects.set('ServiceAccount/ns/app', 'sa-uid-2')
    assert.equal((await tokens.authenticateToken(token)).type, 'failed')
    objects.delete('ServiceAccount/ns/app')
    assert.equal((await tokens.authenticateToken(token)).type, 'failed')
  })

  test('a pod-bound token names the pod in extra, and fails once the pod is gone', async () => {
    const { tokens, objects } = setUp()
    const { token } = await tokens.issue({ ...claims, boundObject: { kind: 'Pod', name: 'web', uid: 'pod-uid-1' } })
    const result = await tokens.authenticateToken(token)
    assert.equal(result.type, 'user')
    if (result.type === 'user') assert.deepEqual(result.user.extra?.['authentication.kubernetes.io/pod-name'], ['web'])
    objects.delete('Pod/ns/web')
    assert.equal((await tokens.authenticateToken(token)).type, 'failed')
  })

  test('an expired token, another key\'s, another audience\'s fail; another issuer\'s and a non-JWT are not ours', async () => {
    const { tokens } = setUp()
    const expired = await tokens.issue({ ...claims, expirationSeconds: -1 })
    assert.equal((await tokens.authenticateToken(expired.token)).type, 'failed')
    const forged = await setUp().tokens.issue(claims)
    assert.equal((await tokens.authenticateToken(forged.token)).type, 'failed')
    const elsewhere = await tokens.issue({ ...claims, audiences: ['vault'] })
    assert.equal((await tokens.authenticateToken(elsewhere.token)).type, 'failed')
    const foreign = ['x', Buffer.from(JSON.stringify({ iss: 'https://accounts.example.com' })).toString('base64url'), 'y'].join('.')
    assert.equal((await tokens.authenticateToken(foreign)).type, 'none')
    assert.equal((await tokens.authenticateToken('plain-static-token')).type, 'none')
  })
})
