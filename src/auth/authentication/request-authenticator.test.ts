import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { Authentication, TokenAuthenticator } from './authentication.js'
import { RequestAuthenticator, type AnonymousPolicy } from './request-authenticator.js'

const staticTokens = (tokens: Record<string, string>): TokenAuthenticator => ({
  authenticateToken: (token): Authentication => (tokens[token] ? { type: 'user', user: { name: tokens[token]!, groups: ['devs'] } } : { type: 'none' }),
})
const slowTokens: TokenAuthenticator = {
  authenticateToken: async (token) => (token === 'jwt' ? { type: 'user', user: { name: 'system:serviceaccount:ns:sa', groups: ['system:serviceaccounts'] } } : { type: 'none' }),
}
const closed: AnonymousPolicy = { isEnabled: false, openPaths: ['/ui/*'], extraGroups: [] }
const authenticator = (anonymous = closed) => new RequestAuthenticator({ tokens: [staticTokens({ good: 'alice' }), slowTokens], anonymous })
const cert = { isVerified: true, commonName: 'kubernetes-admin', organizations: ['system:masters'] }

test('a client certificate wins, without waiting, and gets system:authenticated', () => {
  const result = authenticator().authenticate({ clientCertificate: cert, authorization: 'Bearer nonsense', path: '/api' })
  assert.deepEqual(result, { user: { name: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] } })
})

test('a bearer token of the header, or of the WebSocket subprotocol, through each token authenticator in turn', async () => {
  assert.deepEqual(authenticator().authenticate({ authorization: 'Bearer good', path: '/api' }), { user: { name: 'alice', groups: ['devs', 'system:authenticated'] } })
  assert.deepEqual(await authenticator().authenticate({ authorization: 'Bearer jwt', path: '/api' }), { user: { name: 'system:serviceaccount:ns:sa', groups: ['system:serviceaccounts', 'system:authenticated'] } })
  const protocol = `base64url.bearer.authorization.k8s.io.${Buffer.from('good').toString('base64url')}, v4.channel.k8s.io`
  assert.equal(('user' in (await authenticator().authenticate({ websocketProtocols: protocol, path: '/api' })) ? 'user' : 'refused'), 'user')
})

test('a token no authenticator knows is refused, also with anonymous access on (union.NewFailOnError)', async () => {
  const open = { ...closed, isEnabled: true }
  assert.ok('failure' in (await authenticator().authenticate({ authorization: 'Bearer wrong', path: '/api' })))
  assert.ok('failure' in (await authenticator(open).authenticate({ authorization: 'Bearer wrong', path: '/api' })))
})

test('no credentials: 401, unless anonymous access is on or the path is open to it', async () => {
  assert.ok('failure' in (await authenticator().authenticate({ path: '/api' })))
  const anonymous = { user: { name: 'system:anonymous', groups: ['system:unauthenticated'] } }
  assert.deepEqual(await authenticator({ ...closed, isEnabled: true }).authenticate({ path: '/api' }), anonymous)
  assert.deepEqual(await authenticator().authenticate({ path: '/ui/main.js' }), anonymous)
  const admin = { ...closed, isEnabled: true, extraGroups: ['system:masters'] }
  assert.deepEqual(await authenticator(admin).authenticate({ path: '/api' }), { user: { name: 'system:anonymous', groups: ['system:unauthenticated', 'system:masters'] } })
})

test('a refused certificate does not stop a good token (request/union/union.go tries the next)', async () => {
  const bad = { ...cert, isVerified: false }
  assert.equal((await authenticator().authenticate({ clientCertificate: bad, authorization: 'Bearer good', path: '/api' }) as { user: { name: string } }).user.name, 'alice')
  assert.ok('failure' in (await authenticator({ ...closed, isEnabled: true }).authenticate({ clientCertificate: bad, path: '/api' })))
})

test('the same credentials give the same user object, built once; a token revoked upstream fails at once', async () => {
  const users = new Map([['t', { name: 'alice', groups: ['devs'] }]])
  const revocable: TokenAuthenticator = { authenticateToken: (token) => (users.has(token) ? { type: 'user', user: users.get(token)! } : { type: 'none' }) }
  const chain = new RequestAuthenticator({ tokens: [revocable], anonymous: closed })
  const first = chain.authenticate({ authorization: 'Bearer t', path: '/api' }) as { user: object }
  assert.equal((chain.authenticate({ authorization: 'Bearer t', path: '/api' }) as { user: object }).user, first.user)
  assert.equal((chain.authenticate({ clientCertificate: cert, path: '/api' }) as { user: object }).user, (chain.authenticate({ clientCertificate: cert, path: '/api' }) as { user: object }).user)
  users.delete('t')
  assert.ok('failure' in (await chain.authenticate({ authorization: 'Bearer t', path: '/api' })))
})
