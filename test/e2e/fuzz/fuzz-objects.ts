import { cat, entry, envelope, msg, str, varint } from '../../../src/api/protobuf/wire-test-support.fixture.js'

/** The namespace the fuzzer may write in; everything outside it must come out untouched. */
export const FUZZ_NAMESPACE = 'fuzz'
const NS = FUZZ_NAMESPACE

/** Objects created before the fuzzing starts, for updates and patches to aim at. */
export const TARGETS = { pod: 'target-pod', deployment: 'target-deploy', configMap: 'target-cm', service: 'target-svc' } as const

export interface Kind {
  name: string
  collection: string
  /** the object path of the target */
  target: string
  valid(name: string): Record<string, unknown>
  protobuf?(name: string): Uint8Array
}

const container = (name: string) => ({ name, image: 'registry.example/app:1', ports: [{ containerPort: 8080, protocol: 'TCP' }], env: [{ name: 'A', value: 'b' }], resources: { limits: { cpu: '100m', memory: '64Mi' } } })

const podSpec = () => ({ containers: [container('c')], restartPolicy: 'Always', nodeSelector: { disk: 'ssd' }, tolerations: [{ key: 'k', operator: 'Exists' }] })

// Field numbers from k8s.io/api core/v1 and apps/v1 generated.proto.
const protoMeta = (name: string) => msg(1, str(1, name), entry(11, 'app', str(2, 'fuzz')))
const protoContainer = msg(2, str(1, 'c'), str(2, 'registry.example/app:1'))
const protoPodSpec = (field: number) => msg(field, protoContainer)

export const KINDS: Kind[] = [
  {
    name: 'Pod',
    collection: `/api/v1/namespaces/${NS}/pods`,
    target: `/api/v1/namespaces/${NS}/pods/${TARGETS.pod}`,
    valid: (name) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: 'fuzz' }, annotations: { note: 'x' } }, spec: podSpec() }),
    protobuf: (name) => envelope('v1', 'Pod', cat(protoMeta(name), protoPodSpec(2))),
  },
  {
    name: 'Deployment',
    collection: `/apis/apps/v1/namespaces/${NS}/deployments`,
    target: `/apis/apps/v1/namespaces/${NS}/deployments/${TARGETS.deployment}`,
    valid: (name) => ({
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, labels: { app: 'fuzz' } },
      spec: { replicas: 2, selector: { matchLabels: { app: 'fuzz' } }, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } }, template: { metadata: { labels: { app: 'fuzz' } }, spec: podSpec() } },
    }),
    protobuf: (name) => envelope('apps/v1', 'Deployment', cat(protoMeta(name), msg(2, varint(1, 2), msg(2, entry(1, 'app', str(2, 'fuzz'))), msg(3, msg(1, entry(11, 'app', str(2, 'fuzz'))), protoPodSpec(2))))),
  },
  {
    name: 'ConfigMap',
    collection: `/api/v1/namespaces/${NS}/configmaps`,
    target: `/api/v1/namespaces/${NS}/configmaps/${TARGETS.configMap}`,
    valid: (name) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { a: '1', 'b.txt': 'hello' }, binaryData: { c: 'aGk=' } }),
    protobuf: (name) => envelope('v1', 'ConfigMap', cat(protoMeta(name), entry(2, 'a', str(2, '1')))),
  },
  {
    name: 'Service',
    collection: `/api/v1/namespaces/${NS}/services`,
    target: `/api/v1/namespaces/${NS}/services/${TARGETS.service}`,
    valid: (name) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector: { app: 'fuzz' }, ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }], type: 'ClusterIP' } }),
  },
]

/** The valid targets, created before the fuzzing: in order, so the run starts from a known state. */
export const targetObjects = () => [
  { path: KINDS[0]!.collection, body: KINDS[0]!.valid(TARGETS.pod) },
  { path: KINDS[1]!.collection, body: KINDS[1]!.valid(TARGETS.deployment) },
  { path: KINDS[2]!.collection, body: KINDS[2]!.valid(TARGETS.configMap) },
  { path: KINDS[3]!.collection, body: KINDS[3]!.valid(TARGETS.service) },
]
