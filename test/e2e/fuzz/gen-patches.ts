import type { HttpCase } from './fuzz-case.js'
import { KINDS } from './fuzz-objects.js'
import { damageText, mutateObject, serialize, strangeValue } from './mutate-json.js'
import type { Prng } from './prng.js'

const PATCH_TYPES = ['application/merge-patch+json', 'application/strategic-merge-patch+json', 'application/json-patch+json', 'application/apply-patch+yaml'] as const

const POINTERS = ['', '/', '/metadata', '/metadata/labels/a', '/metadata/labels/a~1b', '/metadata/name', '/spec/containers/0/image', '/spec/containers/-', '/spec/containers/99999999999',
  '/spec/containers/-1', '/spec/containers/01', '/spec/replicas', '/data/a', '/a/~2', '/~', 'no-slash', '/metadata/managedFields/0/fieldsV1', '/spec/template/spec/containers/0/env/0',
  '/__proto__/polluted', '/constructor/prototype/polluted', '/metadata/resourceVersion', '/status', '/x'.repeat(400)]

function jsonPatchOp(rng: Prng): unknown {
  const op: Record<string, unknown> = { op: rng.pick(['add', 'remove', 'replace', 'move', 'copy', 'test', 'bogus', '', 'ADD']), path: rng.pick(POINTERS) }
  if (rng.chance(0.7)) op.value = strangeValue(rng)
  if (rng.chance(0.4)) op.from = rng.pick(POINTERS)
  if (rng.chance(0.1)) delete op.op
  if (rng.chance(0.1)) op.path = strangeValue(rng)
  return op
}

const SMP_DIRECTIVES = [
  { $patch: 'bogus' }, { $patch: 'replace' }, { $patch: 'delete' }, { $retainKeys: 'notalist' }, { $retainKeys: [1, {}] },
  { spec: { containers: [{ $patch: 'delete' }] } }, { spec: { containers: [{ name: 'c', $patch: 'nope' }] } },
  { spec: { $setElementOrder: 'x' } }, { spec: { '$setElementOrder/containers': [{ nope: 1 }] } }, { spec: { '$setElementOrder/containers': 'x' } },
  { spec: { '$deleteFromPrimitiveList/finalizers': 7 } }, { metadata: { '$deleteFromPrimitiveList/finalizers': ['a'] } }, { spec: { containers: { $patch: 'replace' } } },
  { spec: { containers: [{ name: 'c', ports: [{ containerPort: 'x' }] }] } }, { spec: { containers: [{}] } }, { spec: { containers: null } },
]

/** A malformed patch of one patch type: broken JSON, wrong shapes, bad pointers and ops, strange directives. */
function patchBody(type: (typeof PATCH_TYPES)[number], kindIndex: number, rng: Prng): string {
  const kind = KINDS[kindIndex]!
  switch (rng.int(5)) {
    case 0: return damageText(serialize(mutateObject(kind.valid('x'), rng)), rng)
    case 1: return serialize(rng.pick([[], [1, 2], 'a string', 42, null, true, { metadata: null }, { metadata: 'x' }, { spec: [] }]))
    case 2: return serialize(Array.from({ length: rng.between(1, 5) }, () => jsonPatchOp(rng)))
    case 3: return serialize(rng.pick(SMP_DIRECTIVES))
    default: {
      const object = mutateObject(type === 'application/apply-patch+yaml' ? kind.valid(kind.target.split('/').at(-1)!) : { metadata: { labels: { a: 'b' } } }, rng)
      return serialize(object)
    }
  }
}

/** Every patch type against the targets and their subresources, with malformed patches and odd options. */
export function patchCase(rng: Prng): HttpCase {
  const kindIndex = rng.int(KINDS.length)
  const kind = KINDS[kindIndex]!
  const type = rng.pick(PATCH_TYPES)
  const subresource = kind.name === 'Deployment' ? rng.pick(['', '', '/status', '/scale']) : kind.name === 'Pod' ? rng.pick(['', '', '/status']) : ''
  const query = rng.pick(['', '', '?fieldManager=fuzzer', '?fieldManager=fuzzer&force=true', '?force=true', '?force=maybe', '?fieldManager=' + 'x'.repeat(200), '?dryRun=All&fieldManager=f', '?fieldValidation=Strict&fieldManager=f'])
  return {
    kind: 'http', family: 'patch', method: 'PATCH', path: kind.target + subresource + query,
    headers: { 'content-type': rng.chance(0.05) ? rng.pick(['application/apply-patch+cbor', 'application/json', 'application/merge-patch+json; charset=utf-8']) : type },
    body: patchBody(type, kindIndex, rng),
  }
}
