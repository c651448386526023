import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire'
import { PROTOBUF_MAGIC } from './protobuf-envelope.js'

/** Tiny protobuf writers for the decoder's tests: each returns one encoded field. */
export const cat = (...parts: Uint8Array[]) => Uint8Array.from(Buffer.concat(parts))

export const str = (fieldNumber: number, value: string) => new BinaryWriter().tag(fieldNumber, WireType.LengthDelimited).string(value).finish()

export const bytes = (fieldNumber: number, value: Uint8Array) => new BinaryWriter().tag(fieldNumber, WireType.LengthDelimited).bytes(value).finish()

export const varint = (fieldNumber: number, value: number | bigint) => new BinaryWriter().tag(fieldNumber, WireType.Varint).int64(value).finish()

export const msg = (fieldNumber: number, ...fields: Uint8Array[]) => bytes(fieldNumber, cat(...fields))

export const packed = (fieldNumber: number, values: number[]) => {
  const body = new BinaryWriter()
  for (const v of values) body.int64(v)
  return bytes(fieldNumber, body.finish())
}

/** A map entry {1 key, 2 value}. */
export const entry = (fieldNumber: number, key: string, value: Uint8Array) => msg(fieldNumber, str(1, key), value)

/** "k8s\0" + runtime.Unknown{typeMeta{apiVersion, kind}, raw}. */
export const envelope = (apiVersion: string, kind: string, raw: Uint8Array) =>
  cat(PROTOBUF_MAGIC, msg(1, str(1, apiVersion), str(2, kind)), bytes(2, raw), str(3, ''), str(4, ''))

export const fromHex = (hex: string) => Uint8Array.from(Buffer.from(hex.replace(/\s+/g, ''), 'hex'))
