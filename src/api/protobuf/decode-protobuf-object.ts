import { badRequest } from '../errors.js'
import type { JsonObject } from '../json-object.js'
import { decodeMessage } from './decode-message.js'
import { kindMessageName } from './message-table.js'
import { asProtobufError, ProtobufError } from './protobuf-error.js'
import { readEnvelope } from './protobuf-envelope.js'

export const PROTOBUF_MEDIA_TYPE = 'application/vnd.kubernetes.protobuf'

/** The kind a URL takes as its body: the resource's own, or autoscaling/v1 Scale for `scale`. */
export interface BodyKind {
  group: string
  version: string
  kind: string
}

const apiVersionOf = (k: Pick<BodyKind, 'group' | 'version'>) => (k.group ? `${k.group}/${k.version}` : k.version)

/** Whether the table can decode bodies of this kind; kube answers 415 for kinds without protobuf (CRDs). */
export const decodesProtobuf = (kind: BodyKind) => kindMessageName(apiVersionOf(kind), kind.kind) !== undefined

/**
 * Decodes a protobuf request body into the JSON object a JSON body for the same Go object carries, so
 * everything behind the HTTP layer sees what it always sees. The errors are kube-apiserver's: the
 * Serializer.Decode errors (pkg/runtime/serializer/protobuf/protobuf.go) wrapped by the handlers'
 * transformDecodeError (apiserver pkg/endpoints/handlers/rest.go), and a kind that does not fit the
 * URL as the scheme's conversion refuses it.
 */
export function decodeProtobufObject(body: Uint8Array, expected: BodyKind): JsonObject {
  let envelope
  try {
    envelope = readEnvelope(body)
  } catch (error) {
    throw badRequest(`the object provided is unrecognized (must be of type ${expected.kind}): ${asProtobufError(error).message} (${summarize(body)})`)
  }
  // copyKindDefaults: an empty kind or version in the envelope takes the URL's.
  const kind = envelope.kind || expected.kind
  const [group, version] = envelope.apiVersion ? splitApiVersion(envelope.apiVersion) : [expected.group, expected.version]
  const actual = { group, version, kind }
  if (kind !== expected.kind || group !== expected.group) throw cannotHandle(actual, expected, notConvertible(actual, expected))
  const apiVersion = apiVersionOf(expected)
  if (version !== expected.version) {
    // apiserver handlers/create.go and update.go, after decoding: scope.AcceptsGroupVersion
    throw badRequest(`the API version in the data (${apiVersionOf(actual)}) does not match the expected API version (${apiVersion})`)
  }
  let object
  try {
    object = decodeMessage(kindMessageName(apiVersion, expected.kind)!, [envelope.raw]) as JsonObject
  } catch (error) {
    throw cannotHandle(actual, expected, asProtobufError(error).message)
  }
  // TypeMeta comes first, kind before apiVersion, as encoding/json writes the inlined struct.
  return { kind, apiVersion, ...object }
}

const cannotHandle = (actual: BodyKind, expected: BodyKind, why: string) =>
  badRequest(`${actual.kind} in version "${actual.version}" cannot be handled as a ${expected.kind}: ${why}`)

function splitApiVersion(apiVersion: string): [group: string, version: string] {
  const slash = apiVersion.indexOf('/')
  return slash < 0 ? ['', apiVersion] : [apiVersion.slice(0, slash), apiVersion.slice(slash + 1)]
}

/**
 * Why the scheme cannot turn the envelope's kind into the URL's: no such kind at all (runtime/error.go
 * notRegisteredErr), or no conversion between the two (conversion/converter.go), which names the Go
 * types: the versioned package (`v1.ConfigMap`) and the internal one (`core.Namespace`).
 */
function notConvertible(actual: BodyKind, expected: BodyKind): string {
  const actualApiVersion = apiVersionOf(actual)
  if (kindMessageName(actualApiVersion, actual.kind) === undefined) {
    return `no kind ${JSON.stringify(actual.kind)} is registered for version ${JSON.stringify(actualApiVersion)} in scheme "k8s.io/kubernetes/pkg/api/legacyscheme/scheme.go:30"`
  }
  return `converting (${actual.version}.${actual.kind}) to (${internalPackage(expected.group)}.${expected.kind}): unknown conversion`
}

/** The Go package of a group's internal types: k8s.io/kubernetes/pkg/apis/<name>; events.k8s.io's Event is core's. */
const internalPackage = (group: string) => (group === '' || group === 'events.k8s.io' ? 'core' : group.split('.')[0]!)

/** What kube's summarizeData shows of a body it cannot read: 30 bytes, in hex unless it looks like JSON. */
function summarize(body: Uint8Array): string {
  if (body.length === 0) return '<empty>'
  const head = Buffer.from(body.buffer, body.byteOffset, Math.min(body.length, 30))
  const text = body[0] === 0x7b ? head.toString('utf8') : head.toString('hex')
  return body.length > 30 ? `${text} ...` : text
}

/**
 * A protobuf DeleteOptions body, as typed clients send with DELETE. kube takes DeleteOptions of any
 * group version there (apiserver handlers/delete.go: "allow existing clients to submit per group
 * DeleteOptions"); the caller words the error.
 */
export function decodeProtobufDeleteOptions(body: Uint8Array): JsonObject {
  const envelope = readEnvelope(body)
  if (envelope.kind !== '' && envelope.kind !== 'DeleteOptions') throw new ProtobufError('decoded object cannot be converted to DeleteOptions')
  try {
    return decodeMessage('meta.v1.DeleteOptions', [envelope.raw]) as JsonObject
  } catch (error) {
    throw asProtobufError(error)
  }
}
