import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { RunningWatchplane } from '../../../src/start-watchplane.js'
import { Kubectl, kubectlAvailability } from '../../support/kubectl.js'
import { startServer } from '../../support/start-server.js'

// The object kube-apiserver 1.32 stores for each command (with its default admission plugins and
// no controllers running), written from upstream: pkg/apis/*/v1/defaults.go, the strategies'
// PrepareForCreate, Go's encoding of zero values, and plugin/pkg/admission/{serviceaccount,
// priority,defaulttolerationseconds} for pods. Compared as `kubectl get -o json` prints it, less
// what differs on every run (uid, resourceVersion, creationTimestamp) and managedFields.

const TERMINATION = { terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' }
const POD_SPEC = { dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', schedulerName: 'default-scheduler', securityContext: {}, terminationGracePeriodSeconds: 30 }
const container = (name: string, image: string, imagePullPolicy: string, extra: object = {}) => ({ name, image, imagePullPolicy, resources: {}, ...TERMINATION, ...extra })
const template = (labels: Record<string, string> | undefined, spec: object) => ({ metadata: { creationTimestamp: null, ...(labels ? { labels } : {}) }, spec: { ...POD_SPEC, ...spec } })
const TOKEN_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount'
const NOT_READY_SECONDS = 300

const STATEFUL_SET = `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web}
spec:
  serviceName: web
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports: [{containerPort: 80, name: http}]
        livenessProbe: {tcpSocket: {port: 80}}
        volumeMounts: [{name: www, mountPath: /usr/share/nginx/html}]
  volumeClaimTemplates:
  - metadata: {name: www}
    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
`

const DAEMON_SET = `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, labels: {app: agent}}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers:
      - name: agent
        image: busybox:1.36
        command: [sleep, infinity]
        env: [{name: NODE, valueFrom: {fieldRef: {fieldPath: spec.nodeName}}}]
        readinessProbe: {httpGet: {port: 8080}}
        volumeMounts: [{name: logs, mountPath: /logs}, {name: cache, mountPath: /cache}]
      volumes: [{name: logs, hostPath: {path: /var/log}}, {name: cache}]
`

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: {name: applied}
spec:
  selector: {matchLabels: {app: applied}}
  template:
    metadata: {labels: {app: applied}}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports: [{containerPort: 80}]
        readinessProbe: {httpGet: {path: /healthz, port: 80}}
`

describe('kubectl: stored objects carry kube-apiserver 1.32 defaults', { ...kubectlAvailability() }, () => {
  let server: RunningWatchplane
  let kubectl: Kubectl
  before(async () => {
    server = await startServer()
    kubectl = new Kubectl(server.kubeconfigPath!)
  })
  after(() => server.close())

  /** `kubectl get -o json`, less uid, resourceVersion, creationTimestamp and managedFields */
  async function stored(resource: string, name: string): Promise<any> {
    const object = JSON.parse(await kubectl.ok(['get', resource, name, '-o', 'json']))
    for (const field of ['uid', 'resourceVersion', 'creationTimestamp', 'managedFields']) {
      assert.ok(field === 'managedFields' || object.metadata[field] !== undefined, `${resource}/${name} has metadata.${field}`)
      delete object.metadata[field]
    }
    return object
  }

  test('kubectl create deployment', async () => {
    assert.equal((await kubectl.ok(['create', 'deployment', 'd', '--image=nginx'])).trim(), 'deployment.apps/d created')
    assert.deepEqual(await stored('deployment', 'd'), {
      apiVersion: 'apps/v1', kind: 'Deployment',
      metadata: { name: 'd', namespace: 'default', generation: 1, labels: { app: 'd' } },
      spec: {
        replicas: 1, selector: { matchLabels: { app: 'd' } },
        template: template({ app: 'd' }, { containers: [container('nginx', 'nginx', 'Always')] }),
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
        revisionHistoryLimit: 10, progressDeadlineSeconds: 600,
      },
      status: {},
    })
  })

  test('kubectl create job: the defaults and the selector generated from the job uid', async () => {
    assert.equal((await kubectl.ok(['create', 'job', 'j', '--image=busybox'])).trim(), 'job.batch/j created')
    const uid = JSON.parse(await kubectl.ok(['get', 'job', 'j', '-o', 'json'])).metadata.uid
    const labels = { 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': 'j', 'controller-uid': uid, 'job-name': 'j' }
    assert.deepEqual(await stored('job', 'j'), {
      apiVersion: 'batch/v1', kind: 'Job',
      metadata: { name: 'j', namespace: 'default', generation: 1, labels },
      spec: {
        parallelism: 1, completions: 1, backoffLimit: 6, completionMode: 'NonIndexed', suspend: false, manualSelector: false,
        podReplacementPolicy: 'TerminatingOrFailed', selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } },
        template: template(labels, { containers: [container('j', 'busybox', 'Always')], restartPolicy: 'Never' }),
      },
      status: {},
    })
  })

  test('kubectl create cronjob: the job template gets pod defaults only', async () => {
    assert.equal((await kubectl.ok(['create', 'cronjob', 'c', '--image=busybox', '--schedule=*/1 * * * *'])).trim(), 'cronjob.batch/c created')
    assert.deepEqual(await stored('cronjob', 'c'), {
      apiVersion: 'batch/v1', kind: 'CronJob',
      metadata: { name: 'c', namespace: 'default', generation: 1 },
      spec: {
        schedule: '*/1 * * * *', concurrencyPolicy: 'Allow', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1,
        jobTemplate: { metadata: { name: 'c', creationTimestamp: null }, spec: { template: template(undefined, { containers: [container('c', 'busybox', 'Always')], restartPolicy: 'OnFailure' }) } },
      },
      status: {},
    })
  })

  test('kubectl run: pod defaults, the service account token, priority and the default tolerations', async () => {
    assert.equal((await kubectl.ok(['run', 'p', '--image=nginx'])).trim(), 'pod/p created')
    const pod = await stored('pod', 'p')
    const tokenVolume = pod.spec.volumes?.[0]?.name
    assert.match(tokenVolume, /^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/)
    const toleration = (key: string) => ({ key: `node.kubernetes.io/${key}`, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: NOT_READY_SECONDS })
    assert.deepEqual(pod, {
      apiVersion: 'v1', kind: 'Pod',
      metadata: { name: 'p', namespace: 'default', labels: { run: 'p' } },
      spec: {
        ...POD_SPEC,
        containers: [container('p', 'nginx', 'Always', { volumeMounts: [{ name: tokenVolume, readOnly: true, mountPath: TOKEN_MOUNT_PATH }] })],
        enableServiceLinks: true, preemptionPolicy: 'PreemptLowerPriority', priority: 0,
        serviceAccount: 'default', serviceAccountName: 'default',
        tolerations: [toleration('not-ready'), toleration('unreachable')],
        volumes: [{ name: tokenVolume, projected: { defaultMode: 420, sources: [
          { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
          { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
          { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
        ] } }],
      },
      status: { phase: 'Pending', qosClass: 'BestEffort' },
    })
  })

  test('kubectl create -f of a StatefulSet: claim templates are whole claims', async () => {
    assert.equal((await kubectl.ok(['create', '-f', kubectl.file('sts.yaml', STATEFUL_SET)])).trim(), 'statefulset.apps/web created')
    assert.deepEqual(await stored('statefulset', 'web'), {
      apiVersion: 'apps/v1', kind: 'StatefulSet',
      metadata: { name: 'web', namespace: 'default', generation: 1 },
      spec: {
        serviceName: 'web', replicas: 1, revisionHistoryLimit: 10, podManagementPolicy: 'OrderedReady',
        selector: { matchLabels: { app: 'web' } },
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
        persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
        template: template({ app: 'web' }, { containers: [container('nginx', 'nginx:1.27', 'IfNotPresent', {
          ports: [{ containerPort: 80, name: 'http', protocol: 'TCP' }],
          livenessProbe: { tcpSocket: { port: 80 }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 },
          volumeMounts: [{ name: 'www', mountPath: '/usr/share/nginx/html' }],
        })] }),
        volumeClaimTemplates: [{
          apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'www', creationTimestamp: null },
          spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' },
          status: { phase: 'Pending' },
        }],
      },
      status: { replicas: 0, availableReplicas: 0 },
    })
  })

  test('kubectl create -f of a DaemonSet: probes, env, volumes', async () => {
    assert.equal((await kubectl.ok(['create', '-f', kubectl.file('ds.yaml', DAEMON_SET)])).trim(), 'daemonset.apps/agent created')
    assert.deepEqual(await stored('daemonset', 'agent'), {
      apiVersion: 'apps/v1', kind: 'DaemonSet',
      metadata: { name: 'agent', namespace: 'default', generation: 1, labels: { app: 'agent' } },
      spec: {
        revisionHistoryLimit: 10, selector: { matchLabels: { app: 'agent' } },
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
        template: template({ app: 'agent' }, {
          containers: [container('agent', 'busybox:1.36', 'IfNotPresent', {
            command: ['sleep', 'infinity'],
            env: [{ name: 'NODE', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } }],
            readinessProbe: { httpGet: { path: '/', port: 8080, scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 },
            volumeMounts: [{ name: 'logs', mountPath: '/logs' }, { name: 'cache', mountPath: '/cache' }],
          })],
          volumes: [{ name: 'logs', hostPath: { path: '/var/log', type: '' } }, { name: 'cache', emptyDir: {} }],
        }),
      },
      status: { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 },
    })
  })

  test('kubectl create secret generic: Opaque, and no generation', async () => {
    assert.equal((await kubectl.ok(['create', 'secret', 'generic', 's', '--from-literal=a=b'])).trim(), 'secret/s created')
    assert.deepEqual(await stored('secret', 's'), {
      apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'default' }, data: { a: Buffer.from('b').toString('base64') }, type: 'Opaque',
    })
  })

  test('kubectl apply twice of a manifest without the defaulted fields: unchanged, same generation and resourceVersion', async () => {
    const manifest = kubectl.file('deployment.yaml', DEPLOYMENT)
    assert.equal((await kubectl.ok(['apply', '-f', manifest])).trim(), 'deployment.apps/applied created')
    const first = JSON.parse(await kubectl.ok(['get', 'deployment', 'applied', '-o', 'json']))
    assert.equal(first.spec.template.spec.containers[0].readinessProbe.httpGet.scheme, 'HTTP')
    assert.equal((await kubectl.ok(['apply', '-f', manifest])).trim(), 'deployment.apps/applied unchanged')
    const second = JSON.parse(await kubectl.ok(['get', 'deployment', 'applied', '-o', 'json']))
    assert.equal(second.metadata.generation, 1)
    assert.equal(second.metadata.resourceVersion, first.metadata.resourceVersion)
  })
})
