import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ApiError } from '../errors.js'
import { type BodyKind, decodeProtobufDeleteOptions, decodeProtobufObject } from './decode-protobuf-object.js'
import { decodeMessage } from './decode-message.js'
import { PROTOBUF_MAGIC } from './protobuf-envelope.js'
import { bytes, cat, entry, envelope, fromHex, msg, packed, str, varint } from './wire-test-support.fixture.js'

const NAMESPACE: BodyKind = { group: '', version: 'v1', kind: 'Namespace' }
const POD: BodyKind = { group: '', version: 'v1', kind: 'Pod' }
const meta = (...fields: Uint8Array[]) => msg(1, ...fields)
const NULL_TIME = { creationTimestamp: null }

// Each case: the object message (field 1 is metadata in every kind), and the JSON encoding/json writes.
const cases: { name: string; kind: BodyKind; raw: Uint8Array; want: Record<string, unknown> }[] = [
  {
    name: 'kubectl create namespace, as sent (empty strings and zeros on the wire are left out)',
    kind: NAMESPACE,
    raw: fromHex('0a160a0674 65616d2d6112001a00220 02a0032003800420012001a020a00'.replace(/ /g, '')),
    want: { metadata: { name: 'team-a', ...NULL_TIME }, spec: {}, status: {} },
  },
  {
    name: 'a pointer keeps an explicit zero (replicas: 0); non-pointer zeros with omitempty are left out; a nil pointer without omitempty is null',
    kind: { group: 'apps', version: 'v1', kind: 'Deployment' },
    raw: cat(meta(str(1, 'd')), msg(2, varint(1, 0), varint(5, 0), varint(7, 0), varint(6, 3))),
    want: { metadata: { name: 'd', ...NULL_TIME }, spec: { replicas: 0, selector: null, revisionHistoryLimit: 3, template: { metadata: NULL_TIME, spec: { containers: null } }, strategy: {} }, status: {} },
  },
  {
    name: 'a string without omitempty stays even when empty; a nil slice without omitempty is null',
    kind: POD,
    raw: cat(meta(), msg(2, msg(2, str(2, 'nginx')))),
    want: { metadata: NULL_TIME, spec: { containers: [{ name: '', image: 'nginx', resources: {} }] }, status: {} },
  },
  {
    name: 'maps: keys sorted, string values, bytes values in base64 (an empty value is "")',
    kind: { group: '', version: 'v1', kind: 'Secret' },
    raw: cat(meta(entry(11, 'z', str(2, '1')), entry(11, 'a', str(2, '2'))), entry(2, 'k', bytes(2, Buffer.from('admin'))), entry(2, 'e', bytes(2, new Uint8Array(0))), str(3, 'Opaque')),
    want: { metadata: { ...NULL_TIME, labels: { a: '2', z: '1' } }, data: { e: '', k: 'YWRtaW4=' }, type: 'Opaque' },
  },
  {
    name: 'ConfigMap binaryData, immutable pointer false kept',
    kind: { group: '', version: 'v1', kind: 'ConfigMap' },
    raw: cat(meta(str(1, 'c')), entry(3, 'bin', bytes(2, Uint8Array.of(0, 255))), varint(4, 0)),
    want: { metadata: { name: 'c', ...NULL_TIME }, immutable: false, binaryData: { bin: 'AP8=' } },
  },
  {
    name: 'Quantity map values, a missing value being the zero Quantity "0"; inline VolumeSource',
    kind: POD,
    raw: cat(meta(), msg(2, msg(1, str(1, 'v'), msg(2, msg(2))), msg(2, str(1, 'c'), msg(8, entry(1, 'cpu', msg(2, str(1, '500m'))), msg(2, str(1, 'memory')))))),
    want: { metadata: NULL_TIME, spec: { volumes: [{ name: 'v', emptyDir: {} }], containers: [{ name: 'c', resources: { limits: { cpu: '500m' }, requests: { memory: '0' } } }] }, status: {} },
  },
  {
    name: 'repeated int64, packed and not',
    kind: POD,
    raw: cat(meta(), msg(2, msg(14, packed(4, [1, 2]), varint(4, 3)))),
    want: { metadata: NULL_TIME, spec: { containers: null, securityContext: { supplementalGroups: [1, 2, 3] } }, status: {} },
  },
  {
    name: 'Time: RFC 3339 to the second (nanos dropped), the zero time null, a set pointer to the zero time null',
    kind: NAMESPACE,
    raw: cat(meta(msg(8, varint(1, 1767323045), varint(2, 999)), msg(9), varint(7, 2 ** 40))),
    want: { metadata: { generation: 2 ** 40, creationTimestamp: '2026-01-02T03:04:05Z', deletionTimestamp: null }, spec: {}, status: {} },
  },
  {
    name: 'MicroTime: six fraction digits; a repeated singular message merges; structs are never left out',
    kind: { group: 'events.k8s.io', version: 'v1', kind: 'Event' },
    raw: cat(meta(str(1, 'e')), meta(str(3, 'ns')), msg(2, varint(1, 1767323045), varint(2, 123456789))),
    want: { metadata: { name: 'e', namespace: 'ns', ...NULL_TIME }, eventTime: '2026-01-02T03:04:05.123456Z', regarding: {}, deprecatedSource: {}, deprecatedFirstTimestamp: null, deprecatedLastTimestamp: null },
  },
  {
    name: 'IntOrString as a number and as a string',
    kind: { group: '', version: 'v1', kind: 'Service' },
    raw: cat(meta(), msg(2, msg(1, varint(3, 80), msg(4, varint(2, 8080))), msg(1, varint(3, 443), msg(4, varint(1, 1), str(3, 'https'))))),
    want: { metadata: NULL_TIME, spec: { ports: [{ port: 80, targetPort: 8080 }, { port: 443, targetPort: 'https' }] }, status: { loadBalancer: {} } },
  },
  {
    name: 'RawExtension and FieldsV1 carry JSON',
    kind: { group: 'apps', version: 'v1', kind: 'ControllerRevision' },
    raw: cat(meta(msg(17, str(1, 'kubectl'), msg(7, bytes(1, Buffer.from('{"f:data":{}}'))))), msg(2, bytes(1, Buffer.from('{"a":[1,true]}'))), varint(3, 7)),
    want: { metadata: { ...NULL_TIME, managedFields: [{ manager: 'kubectl', fieldsV1: { 'f:data': {} } }] }, data: { a: [1, true] }, revision: 7 },
  },
  {
    name: 'a map of Go named slices (ExtraValue), and unknown fields of every wire type skipped',
    kind: { group: 'authentication.k8s.io', version: 'v1', kind: 'TokenReview' },
    raw: cat(meta(), varint(99, 1), str(98, 'x'), fromHex('bd0601020304'), fromHex('b90601020304050607 08'.replace(/ /g, '')), fromHex('a306 a806 01 a406'.replace(/ /g, '')),
      msg(3, msg(2, entry(4, 'scopes', msg(2, str(1, 'a'), str(1, 'b'))), entry(4, 'none', new Uint8Array(0))))),
    want: { metadata: NULL_TIME, spec: {}, status: { user: { extra: { none: null, scopes: ['a', 'b'] } } } },
  },
]

for (const c of cases) {
  test(`decodes: ${c.name}`, () => {
    const decoded = decodeProtobufObject(envelope(c.kind.group ? `${c.kind.group}/${c.kind.version}` : c.kind.version, c.kind.kind, c.raw), c.kind)
    const { kind, apiVersion, ...object } = decoded
    assert.deepEqual([kind, apiVersion], [c.kind.kind, c.kind.group ? `${c.kind.group}/${c.kind.version}` : c.kind.version])
    assert.deepEqual(object, c.want)
  })
}

test('an envelope without typeMeta takes the URL kind (copyKindDefaults)', () => {
  const body = cat(PROTOBUF_MAGIC, bytes(2, meta(str(1, 'n'))))
  assert.deepEqual(decodeProtobufObject(body, NAMESPACE), { kind: 'Namespace', apiVersion: 'v1', metadata: { name: 'n', ...NULL_TIME }, spec: {}, status: {} })
})

const CANNOT = 'Namespace in version "v1" cannot be handled as a Namespace: '
const UNRECOGNIZED = 'the object provided is unrecognized (must be of type Namespace): '
const hugeLength = cat(fromHex('0a'), fromHex('ffffffff0f'))
const nestedGroups = cat(...Array.from({ length: 150 }, () => fromHex('a306')))
const badCases: { name: string; body: Uint8Array; message: string }[] = [
  { name: 'empty', body: new Uint8Array(0), message: `${UNRECOGNIZED}empty data (<empty>)` },
  { name: 'the magic alone', body: PROTOBUF_MAGIC, message: `${UNRECOGNIZED}empty body (6b387300)` },
  { name: 'JSON sent as protobuf', body: Buffer.from('{"kind":"Namespace"}'), message: `${UNRECOGNIZED}provided data does not appear to be a protobuf message, expected prefix [107 56 115 0] ({"kind":"Namespace"})` },
  { name: 'a wrong magic number', body: fromHex('6b387301 0a00'), message: `${UNRECOGNIZED}provided data does not appear to be a protobuf message, expected prefix [107 56 115 0] (6b3873010a00)` },
  { name: 'the envelope truncated', body: envelope('v1', 'Namespace', meta(str(1, 'n'))).subarray(0, 20), message: `${UNRECOGNIZED}unexpected EOF (6b3873000a0f0a02763112094e616d6573706163)` },
  { name: 'the object truncated', body: envelope('v1', 'Namespace', meta(str(1, 'name')).subarray(0, 5)), message: `${CANNOT}unexpected EOF` },
  { name: 'a huge length prefix', body: envelope('v1', 'Namespace', hugeLength), message: `${CANNOT}unexpected EOF` },
  { name: 'a varint of 11 bytes', body: envelope('v1', 'Namespace', meta(fromHex('38'), fromHex('ffffffffffffffffffff01'))), message: `${CANNOT}proto: integer overflow` },
  { name: 'a varint of 11 bytes in a skipped field', body: envelope('v1', 'Namespace', cat(fromHex('38'), fromHex('ffffffffffffffffffff01'))), message: `${CANNOT}proto: integer overflow` },
  { name: 'a wrong wire type', body: envelope('v1', 'Namespace', meta(varint(1, 5))), message: `${CANNOT}proto: wrong wireType = 0 for field Name` },
  { name: 'field number 0', body: envelope('v1', 'Namespace', fromHex('0000')), message: `${CANNOT}proto: Namespace: illegal tag 0 (wire type 0)` },
  { name: 'an end group', body: envelope('v1', 'Namespace', fromHex('0c')), message: `${CANNOT}proto: Namespace: wiretype end group for non-group` },
  { name: 'groups nested 150 deep', body: envelope('v1', 'Namespace', nestedGroups), message: `${CANNOT}proto: exceeded maximum recursion depth` },
  { name: 'an impossible IntOrString type', body: envelope('v1', 'Service', msg(2, msg(1, msg(4, varint(1, 2))))), message: 'Service in version "v1" cannot be handled as a Service: impossible IntOrString.Type' },
  { name: 'a RawExtension that is not JSON', body: envelope('apps/v1', 'ControllerRevision', msg(2, bytes(1, Buffer.from('garbage')))), message: 'ControllerRevision in version "v1" cannot be handled as a ControllerRevision: cannot convert RawExtension with unrecognized content type to unstructured' },
]
const KIND_OF: Record<string, BodyKind> = { Service: { group: '', version: 'v1', kind: 'Service' }, ControllerRevision: { group: 'apps', version: 'v1', kind: 'ControllerRevision' } }

for (const c of badCases) {
  test(`refuses with kube's 400: ${c.name}`, () => {
    const kind = KIND_OF[c.message.split(' ')[0]!] ?? NAMESPACE
    assert.throws(() => decodeProtobufObject(c.body, kind), (error: unknown) => {
      assert.ok(error instanceof ApiError)
      assert.equal(error.code, 400)
      assert.equal(error.message, c.message)
      return true
    })
  })
}

const kindCases = [
  { name: 'another served kind', apiVersion: 'v1', kind: 'ConfigMap', message: 'ConfigMap in version "v1" cannot be handled as a Namespace: converting (v1.ConfigMap) to (core.Namespace): unknown conversion' },
  { name: 'a kind of another group', apiVersion: 'apps/v1', kind: 'Deployment', message: 'Deployment in version "v1" cannot be handled as a Namespace: converting (v1.Deployment) to (core.Namespace): unknown conversion' },
  { name: 'a kind no scheme has', apiVersion: 'v1', kind: 'Bogus', message: 'Bogus in version "v1" cannot be handled as a Namespace: no kind "Bogus" is registered for version "v1" in scheme "k8s.io/kubernetes/pkg/api/legacyscheme/scheme.go:30"' },
  { name: 'another version of the kind', apiVersion: 'v2', kind: 'Namespace', message: 'the API version in the data (v2) does not match the expected API version (v1)' },
]
for (const c of kindCases) {
  test(`a kind that does not fit the URL: ${c.name}`, () => {
    assert.throws(() => decodeProtobufObject(envelope(c.apiVersion, c.kind, meta()), NAMESPACE), { code: 400, message: c.message })
  })
}

test('the scale subresource takes autoscaling/v1 Scale, whose internal type is autoscaling.Scale', () => {
  const scale: BodyKind = { group: 'autoscaling', version: 'v1', kind: 'Scale' }
  const body = envelope('autoscaling/v1', 'Scale', cat(meta(str(1, 'd'), str(6, '7')), msg(2, varint(1, 3))))
  assert.deepEqual(decodeProtobufObject(body, scale), { kind: 'Scale', apiVersion: 'autoscaling/v1', metadata: { name: 'd', resourceVersion: '7', ...NULL_TIME }, spec: { replicas: 3 }, status: { replicas: 0 } })
  assert.throws(() => decodeProtobufObject(envelope('apps/v1', 'Deployment', meta()), scale), { message: 'Deployment in version "v1" cannot be handled as a Scale: converting (v1.Deployment) to (autoscaling.Scale): unknown conversion' })
})

test('DeleteOptions of any group version (typed clients send them with DELETE)', () => {
  const body = envelope('apps/v1', 'DeleteOptions', cat(varint(1, 0), msg(2, str(2, '42')), str(4, 'Foreground'), str(5, 'All')))
  assert.deepEqual(decodeProtobufDeleteOptions(body), { gracePeriodSeconds: 0, preconditions: { resourceVersion: '42' }, propagationPolicy: 'Foreground', dryRun: ['All'] })
  assert.throws(() => decodeProtobufDeleteOptions(envelope('v1', 'Pod', new Uint8Array(0))), { message: 'decoded object cannot be converted to DeleteOptions' })
})

test('metav1.Duration (no served kind has one yet) is Go\'s Duration.String()', () => {
  assert.equal(decodeMessage('meta.v1.Duration', [varint(1, 90_000_000_000)]), '1m30s')
  assert.equal(decodeMessage('meta.v1.Duration', []), '0s')
})
