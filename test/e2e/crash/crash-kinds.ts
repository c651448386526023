/** The annotation every write sets to its own step (`<writer>-<n>`): which write an object shows. */
export const STEP = 'crash.watchplane.dev/step'

export const NAMESPACES = ['crash-a', 'crash-b']

/** A kind the writers write: its storage key (as the log names it), its collection, a valid body. */
export interface CrashKind {
  resource: string
  collection(namespace: string): string
  body(name: string, step: string): Record<string, unknown>
}

const meta = (name: string, step: string) => ({ name, labels: { crash: 'true' }, annotations: { [STEP]: step } })

export const CRASH_KINDS: CrashKind[] = [
  {
    resource: 'configmaps',
    collection: (ns) => `/api/v1/namespaces/${ns}/configmaps`,
    body: (name, step) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(name, step), data: { step } }),
  },
  {
    resource: 'secrets',
    collection: (ns) => `/api/v1/namespaces/${ns}/secrets`,
    body: (name, step) => ({ apiVersion: 'v1', kind: 'Secret', metadata: meta(name, step), type: 'Opaque', data: { step: Buffer.from(step).toString('base64') } }),
  },
  {
    resource: 'pods',
    collection: (ns) => `/api/v1/namespaces/${ns}/pods`,
    body: (name, step) => ({ apiVersion: 'v1', kind: 'Pod', metadata: meta(name, step), spec: { containers: [{ name: 'c', image: `registry.example/app:${step}` }] } }),
  },
  {
    resource: 'apps/deployments',
    collection: (ns) => `/apis/apps/v1/namespaces/${ns}/deployments`,
    body: (name, step) => ({
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta(name, step),
      spec: { replicas: 1, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'registry.example/app:1' }] } } },
    }),
  },
]
