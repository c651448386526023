// One frame per event, not one per watcher: a payload Buffer is shared by every watcher of its
// format (watch/encoded-change.ts), so its WebSocket frame is built the first time a watcher sends
// it and reused by the rest while the payload lives.
const framesByPayload = new WeakMap<Buffer, Buffer>()

const FIN_TEXT = 0x81 // FIN bit and opcode 1 (text); no RSV bits: no extension is negotiated

/**
 * `payload` as one final, unmasked text frame (RFC 6455 §5.2: servers never mask; the length takes
 * 7 bits, or 126 + 16 bits, or 127 + 64 bits). ws's clients read it as any ws-sent message.
 */
export function textFrameOf(payload: Buffer): Buffer {
  let frame = framesByPayload.get(payload)
  if (frame) return frame
  const length = payload.length
  const headerBytes = length < 126 ? 2 : length < 65_536 ? 4 : 10
  frame = Buffer.allocUnsafe(headerBytes + length)
  frame[0] = FIN_TEXT
  if (headerBytes === 2) frame[1] = length
  else if (headerBytes === 4) {
    frame[1] = 126
    frame.writeUInt16BE(length, 2)
  } else {
    frame[1] = 127
    frame.writeBigUInt64BE(BigInt(length), 2)
  }
  payload.copy(frame, headerBytes)
  framesByPayload.set(payload, frame)
  return frame
}
