import { configMapPrinter } from './configmaps.js'
import { cronJobPrinter } from './cronjobs.js'
import { daemonSetPrinter } from './daemonsets.js'
import { defaultPrinter } from './default-printer.js'
import { deploymentPrinter } from './deployments.js'
import { endpointsPrinter } from './endpoints.js'
import { eventPrinter } from './events.js'
import { jobPrinter } from './jobs.js'
import { leasePrinter } from './leases.js'
import { namespacePrinter } from './namespaces.js'
import { nodePrinter } from './nodes.js'
import { persistentVolumeClaimPrinter } from './persistentvolumeclaims.js'
import type { Printer } from './printer.js'
import { podPrinter } from './pods.js'
import { replicaSetPrinter } from './replicasets.js'
import { secretPrinter } from './secrets.js'
import { serviceAccountPrinter } from './serviceaccounts.js'
import { servicePrinter } from './services.js'
import { statefulSetPrinter } from './statefulsets.js'

/** Keyed `group/plural` (core group: `/pods`), as kube-apiserver registers a TableConvertor per resource. */
const PRINTERS: ReadonlyMap<string, Printer> = new Map([
  ['/pods', podPrinter],
  ['/services', servicePrinter],
  ['/configmaps', configMapPrinter],
  ['/secrets', secretPrinter],
  ['/serviceaccounts', serviceAccountPrinter],
  ['/events', eventPrinter],
  ['/nodes', nodePrinter],
  ['/namespaces', namespacePrinter],
  ['/endpoints', endpointsPrinter],
  ['/persistentvolumeclaims', persistentVolumeClaimPrinter],
  ['apps/deployments', deploymentPrinter],
  ['apps/replicasets', replicaSetPrinter],
  ['apps/statefulsets', statefulSetPrinter],
  ['apps/daemonsets', daemonSetPrinter],
  ['batch/jobs', jobPrinter],
  ['batch/cronjobs', cronJobPrinter],
  ['coordination.k8s.io/leases', leasePrinter],
])

/** The Table printer of a resource; Name + Age for anything without its own (custom resources). */
export function printerFor(plural: string, group: string): Printer {
  return PRINTERS.get(`${group}/${plural}`) ?? defaultPrinter
}
