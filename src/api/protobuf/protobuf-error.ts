/**
 * A body that does not decode, worded as gogo's generated Unmarshal code words it (k8s.io/api
 * generated.pb.go: io.ErrUnexpectedEOF, ErrIntOverflowGenerated, "proto: wrong wireType = %d for
 * field %s", "proto: %s: illegal tag %d (wire type %d)"), so the 400 reads as kube's.
 */
export class ProtobufError extends Error {}

export const unexpectedEof = () => new ProtobufError('unexpected EOF')

export const wrongWireType = (wireType: number, goName: string) =>
  new ProtobufError(`proto: wrong wireType = ${wireType} for field ${goName}`)

export const illegalTag = (messageName: string, fieldNumber: number, wireType: number) =>
  new ProtobufError(`proto: ${goTypeName(messageName)}: illegal tag ${fieldNumber} (wire type ${wireType})`)

export const endGroupForNonGroup = (messageName: string) =>
  new ProtobufError(`proto: ${goTypeName(messageName)}: wiretype end group for non-group`)

/** `core.v1.ObjectMeta` → `ObjectMeta` */
const goTypeName = (messageName: string) => messageName.slice(messageName.lastIndexOf('.') + 1)

/**
 * The wire reader's failures as gogo names them: reading past the end is io.ErrUnexpectedEOF, a
 * varint longer than 10 bytes is ErrIntOverflowGenerated. Our own errors pass through.
 */
export function asProtobufError(error: unknown): ProtobufError {
  if (error instanceof ProtobufError) return error
  if (error instanceof RangeError) return unexpectedEof()
  const message = error instanceof Error ? error.message : String(error)
  if (message.includes('invalid varint') || message.includes('varint overflows')) return new ProtobufError('proto: integer overflow')
  if (message.includes('maximum recursion depth')) return new ProtobufError('proto: exceeded maximum recursion depth')
  return new ProtobufError(`proto: ${message}`)
}
