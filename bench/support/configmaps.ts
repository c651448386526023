import { randomUUID } from 'node:crypto'

// The ConfigMaps the watch cases write and watch. Every written object carries a probe in
// `data.probe`: "<seq> <sentMs>", sentMs on the machine-wide monotonic clock (monoMs), so a
// watcher in another process turns it into a latency without any clock skew between processes.

export const BENCH_NAMESPACE = 'default'

/** Milliseconds on CLOCK_MONOTONIC (process.hrtime): the same clock in every process on this machine. */
export function monoMs(): number {
  const [seconds, nanoseconds] = process.hrtime()
  return seconds * 1000 + nanoseconds / 1e6
}

export const probeOf = (seq: number, sentMs: number) => `${seq} ${sentMs.toFixed(3)}`

/** What a client POSTs: ~130 bytes; the server adds uid, timestamps and managedFields (~420 bytes stored). */
export function configMapBody(name: string, probe: string): string {
  return JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { probe } })
}

/** The same ConfigMap as the server stores and sends it, so reference servers push frames of the same size. */
export function storedConfigMap(namespace: string, name: string, probe: string, revision = 1): Record<string, unknown> {
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z')
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name, namespace, uid: randomUUID(), creationTimestamp: now, generation: 1,
      managedFields: [{
        manager: 'node', operation: 'Update', apiVersion: 'v1', time: now, fieldsType: 'FieldsV1',
        fieldsV1: { 'f:data': { 'f:probe': {} } },
      }],
      resourceVersion: String(revision),
    },
    data: { probe },
  }
}

/** A watch frame as watchplane writes it: `{"type":"ADDED","object":…}` and a newline. */
export const watchFrame = (objectJson: string) => `{"type":"ADDED","object":${objectJson}}\n`

export const configMapsPath = (namespace: string) => `/api/v1/namespaces/${namespace}/configmaps`
