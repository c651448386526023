import { stringify as toYaml } from 'yaml'
import { PROTOBUF_MAGIC } from '../../../src/api/protobuf/protobuf-envelope.js'
import { bytes, cat, envelope, fromHex, msg, str } from '../../../src/api/protobuf/wire-test-support.fixture.js'
import type { HttpCase } from './fuzz-case.js'
import { KINDS, type Kind } from './fuzz-objects.js'
import { damageText, mutateObject, serialize } from './mutate-json.js'
import type { Prng } from './prng.js'

const LOWER = 'abcdefghijklmnopqrstuvwxyz0123456789'
const WRITE_QUERIES = ['', '', '?fieldValidation=Strict', '?fieldValidation=Warn', '?fieldValidation=Ignore', '?dryRun=All', '?fieldManager=fuzzer']

/** A create (POST to the collection) or an update (PUT to the target) of `kind`. */
function writeTarget(kind: Kind, rng: Prng): { method: string; path: string; name: string } {
  const query = rng.pick(WRITE_QUERIES)
  if (rng.chance(0.3)) return { method: 'PUT', path: kind.target + query, name: kind.target.split('/').at(-1)! }
  return { method: 'POST', path: kind.collection + query, name: `f-${rng.string(8, LOWER)}` }
}

/** A Pod, Deployment, ConfigMap or Service with wrong types, strange keys and values at any level, sometimes broken as text. */
export function jsonBodyCase(rng: Prng): HttpCase {
  const kind = rng.pick(KINDS)
  const target = writeTarget(kind, rng)
  let object: unknown = kind.valid(target.name)
  for (let i = rng.between(1, 3); i > 0; i--) object = mutateObject(object, rng)
  let text = serialize(object)
  if (rng.chance(0.3)) text = damageText(text, rng)
  return { kind: 'http', family: 'json-body', method: target.method, path: target.path, headers: { 'content-type': 'application/json' }, body: text }
}

/** Billion laughs: `levels` anchors, each a list of `width` aliases of the one before. */
export function aliasBomb(levels: number, width: number): string {
  const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: bomb}', `l0: &l0 [${Array(width).fill('"lol"').join(',')}]`]
  for (let i = 1; i < levels; i++) lines.push(`l${i}: &l${i} [${Array(width).fill(`*l${i - 1}`).join(',')}]`)
  lines.push(`data: {a: *l${levels - 1}}`)
  return lines.join('\n')
}

const NASTY_YAML = [
  'a: &a [*a]', '*undefined', '!!binary ZZZ', '--- !!python/object/apply:os.system ["true"]', 'metadata: !!js/function "function(){}"',
  '---\nkind: Pod\n---\nkind: Pod', 'a: 1\na: 2', '? [complex, key]\n: value', '<<: *missing', 'metadata:\n\tname: tab',
  'metadata: {name: x\n', '"unterminated', '- - - - - - - - - - - - - - - - -', 'a: !!int "not a number"', 'a: 0x', '%YAML 9.9\n---\na: 1',
  '%TAG ! tag:evil.example,2000:\n--- !thing {}', 'metadata:\n  name: x\n  name: y', ':', '[', '{', ']', 'null', '~', '[]', '"string"', '42',
]

/** YAML bodies: alias bombs, parser edge cases, mutated objects as YAML, bytes. */
export function yamlCase(rng: Prng): HttpCase {
  const kind = rng.pick(KINDS)
  const target = writeTarget(kind, rng)
  let body: string | Uint8Array
  switch (rng.int(5)) {
    case 0: body = aliasBomb(rng.between(3, 12), rng.between(5, 12)); break
    case 1: body = rng.pick(NASTY_YAML); break
    case 2: body = damageText(toYaml(mutateObject(kind.valid(target.name), rng)), rng); break
    case 3: body = rng.bytes(rng.between(1, 512)); break
    default: body = toYaml(mutateObject(kind.valid(target.name), rng))
  }
  const isApply = rng.chance(0.3)
  return {
    kind: 'http', family: 'yaml-body', method: isApply ? 'PATCH' : target.method,
    path: isApply ? `${kind.target}?fieldManager=fuzzer${rng.chance(0.5) ? '&force=true' : ''}` : target.path,
    headers: { 'content-type': isApply ? 'application/apply-patch+yaml' : 'application/yaml' }, body,
  }
}

function damageBytes(body: Uint8Array, rng: Prng): Uint8Array {
  const at = rng.int(body.length)
  switch (rng.int(8)) {
    case 0: return body.subarray(0, at)
    case 1: return Uint8Array.from(body, (b, i) => (i === at ? rng.int(256) : b))
    case 2: return cat(body.subarray(0, at), rng.bytes(rng.between(1, 16)), body.subarray(at))
    case 3: return cat(fromHex(rng.pick(['6b387374', '00000000', '7b7d', ''])), body.subarray(4))
    case 4: return cat(body.subarray(0, at), fromHex(rng.pick(['ffffffffffffffffff01', 'ffffffff0f', '80808080808080808080', '0b', '0c', '0f'])), body.subarray(at))
    case 5: return cat(PROTOBUF_MAGIC, rng.bytes(rng.between(0, 256)))
    case 6: return cat(body, bytes(rng.between(16, 999), rng.bytes(rng.between(0, 64))))
    default: return envelope('v1', rng.pick(['Secret', 'Pod', 'Nope', '', 'ConfigMap']), cat(msg(1, str(1, 'x')), rng.bytes(rng.between(0, 32))))
  }
}

/** Protobuf bodies: a valid message of the kind, then truncated, flipped, given bad magic or lengths, or wrapped in another kind. */
export function protobufCase(rng: Prng): HttpCase {
  const kind = rng.pick(KINDS.filter((k) => k.protobuf))
  const target = writeTarget(kind, rng)
  let body = kind.protobuf!(target.name)
  for (let i = rng.between(1, 2); i > 0; i--) body = damageBytes(body, rng)
  if (rng.chance(0.05)) body = cat(PROTOBUF_MAGIC, deepMessage(rng.pick([100, 1000, 3000])))
  return { kind: 'http', family: 'protobuf-body', method: target.method, path: target.path, headers: { 'content-type': 'application/vnd.kubernetes.protobuf' }, body }
}

/** A length-delimited field inside another, `depth` times: a decoder that recurses into every field would overflow. */
function deepMessage(depth: number): Uint8Array {
  let inner: Uint8Array = str(1, 'x')
  for (let i = 0; i < depth; i++) inner = msg(1, inner)
  return inner
}
