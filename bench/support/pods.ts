import { randomUUID } from 'node:crypto'

/** The small Pod every create benchmark POSTs (and the echo server echoes): ~200 bytes of JSON. */
export function podBody(name: string): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { app: 'bench' } },
    spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] },
  })
}

/**
 * The same Pod as the server stores it after a create (uid, timestamps, managedFields, defaulted
 * status), so seeded rows and raw-SQLite rows weigh what real ones do (~600 bytes).
 */
export function storedPod(namespace: string, name: string): { metadata: Record<string, unknown> } & Record<string, unknown> {
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z')
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name, namespace, labels: { app: 'bench' }, uid: randomUUID(), creationTimestamp: now, generation: 1,
      managedFields: [{
        manager: 'node', operation: 'Update', apiVersion: 'v1', time: now, fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
          'f:spec': { 'f:containers': { 'k:{"name":"c"}': { '.': {}, 'f:image': {}, 'f:name': {} } } },
        },
      }],
    },
    spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] },
    status: { phase: 'Pending', qosClass: 'BestEffort' },
  }
}

export const podName = (run: string, i: number) => `bench-${run}-${i}`
