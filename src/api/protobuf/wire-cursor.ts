import { BinaryReader, WireType } from '@bufbuild/protobuf/wire'
import { endGroupForNonGroup, illegalTag } from './protobuf-error.js'

// Non-fatal, keeping a leading U+FEFF: the decoder @bufbuild/protobuf's BinaryReader.string() uses.
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true })

/** Up to this length, a string is built in JavaScript (as BinaryReader does up to 32 bytes). */
const SHORT_STRING_BYTES = 32

function isAscii(buf: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (buf[i]! > 0x7f) return false
  return true
}

const prematureEof = () => new RangeError('premature EOF')

/**
 * Reads the bytes [start, end) of one buffer as @bufbuild/protobuf's BinaryReader reads them when
 * given exactly those bytes: the same values, and the same failures (a RangeError past `end`, "invalid
 * varint" past ten bytes), which asProtobufError words as gogo does. A message nested in the body is
 * a range of the same buffer, so reading one costs no copy, no view, no DataView and no tuple per tag.
 */
export class WireCursor {
  pos: number
  /** the two halves of the last varint64(), as BinaryReader keeps them */
  lo = 0
  hi = 0
  /** the wire type of the last tag() */
  wireType: WireType = WireType.Varint

  constructor(readonly buf: Buffer, start: number, readonly end: number) {
    this.pos = start
  }

  /** The next byte; past the end 0, which ends a varint as BinaryReader's `undefined` does, and the bounds check then fails. */
  byte(): number {
    return this.pos < this.end ? this.buf[this.pos++]! : (this.pos++, 0)
  }

  #checked(value: number): number {
    if (this.pos > this.end) throw prematureEof()
    return value
  }

  /** BinaryReader.uint32(): a varint of up to ten bytes, its low 32 bits. */
  uint32(): number {
    let b = this.byte()
    if (b < 0x80) return this.#checked(b)
    let result = b & 0x7f
    for (let shift = 7; shift < 28; shift += 7) {
      b = this.byte()
      result |= (b & 0x7f) << shift
      if (b < 0x80) return this.#checked(result)
    }
    b = this.byte()
    result |= (b & 0x0f) << 28
    for (let read = 5; (b & 0x80) !== 0 && read < 10; read++) b = this.byte()
    if ((b & 0x80) !== 0) throw new Error('invalid varint')
    return this.#checked(result >>> 0)
  }

  /** BinaryReader's varint64read: the varint's halves into `lo` and `hi`. */
  varint64(): void {
    let lo = 0
    let hi = 0
    let b = 0
    for (let shift = 0; shift < 28; shift += 7) {
      b = this.byte()
      lo |= (b & 0x7f) << shift
      if (b < 0x80) return this.#setHalves(lo, hi)
    }
    b = this.byte()
    lo |= (b & 0x0f) << 28
    hi = (b & 0x70) >> 4
    if (b < 0x80) return this.#setHalves(lo, hi)
    for (let shift = 3; shift <= 31; shift += 7) {
      b = this.byte()
      hi |= (b & 0x7f) << shift
      if (b < 0x80) return this.#setHalves(lo, hi)
    }
    throw new Error('invalid varint')
  }

  #setHalves(lo: number, hi: number): void {
    this.#checked(0)
    this.lo = lo
    this.hi = hi
  }

  /** Number(BinaryReader.int64()): the signed 64-bit value, rounded once to a double as Number(bigint) rounds it. */
  int64(): number {
    this.varint64()
    return this.hi * 0x1_0000_0000 + (this.lo >>> 0)
  }

  /** BinaryReader.int64() as a bigint: exact, for the values a double cannot hold (Duration's nanoseconds). */
  int64BigInt(): bigint {
    this.varint64()
    return (BigInt(this.hi) << 32n) + BigInt(this.lo >>> 0)
  }

  int32(): number {
    return this.uint32() | 0
  }

  bool(): boolean {
    if (this.pos < this.end && this.buf[this.pos]! < 0x80) return this.buf[this.pos++] !== 0
    this.varint64()
    return this.lo !== 0 || this.hi !== 0
  }

  /** Steps over a length-delimited value; returns where it starts (it ends at `pos`). */
  delimited(): number {
    const length = this.uint32()
    const start = this.pos
    this.pos += length
    this.#checked(0)
    return start
  }

  /**
   * BinaryReader.string(): UTF-8, invalid sequences replaced by U+FFFD. A short ASCII string, as
   * nearly every string of an object is, is made from its char codes (cheaper than a native call).
   */
  string(): string {
    const start = this.delimited()
    const { buf, pos } = this
    const length = pos - start
    if (length > SHORT_STRING_BYTES) return isAscii(buf, start, pos) ? buf.toString('latin1', start, pos) : utf8.decode(buf.subarray(start, pos))
    const codes = new Array<number>(length)
    for (let i = 0; i < length; i++) {
      const code = buf[start + i]!
      if (code > 0x7f) return utf8.decode(buf.subarray(start, pos))
      codes[i] = code
    }
    return String.fromCharCode(...codes)
  }

  /**
   * A field tag: returns the field number and leaves the wire type in `wireType`. Field number 0 and
   * the wire types gogo refuses are refused with its words.
   */
  tag(messageName: string): number {
    const tag = this.uint32()
    const fieldNumber = tag >>> 3
    const wireType = tag & 7
    if (wireType === WireType.EndGroup) throw endGroupForNonGroup(messageName)
    if (fieldNumber <= 0 || wireType > WireType.Bit32) throw illegalTag(messageName, fieldNumber, wireType)
    this.wireType = wireType
    return fieldNumber
  }

  /**
   * Skips a field the message does not know, as gogo's skipGenerated does. A varint is read whole: one
   * longer than 10 bytes is gogo's "integer overflow" even in a field it skips. Groups, which no
   * client sends, are left to BinaryReader.skip, which bounds their nesting (at most 100 deep), so
   * endless groups cannot run away.
   */
  skip(wireType: WireType, fieldNumber: number): void {
    if (wireType === WireType.Varint) this.varint64()
    else if (wireType === WireType.LengthDelimited) this.delimited()
    else if (wireType === WireType.Bit32 || wireType === WireType.Bit64) {
      this.pos += wireType === WireType.Bit32 ? 4 : 8
      this.#checked(0)
    } else {
      const reader = new BinaryReader(this.buf.subarray(0, this.end))
      reader.pos = this.pos
      reader.skip(wireType, fieldNumber)
      this.pos = reader.pos
    }
  }
}
