import assert from 'node:assert/strict'
import { createServer, get, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, test } from 'node:test'
import { ChunkedSink } from './chunked-sink.js'
import { chunkOf } from './shared-chunk-frames.js'

// A real node:http server and client: the sink's chunks, written past the response, must read as
// the body `response.write` would have sent, and the response must still end it.
let server: Server
let url: string
const responses: ServerResponse[] = []
let onResponse: () => void = () => {}

before(async () => {
  server = createServer((_req, res) => {
    responses.push(res)
    onResponse()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

after(() => server.close())

/** opens a request, hands its response to `serve` once it arrived, and reads the body the client gets */
async function bodyOf(serve: (res: ServerResponse) => void): Promise<{ body: string; headers: Record<string, unknown> }> {
  const arrived = new Promise<void>((resolve) => (onResponse = resolve))
  const received = new Promise<{ body: string; headers: Record<string, unknown> }>((resolve, reject) => {
    get(url, (res) => {
      let body = ''
      res.setEncoding('utf8').on('data', (part: string) => (body += part))
      res.on('end', () => resolve({ body, headers: res.headers })).on('error', reject)
    }).on('error', reject)
  })
  await arrived
  serve(responses.at(-1)!)
  return received
}

test('events of every size reach a node:http client as the chunked body, in order, and end() ends it', async () => {
  const payloads = [1, 100, 16 * 1024, 16 * 1024 + 1, 200_000].map((length, i) => Buffer.from(`${String(i).repeat(length - 1)}\n`))
  const { body, headers } = await bodyOf((res) => {
    const sink = new ChunkedSink(res)
    for (const payload of payloads) sink.write(payload)
    sink.write(Buffer.alloc(0))
    setImmediate(() => sink.end())
  })
  assert.equal(headers['transfer-encoding'], 'chunked')
  assert.equal(body, payloads.map((p) => p.toString()).join(''))
})

test('a chunk is the bytes response.write sends, built once per payload', () => {
  const payload = Buffer.from('{"type":"ADDED"}\n')
  assert.equal(chunkOf(payload).toString('latin1'), '11\r\n{"type":"ADDED"}\n\r\n')
  assert.equal(chunkOf(payload), chunkOf(payload))
})

test('writes after the stream ended are dropped, not sent after the last chunk', async () => {
  const { body } = await bodyOf((res) => {
    const sink = new ChunkedSink(res)
    sink.write(Buffer.from('a\n'))
    sink.end()
    assert.equal(sink.write(Buffer.from('b\n')), true)
  })
  assert.equal(body, 'a\n')
})

/** `count` frames of `bytes` each, all written in one tick; what the sink answered to each */
function writeTick(sink: ChunkedSink, count: number, bytes: number): boolean[] {
  return Array.from({ length: count }, (_, i) => sink.write(Buffer.from(`${String(i % 10).repeat(bytes - 1)}\n`)))
}

test('a tick of frames past the socket\'s high-water mark does not stop a client that keeps up; one that stopped reading is stopped, and resumed by drain', async () => {
  const paused = { resume: () => {} }
  const arrived = new Promise<void>((resolve) => (onResponse = resolve))
  get(url, (res) => {
    res.pause()
    paused.resume = () => res.resume()
  })
  await arrived
  const sink = new ChunkedSink(responses.at(-1)!)
  // a group commit's worth: 40 × 450 B is over 16 KiB, yet earlier ticks left nothing unsent
  assert.deepEqual(new Set(writeTick(sink, 40, 450)), new Set([true]))
  // the client reads nothing: ticks pile up in the kernel's buffers, then in the socket's
  let answers: boolean[] = []
  for (let tick = 0; tick < 2000 && !answers.includes(false); tick++) {
    await new Promise((resolve) => setImmediate(resolve))
    answers = writeTick(sink, 40, 450)
  }
  assert.ok(answers.includes(false), 'a client that reads nothing is told to stop')
  const drained = new Promise<void>((resolve) => sink.onDrain(resolve))
  paused.resume()
  await drained
  sink.end()
})

test('a HEAD request gets the head alone: no chunk is sent on its connection', async () => {
  const arrived = new Promise<void>((resolve) => (onResponse = resolve))
  const { request } = await import('node:http')
  const received = new Promise<{ status?: number; body: string }>((resolve, reject) => {
    request(url, { method: 'HEAD' }, (res) => {
      let body = ''
      res.setEncoding('utf8').on('data', (part: string) => (body += part))
      res.on('end', () => resolve({ status: res.statusCode, body }))
    }).on('error', reject).end()
  })
  await arrived
  const sink = new ChunkedSink(responses.at(-1)!)
  sink.write(Buffer.from('{"type":"ADDED"}\n'))
  sink.end()
  assert.deepEqual(await received, { status: 200, body: '' })
})

test('a watch pipelined behind another response writes through its response, after the first one', async () => {
  const { connect } = await import('node:net')
  const before = responses.length
  let bothArrived: () => void = () => {}
  const arrived = new Promise<void>((resolve) => (bothArrived = resolve))
  onResponse = () => {
    if (responses.length - before === 2) bothArrived()
  }
  const socket = connect(Number(new URL(url).port), '127.0.0.1')
  let text = ''
  socket.setEncoding('latin1').on('data', (part: string) => (text += part))
  socket.write('GET /first HTTP/1.1\r\nHost: x\r\n\r\nGET /second HTTP/1.1\r\nHost: x\r\n\r\n')
  await arrived
  const [first, second] = responses.slice(before) as [ServerResponse, ServerResponse]
  const sink = new ChunkedSink(second)
  sink.write(Buffer.from('second\n'))
  first.end('first')
  sink.write(Buffer.from('more\n'))
  sink.end()
  const { eventually } = await import('../../test/support/eventually.js')
  await eventually(() => assert.match(text, /0\r\n\r\n$/))
  socket.destroy()
  const secondResponse = text.split('HTTP/1.1 200 OK')[2]
  assert.match(text, /\r\n\r\nfirstHTTP\/1\.1 200 OK/)
  assert.ok(secondResponse!.endsWith('\r\n\r\n7\r\nsecond\n\r\n5\r\nmore\n\r\n0\r\n\r\n'), secondResponse)
})
