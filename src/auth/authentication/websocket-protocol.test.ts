import assert from 'node:assert/strict'
import { test } from 'node:test'
import { websocketBearer } from './websocket-protocol.js'

const PREFIX = 'base64url.bearer.authorization.k8s.io.'
const encode = (token: string) => PREFIX + Buffer.from(token).toString('base64url')

// kube's websocket ProtocolAuthenticator (staging/apiserver/pkg/authentication/request/websocket/protocol_test.go)
const cases = [
  { name: 'no header', header: undefined, want: undefined },
  { name: 'no bearer protocol', header: 'v4.channel.k8s.io', want: undefined },
  { name: 'a token and another protocol', header: `${encode('my-token')}, v4.channel.k8s.io`, want: { token: 'my-token' } },
  { name: 'a token alone', header: encode('my-token'), want: { error: 'missing additional subprotocol' } },
  { name: 'two tokens', header: `${encode('a')},${encode('b')},x`, want: { error: 'multiple base64.bearer.authorization tokens specified' } },
  { name: 'not base64url', header: `${PREFIX}a+b/c,x`, want: { error: 'invalid base64.bearer.authorization token encoding' } },
  { name: 'not UTF-8', header: `${PREFIX}${Buffer.from([0xff, 0xfe]).toString('base64url')},x`, want: { error: 'invalid base64.bearer.authorization token' } },
  { name: 'an empty token is no token', header: `${PREFIX},x`, want: undefined },
]
for (const c of cases) test(c.name, () => assert.deepEqual(websocketBearer(c.header), c.want))
