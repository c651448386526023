import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { RunningWatchplane } from '../../../src/start-watchplane.js'
import { Kubectl, kubectlAvailability } from '../../support/kubectl.js'
import { startServer } from '../../support/start-server.js'

interface Entry {
  manager: string
  operation: string
  apiVersion: string
  time?: string
  fieldsType: string
  fieldsV1: unknown
  subresource?: string
}

const TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/

/** Entries without their times (checked for shape apart): what the test can predict exactly. */
function timeless(entries: Entry[] | undefined): Omit<Entry, 'time'>[] {
  return (entries ?? []).map(({ time, ...rest }) => {
    if (time !== undefined) assert.match(time, TIME)
    return rest
  })
}

/** A ConfigMap manifest; with no data, without a data field at all (a null one would be applied too). */
const configMap = (data: Record<string, string>) => {
  const entries = Object.entries(data).map(([k, v]) => `  ${k}: "${v}"\n`).join('')
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shared\n${entries ? `data:\n${entries}` : ''}`
}

/** `PATCH <path>?<query> <status>` for each PATCH kubectl -v=6 logged, the host left out. */
const patchesIn = (stderr: string) =>
  [...stderr.matchAll(/PATCH https?:\/\/[^/]+(\S+) (\d{3})/g)].map((m) => `PATCH ${m[1]} ${m[2]}`)

describe('kubectl: server-side apply, managedFields', { ...kubectlAvailability() }, () => {
  let server: RunningWatchplane
  let kubectl: Kubectl
  const get = async (args: string[]) => JSON.parse(await kubectl.ok([...args, '-o', 'json', '--show-managed-fields']))
  before(async () => {
    server = await startServer()
    kubectl = new Kubectl(server.kubeconfigPath!)
  })
  after(() => server.close())

  test('apply --server-side creates (201) then changes an object; the kubectl Apply entry is what it applied', async () => {
    const pod = (image: string) => kubectl.file('p1.yaml', `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p1\n  labels:\n    app: p1\nspec:\n  containers:\n  - name: web\n    image: ${image}\n    ports:\n    - containerPort: 80\n`)
    const created = await kubectl.run(['apply', '--server-side', '-f', pod('nginx:1.27'), '-v=6'])
    assert.equal(created.code, 0, created.stderr)
    assert.match(created.stdout, /^pod\/p1 serverside-applied$/m)
    assert.deepEqual(patchesIn(created.stderr), ['PATCH /api/v1/namespaces/default/pods/p1?fieldManager=kubectl&fieldValidation=Strict&force=false 201'])
    const changed = await kubectl.run(['apply', '--server-side', '-f', pod('nginx:1.28'), '-v=6'])
    assert.match(changed.stdout, /^pod\/p1 serverside-applied$/m)
    assert.deepEqual(patchesIn(changed.stderr), ['PATCH /api/v1/namespaces/default/pods/p1?fieldManager=kubectl&fieldValidation=Strict&force=false 200'])
    const live = await get(['get', 'pod', 'p1'])
    assert.equal(live.spec.containers[0].image, 'nginx:1.28')
    // An applied set: no "." beside children except on list items; the port keyed with its default protocol.
    assert.deepEqual(timeless(live.metadata.managedFields), [{
      manager: 'kubectl', operation: 'Apply', apiVersion: 'v1', fieldsType: 'FieldsV1',
      fieldsV1: {
        'f:metadata': { 'f:labels': { 'f:app': {} } },
        'f:spec': {
          'f:containers': {
            'k:{"name":"web"}': {
              '.': {}, 'f:image': {}, 'f:name': {},
              'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } },
            },
          },
        },
      },
    }])
  })

  test('two managers on one ConfigMap: conflict, --force-conflicts, removal of a field one owned alone, a co-owned one kept', async () => {
    await kubectl.ok(['apply', '--server-side', '--field-manager=a', '-f', kubectl.file('a.yaml', configMap({ x: '1', w: '1' }))])
    const refused = await kubectl.run(['apply', '--server-side', '--field-manager=b', '-f', kubectl.file('b.yaml', configMap({ x: '2', w: '1' }))])
    assert.equal(refused.code, 1)
    assert.match(refused.stderr, /^error: Apply failed with 1 conflict: conflict with "a": \.data\.x\n/)
    assert.match(refused.stderr, /--force-conflicts/)
    assert.match(await kubectl.ok(['apply', '--server-side', '--field-manager=b', '--force-conflicts', '-f', kubectl.file('b.yaml', configMap({ x: '2', w: '1' }))]), /configmap\/shared serverside-applied/)
    let cm = await get(['get', 'cm', 'shared'])
    assert.deepEqual(cm.data, { x: '2', w: '1' })
    assert.deepEqual(timeless(cm.metadata.managedFields).map((e) => [e.manager, e.operation, e.fieldsV1]), [
      ['a', 'Apply', { 'f:data': { 'f:w': {} } }],
      ['b', 'Apply', { 'f:data': { 'f:w': {}, 'f:x': {} } }],
    ])
    // b stops applying x, which it alone owns: x goes. a stops applying w, which b owns too: w stays.
    await kubectl.ok(['apply', '--server-side', '--field-manager=b', '-f', kubectl.file('b.yaml', configMap({ w: '1' }))])
    await kubectl.ok(['apply', '--server-side', '--field-manager=a', '-f', kubectl.file('a.yaml', configMap({}))])
    cm = await get(['get', 'cm', 'shared'])
    assert.deepEqual(cm.data, { w: '1' })
    assert.deepEqual(timeless(cm.metadata.managedFields).map((e) => [e.manager, e.fieldsV1]), [['b', { 'f:data': { 'f:w': {} } }]])
  })

  test('apply --server-side --force-conflicts over client-side apply migrates managedFields in four PATCHes', async () => {
    const deployment = (replicas: number, image: string) => kubectl.file('mig.yaml', `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: mig\n  labels:\n    app: mig\nspec:\n  replicas: ${replicas}\n  selector:\n    matchLabels:\n      app: mig\n  template:\n    metadata:\n      labels:\n        app: mig\n    spec:\n      containers:\n      - name: web\n        image: ${image}\n`)
    await kubectl.ok(['apply', '-f', deployment(1, 'nginx:1.27')])
    const migrated = await kubectl.run(['apply', '--server-side', '--force-conflicts', '-f', deployment(2, 'nginx:1.28'), '-v=6'])
    assert.equal(migrated.code, 0, migrated.stderr)
    assert.match(migrated.stdout, /deployment.apps\/mig serverside-applied/)
    // contract §3.4: apply; the last-applied annotation applied by its own manager; the JSON patch of
    // managedFields (with a resourceVersion precondition); the apply again.
    const path = '/apis/apps/v1/namespaces/default/deployments/mig'
    assert.deepEqual(patchesIn(migrated.stderr), [
      `PATCH ${path}?fieldManager=kubectl&fieldValidation=Strict&force=true 200`,
      `PATCH ${path}?fieldManager=kubectl-last-applied&fieldValidation=Strict 200`,
      `PATCH ${path}?fieldManager=kubectl&fieldValidation=Strict 200`,
      `PATCH ${path}?fieldManager=kubectl&fieldValidation=Strict&force=true 200`,
    ])
    const live = await get(['get', 'deploy', 'mig'])
    assert.equal(live.spec.replicas, 2)
    // No kubectl-client-side-apply entry is left. kubectl-last-applied's apply changed nothing, so its
    // entry has no time, and an entry without one sorts first (managedfields.go sortEncodedManagedFields).
    const managers = timeless(live.metadata.managedFields).map((e) => `${e.manager} ${e.operation}`)
    assert.deepEqual(managers, ['kubectl-last-applied Apply', 'kubectl Apply'])
    const kubectlEntry = live.metadata.managedFields.find((e: Entry) => e.manager === 'kubectl')
    assert.deepEqual(kubectlEntry.fieldsV1['f:spec']['f:template']['f:spec'], { 'f:containers': { 'k:{"name":"web"}': { '.': {}, 'f:image': {}, 'f:name': {} } } })
  })

  test('diff --server-side shows the change and leaves the object as it was', async () => {
    const cm = (value: string) => kubectl.file('d.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: diffed\ndata:\n  key: "${value}"\n`)
    await kubectl.ok(['apply', '--server-side', '-f', cm('old')])
    const before = await get(['get', 'cm', 'diffed'])
    const diff = await kubectl.run(['diff', '--server-side', '--field-manager=kubectl', '-f', cm('new')])
    assert.equal(diff.code, 1, diff.stderr)
    assert.match(diff.stdout, /^-\s+key: old$/m)
    assert.match(diff.stdout, /^\+\s+key: new$/m)
    const afterwards = await get(['get', 'cm', 'diffed'])
    assert.equal(afterwards.metadata.resourceVersion, before.metadata.resourceVersion)
    assert.equal(afterwards.metadata.generation, before.metadata.generation)
    assert.deepEqual(afterwards.data, { key: 'old' })
  })

  test('client-side apply three times, then scale: the object and its managedFields as kube-apiserver has them at each step', async () => {
    const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration'
    const containerOf = (image: string, env: [string, string][]) =>
      `      - name: web\n        image: ${image}\n        env:\n${env.map(([n, v]) => `        - name: ${n}\n          value: "${v}"\n`).join('')}`
    const manifest = (image: string, env: [string, string][]) => kubectl.file('csa.yaml',
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: csa\n  labels:\n    app: csa\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: csa\n  template:\n    metadata:\n      labels:\n        app: csa\n    spec:\n      containers:\n${containerOf(image, env)}`)
    // The manifest with kube's defaults (pkg/apis/apps/v1 and core/v1 defaults.go; see defaults.test.ts).
    const spec = (image: string, env: [string, string][]) => ({
      replicas: 2,
      selector: { matchLabels: { app: 'csa' } },
      template: {
        metadata: { creationTimestamp: null, labels: { app: 'csa' } },
        spec: {
          containers: [{
            name: 'web', image, env: env.map(([name, value]) => ({ name, value })),
            imagePullPolicy: 'IfNotPresent', resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File',
          }],
          dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', schedulerName: 'default-scheduler', securityContext: {}, terminationGracePeriodSeconds: 30,
        },
      },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    })
    // kubectl's annotation: the manifest as compact JSON with sorted keys, namespace filled in, `annotations: {}`.
    const lastApplied = (image: string, env: [string, string][]) => JSON.stringify({
      apiVersion: 'apps/v1', kind: 'Deployment',
      metadata: { annotations: {}, labels: { app: 'csa' }, name: 'csa', namespace: 'default' },
      spec: { replicas: 2, selector: { matchLabels: { app: 'csa' } }, template: { metadata: { labels: { app: 'csa' } }, spec: { containers: [{ env: env.map(([name, value]) => ({ name, value })), image, name: 'web' }] } } },
    }) + '\n'
    const envItem = { '.': {}, 'f:name': {}, 'f:value': {} }
    // What structured-merge-diff's Update gives kubectl-client-side-apply (one manager, so every change
    // stays its own): fields absent from a Deployment's empty Go value and holding others are owned
    // themselves too (".": annotations, labels, the container, env, each env item); spec, template,
    // template.spec and containers exist in that empty value, so they have no "."; the selector is a
    // LabelSelector, +structType=atomic, owned whole. The fields kube's defaulting adds on decode are
    // the writer's too (progressDeadlineSeconds, the strategy, imagePullPolicy, dnsPolicy…), as
    // `kubectl get -o yaml` shows them against kube-apiserver; rollingUpdate, a pointer, has its ".".
    const csaFields = (env: string[]) => ({
      'f:metadata': { 'f:annotations': { '.': {}, [`f:${LAST_APPLIED}`]: {} }, 'f:labels': { '.': {}, 'f:app': {} } },
      'f:spec': {
        'f:progressDeadlineSeconds': {},
        'f:replicas': {},
        'f:revisionHistoryLimit': {},
        'f:selector': {},
        'f:strategy': { 'f:rollingUpdate': { '.': {}, 'f:maxSurge': {}, 'f:maxUnavailable': {} }, 'f:type': {} },
        'f:template': {
          'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
          'f:spec': {
            'f:containers': {
              'k:{"name":"web"}': {
                '.': {},
                'f:env': { '.': {}, ...Object.fromEntries(env.map((name) => [`k:{"name":"${name}"}`, envItem])) },
                'f:image': {},
                'f:imagePullPolicy': {},
                'f:name': {},
                'f:resources': {},
                'f:terminationMessagePath': {},
                'f:terminationMessagePolicy': {},
              },
            },
            'f:dnsPolicy': {},
            'f:restartPolicy': {},
            'f:schedulerName': {},
            'f:securityContext': {},
            'f:terminationGracePeriodSeconds': {},
          },
        },
      },
    })
    const csaEntry = (env: string[]) => ({ manager: 'kubectl-client-side-apply', operation: 'Update', apiVersion: 'apps/v1', fieldsType: 'FieldsV1', fieldsV1: csaFields(env) })
    const expected = (step: { image: string; env: [string, string][]; generation: number }) => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        annotations: { [LAST_APPLIED]: lastApplied(step.image, step.env) },
        generation: step.generation,
        labels: { app: 'csa' },
        managedFields: [csaEntry(step.env.map(([name]) => name))],
        name: 'csa',
        namespace: 'default',
      },
      spec: spec(step.image, step.env),
      status: {},
    })
    const observed = async () => {
      const live = await get(['get', 'deploy', 'csa'])
      for (const field of ['uid', 'creationTimestamp', 'resourceVersion']) delete live.metadata[field]
      live.metadata.managedFields = timeless(live.metadata.managedFields)
      return live
    }
    const steps = [
      { image: 'nginx:1.27', env: [['A', '1']] as [string, string][], generation: 1, printed: 'created' },
      // Changed image, added env var: modified and added fields join the same manager's set.
      { image: 'nginx:1.28', env: [['A', '1'], ['B', '2']] as [string, string][], generation: 2, printed: 'configured' },
      // Env var A removed: the item and its fields leave the set; env itself stays owned.
      { image: 'nginx:1.28', env: [['B', '2']] as [string, string][], generation: 3, printed: 'configured' },
    ]
    for (const step of steps) {
      assert.match(await kubectl.ok(['apply', '-f', manifest(step.image, step.env)]), new RegExp(`deployment.apps/csa ${step.printed}`))
      assert.deepEqual(await observed(), expected(step))
    }
    // kubectl scale goes through /scale as manager kubectl: it takes spec.replicas (scalehandler.go
    // ToParent), and, as there, the new scale entry carries no time.
    assert.match(await kubectl.ok(['scale', 'deploy', 'csa', '--replicas=3']), /deployment.apps\/csa scaled/)
    const scaled = await get(['get', 'deploy', 'csa'])
    assert.equal(scaled.spec.replicas, 3)
    const withoutReplicas = csaEntry(['B'])
    delete (withoutReplicas.fieldsV1['f:spec'] as Record<string, unknown>)['f:replicas']
    assert.deepEqual(scaled.metadata.managedFields.map((e: Entry) => e.time === undefined), [true, false])
    assert.deepEqual(timeless(scaled.metadata.managedFields), [
      { manager: 'kubectl', operation: 'Update', apiVersion: 'apps/v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': { 'f:replicas': {} } }, subresource: 'scale' },
      withoutReplicas,
    ])
  })
})
