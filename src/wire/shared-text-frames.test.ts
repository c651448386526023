import assert from 'node:assert/strict'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { after, before, test } from 'node:test'
import { WebSocket, WebSocketServer } from 'ws'
import { eventually } from '../../test/support/eventually.js'
import { textFrameOf } from './shared-text-frames.js'

// Our frames written straight to an upgraded socket, read by a real ws client.
let server: Server
let upgraded: Promise<Duplex>
let client: WebSocket
const received: { text: string; isBinary: boolean }[] = []

before(async () => {
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false })
  server = createServer()
  upgraded = new Promise((resolve) => server.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, () => resolve(socket))))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`)
  client.on('message', (data: Buffer, isBinary: boolean) => received.push({ text: data.toString(), isBinary }))
  await new Promise((resolve) => client.once('open', resolve))
})
after(() => {
  client.terminate()
  server.close()
})

test('frames of each length form reach a ws client as the same text messages, in order', async () => {
  const socket = await upgraded
  const payloads = [0, 1, 125, 126, 65_535, 65_536, 200_000].map((length) => Buffer.from('x'.repeat(length)))
  for (const payload of payloads) socket.write(textFrameOf(payload))
  await eventually(() => assert.deepEqual(received.map((m) => m.text.length), payloads.map((p) => p.length)))
  assert.ok(received.every((m, i) => !m.isBinary && m.text === payloads[i]!.toString()))
})

test('the frame is built once per payload and shared', () => {
  const payload = Buffer.from('{"type":"ADDED"}\n')
  assert.equal(textFrameOf(payload), textFrameOf(payload))
  assert.notEqual(textFrameOf(Buffer.from('{"type":"ADDED"}\n')), textFrameOf(payload))
})
