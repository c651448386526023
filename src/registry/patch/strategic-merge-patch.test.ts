import assert from 'node:assert/strict'
import { test } from 'node:test'
import { DEPLOYMENT_SCHEMA, deploymentSchemas } from './deployment-schemas.fixture.js'
import { applyDeploy1Created, applyDeploy2Patch, s2Patch } from './kubectl-requests.fixture.js'
import { typeDescriptionFromOpenApi } from '../type-description/from-openapi.js'
import { DEDUCED } from '../type-description/type-description.js'
import { apiError, assertSharesNothing, deepFreeze } from './patch-test-support.fixture.js'
import { applyStrategicMergePatch } from './strategic-merge-patch.js'

const meta = typeDescriptionFromOpenApi(deploymentSchemas, DEPLOYMENT_SCHEMA)
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration'

/** Applies with the Deployment meta to frozen inputs, checking the result is fresh and directive-free. */
function apply(document: unknown, patch: unknown): any {
  const result = applyStrategicMergePatch(deepFreeze(document), deepFreeze(patch), meta)
  assert.doesNotMatch(JSON.stringify(result), /"\$(patch|retainKeys|setElementOrder|deleteFromPrimitiveList)/)
  assertSharesNothing(result)
  return result
}

test('smp: kubectl apply-deploy-2 on the object apply-deploy-1 created', () => {
  const result = apply(structuredClone(applyDeploy1Created), applyDeploy2Patch)
  const want: any = structuredClone(applyDeploy1Created)
  want.metadata.annotations[LAST_APPLIED] = applyDeploy2Patch.metadata.annotations[LAST_APPLIED]
  want.spec.replicas = 3
  want.spec.template.spec.containers = [
    { env: [{ name: 'A', value: '1' }], image: 'nginx:1.28', name: 'web' },
    { image: 'busybox:1.36', name: 'side' },
  ]
  assert.deepEqual(result, want)
})

const port = (containerPort: number) => ({ containerPort, protocol: 'TCP' })

test('smp: kubectl s2 (retainKeys, port delete, volume source switch, finalizer delete)', () => {
  const live = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'd3', finalizers: ['example.com/a', 'example.com/b'], annotations: { [LAST_APPLIED]: '{}' } },
    spec: {
      selector: { matchLabels: { app: 'd3' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } },
      template: {
        metadata: { labels: { app: 'd3' } },
        spec: {
          containers: [{ name: 'web', image: 'nginx', ports: [port(80), port(443)] }],
          volumes: [{ name: 'v1', emptyDir: {} }],
        },
      },
    },
  }
  const result = apply(live, s2Patch)
  assert.deepEqual(result.metadata.finalizers, ['example.com/a'])
  assert.equal(result.metadata.annotations[LAST_APPLIED], s2Patch.metadata.annotations[LAST_APPLIED])
  assert.deepEqual(result.spec.strategy, { type: 'Recreate' })
  assert.deepEqual(result.spec.template.spec.containers, [{ name: 'web', image: 'nginx', ports: [port(443)] }])
  assert.deepEqual(result.spec.template.spec.volumes, [{ name: 'v1', configMap: { name: 'cm1' } }])
  assert.deepEqual(result.spec.selector, live.spec.selector)
})

const web = { name: 'web', image: 'nginx', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] }
const side = { name: 'side', image: 'busybox' }
const withPodSpec = (podSpec: unknown) => ({ spec: { template: { spec: podSpec } } })

/** Each case patches a Deployment whose pod spec is `live`, and looks at the resulting pod spec. */
const podSpecCases: Array<{ name: string; live: object; patch: object; want: object }> = [
  {
    name: 'patch-smp.log shape: a container named in the patch merges, others stay',
    live: { containers: [web, side] },
    patch: { containers: [{ name: 'side', image: 'busybox:2' }] },
    want: { containers: [web, { name: 'side', image: 'busybox:2' }] },
  },
  {
    name: 'a new container without $setElementOrder lands before the live ones, as in kube',
    live: { containers: [web] },
    patch: { containers: [side] },
    want: { containers: [side, web] },
  },
  {
    name: 'the design-proposal example: live [B C A], patch [A B D] gives [C A B D]',
    live: { containers: [{ name: 'B' }, { name: 'C' }, { name: 'A' }] },
    patch: { containers: [{ name: 'A', x: 1 }, { name: 'B', x: 1 }, { name: 'D' }] },
    want: { containers: [{ name: 'C' }, { name: 'A', x: 1 }, { name: 'B', x: 1 }, { name: 'D' }] },
  },
  {
    name: '$setElementOrder alone reorders a keyed list',
    live: { containers: [side, web] },
    patch: { '$setElementOrder/containers': [{ name: 'web' }, { name: 'side' }] },
    want: { containers: [web, side] },
  },
  {
    name: '$setElementOrder places a new element; an unlisted live one keeps its place before a listed one',
    live: { containers: [{ name: 'x' }, web] },
    patch: { '$setElementOrder/containers': [{ name: 'web' }, { name: 'side' }], containers: [side] },
    want: { containers: [{ name: 'x' }, web, side] },
  },
  {
    name: '$patch: delete removes an element by merge key, nested in a merged element',
    live: { containers: [web, side] },
    patch: { containers: [{ name: 'web', env: [{ $patch: 'delete', name: 'A' }] }] },
    want: { containers: [{ ...web, env: [{ name: 'B', value: '2' }] }, side] },
  },
  {
    name: 'a {"$patch":"replace"} element replaces the whole list',
    live: { containers: [web, side] },
    patch: { containers: [{ $patch: 'replace' }, { name: 'only', image: 'x' }] },
    want: { containers: [{ name: 'only', image: 'x' }] },
  },
  {
    name: 'a list without merge strategy is replaced whole',
    live: { tolerations: [{ key: 'a' }, { key: 'b' }], containers: [{ name: 'c', args: ['1', '2'] }] },
    patch: { tolerations: [{ key: 'c', value: null }], containers: [{ name: 'c', args: ['3'] }] },
    want: { tolerations: [{ key: 'c' }], containers: [{ name: 'c', args: ['3'] }] },
  },
  {
    name: 'ports merge by their numeric containerPort',
    live: { containers: [{ name: 'c', ports: [port(80)] }] },
    patch: { containers: [{ name: 'c', ports: [{ containerPort: 80, name: 'http' }, { containerPort: 81 }] }] },
    want: { containers: [{ name: 'c', ports: [{ ...port(80), name: 'http' }, { containerPort: 81 }] }] },
  },
  {
    name: 'volumes: $retainKeys in a list element switches the volume source',
    live: { volumes: [{ name: 'v', emptyDir: { medium: 'Memory' } }, { name: 'w', emptyDir: {} }] },
    patch: { volumes: [{ $retainKeys: ['configMap', 'name'], name: 'v', configMap: { name: 'cm' } }] },
    want: { volumes: [{ name: 'v', configMap: { name: 'cm' } }, { name: 'w', emptyDir: {} }] },
  },
  {
    name: 'a merge list absent from the live object takes the patch, directives applied',
    live: {},
    patch: { containers: [{ name: 'a', env: [{ $patch: 'delete', name: 'X' }, { name: 'Y', value: null }] }] },
    want: { containers: [{ name: 'a', env: [{ name: 'Y' }] }] },
  },
  {
    name: 'maps merge and null deletes; a map-typed atomic field still merges, as SMP ignores map-type',
    live: { nodeSelector: { a: '1', b: '2' } },
    patch: { nodeSelector: { b: null, c: '3' } },
    want: { nodeSelector: { a: '1', c: '3' } },
  },
]

for (const c of podSpecCases) {
  test(`smp: ${c.name}`, () => {
    assert.deepEqual(apply(withPodSpec(c.live), withPodSpec(c.patch)).spec.template.spec, c.want)
  })
}

/** Cases on the whole Deployment. */
const objectCases: Array<{ name: string; live: object; patch: object; want: object }> = [
  {
    name: 'finalizers (merge primitive list) take the union, new values first as in kube',
    live: { metadata: { finalizers: ['a', 'b'] } },
    patch: { metadata: { finalizers: ['b', 'c'] } },
    want: { metadata: { finalizers: ['a', 'b', 'c'] } },
  },
  {
    name: 'a value new to a primitive merge list without order goes first',
    live: { metadata: { finalizers: ['a', 'b'] } },
    patch: { metadata: { finalizers: ['c'] } },
    want: { metadata: { finalizers: ['c', 'a', 'b'] } },
  },
  {
    name: '$setElementOrder orders a primitive list by value, $deleteFromPrimitiveList removes',
    live: { metadata: { finalizers: ['a', 'b', 'c'] } },
    patch: {
      metadata: {
        '$setElementOrder/finalizers': ['c', 'd', 'a'],
        finalizers: ['d'],
        '$deleteFromPrimitiveList/finalizers': ['b'],
      },
    },
    want: { metadata: { finalizers: ['c', 'd', 'a'] } },
  },
  {
    name: '$deleteFromPrimitiveList of an absent list is a no-op',
    live: { metadata: { name: 'x' } },
    patch: { metadata: { '$deleteFromPrimitiveList/finalizers': ['b'] } },
    want: { metadata: { name: 'x' } },
  },
  {
    name: '$patch: replace on a map replaces it',
    live: { spec: { selector: { matchLabels: { a: '1', b: '2' } } } },
    patch: { spec: { selector: { $patch: 'replace', matchLabels: { c: '3' } } } },
    want: { spec: { selector: { matchLabels: { c: '3' } } } },
  },
  {
    name: '$patch: delete on a map leaves it empty, as kube does',
    live: { spec: { replicas: 1, strategy: { type: 'Recreate' } } },
    patch: { spec: { strategy: { $patch: 'delete' } } },
    want: { spec: { replicas: 1, strategy: {} } },
  },
  {
    name: '$patch: merge is a no-op marker',
    live: { metadata: { labels: { a: '1' } } },
    patch: { metadata: { labels: { $patch: 'merge', b: '2' } } },
    want: { metadata: { labels: { a: '1', b: '2' } } },
  },
  {
    name: 'status conditions merge by type',
    live: { status: { conditions: [{ type: 'Available', status: 'False' }, { type: 'Progressing', status: 'True' }] } },
    patch: { status: { conditions: [{ type: 'Available', status: 'True' }] } },
    want: { status: { conditions: [{ type: 'Available', status: 'True' }, { type: 'Progressing', status: 'True' }] } },
  },
  {
    name: 'a value of another kind replaces the live one',
    live: { spec: { template: 'oops', replicas: { a: 1 } } },
    patch: { spec: { template: { spec: { containers: [side] } }, replicas: 2 } },
    want: { spec: { template: { spec: { containers: [side] } }, replicas: 2 } },
  },
]

for (const c of objectCases) {
  test(`smp: ${c.name}`, () => assert.deepEqual(apply(c.live, c.patch), c.want))
}

test('smp: unknown schema (deduced type): maps merge, lists replace, other $ keys are data', () => {
  const live = { spec: { a: { b: 1 }, list: [{ name: 'x', v: 1 }], schema: { $ref: '#/x' } } }
  const patch = { spec: { a: { c: 2 }, list: [{ name: 'x' }], schema: { $schema: 'y' } } }
  const result = applyStrategicMergePatch(deepFreeze(live), deepFreeze(patch), DEDUCED)
  const want = { spec: { a: { b: 1, c: 2 }, list: [{ name: 'x' }], schema: { $ref: '#/x', $schema: 'y' } } }
  assert.deepEqual(result, want)
})

test('smp: a raw JSON body is decoded', () => {
  assert.deepEqual(applyStrategicMergePatch({ a: 1 }, '{"b":2}', meta), { a: 1, b: 2 })
})

/** [what, patch, the 400 message it must give when it matters] */
const malformed: Array<[string, unknown, RegExp?]> = [
  ['a body that is not JSON', '{"spec":'],
  ['a list body', [{ spec: {} }]],
  ['a null body', null],
  ['an unknown $patch on a map', { spec: { $patch: 'explode' } }, /unknown patch type "explode"/],
  ['an unknown $patch in a list', withPodSpec({ containers: [{ $patch: 'explode', name: 'web' }] }), /unknown patch type/],
  ['a delete without the merge key', withPodSpec({ containers: [{ $patch: 'delete', image: 'x' }] }), /merge key: name/],
  ['a merge-list element without the merge key', withPodSpec({ containers: [{ image: 'x' }] }), /merge key: name/],
  ['a list mixing objects and strings', withPodSpec({ containers: ['web'] }), /not identical/],
  [
    'a patch list out of its $setElementOrder',
    withPodSpec({ '$setElementOrder/containers': [{ name: 'web' }, { name: 'side' }], containers: [side, web] }),
    /doesn't match/,
  ],
  ['$setElementOrder that is not a list', withPodSpec({ '$setElementOrder/containers': 'web' })],
  ['$retainKeys not listing a set key', { spec: { strategy: { $retainKeys: ['type'], rollingUpdate: {} } } }, /rollingUpdate/],
  ['$retainKeys that is not a list', { spec: { strategy: { $retainKeys: 'type' } } }],
  ['$deleteFromPrimitiveList that is not a list', { metadata: { '$deleteFromPrimitiveList/finalizers': 'a' } }],
]

for (const [name, patch, message] of malformed) {
  test(`smp: 400 for ${name}`, () => {
    const live = withPodSpec({ containers: [web, side] })
    assert.throws(() => applyStrategicMergePatch(live, patch, meta), apiError(400, message))
  })
}
