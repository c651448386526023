import { type BinaryReader, WireType } from '@bufbuild/protobuf/wire'
import { endGroupForNonGroup, illegalTag } from './protobuf-error.js'

/** Reads a field tag, refusing field number 0 and the wire types gogo refuses, with its words. */
export function readTag(reader: BinaryReader, messageName: string): [fieldNumber: number, wireType: WireType] {
  const tag = reader.uint32()
  const fieldNumber = tag >>> 3
  const wireType = tag & 7
  if (wireType === WireType.EndGroup) throw endGroupForNonGroup(messageName)
  if (fieldNumber <= 0 || wireType > WireType.Bit32) throw illegalTag(messageName, fieldNumber, wireType)
  return [fieldNumber, wireType]
}

/**
 * Skips a field the message does not know, as gogo's skipGenerated does; its bounds and the nesting of
 * groups (at most 100 deep) are checked by the reader, so a lying length or endless groups cannot run away.
 */
export function skipField(reader: BinaryReader, wireType: WireType, fieldNumber: number): void {
  // A varint longer than 10 bytes is gogo's "integer overflow" even in a field it skips.
  if (wireType === WireType.Varint) reader.uint64()
  else reader.skip(wireType, fieldNumber)
}
