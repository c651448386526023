import type { KubeObject } from '../../api/types.js'
import { defaultCronJob, defaultJob } from '../defaults/batch-defaults.js'
import { ensureObject } from '../defaults/go-fields.js'
import type { Strategy } from '../strategy.js'
import { initialStatus } from './initial-status.js'
import { validateTemplateSpec } from './workloads.js'

// Jobs and cron jobs (k8s: pkg/registry/batch/job/strategy.go, pkg/registry/batch/cronjob/strategy.go).

const JOB_NAME_LABELS = ['job-name', 'batch.kubernetes.io/job-name']
const CONTROLLER_UID_LABELS = ['controller-uid', 'batch.kubernetes.io/controller-uid']

/**
 * generateSelector: unless the job asks for a manual selector, its pods are labelled with its name
 * and uid (both the legacy and the batch.kubernetes.io keys; labels the user set are kept), and it
 * selects them by uid. A selector that then does not match is refused by validation, in kube.
 */
function generateSelector(job: KubeObject): void {
  const spec = ensureObject(job, 'spec')
  if (spec.manualSelector === true) return
  const labels = ensureObject(ensureObject(ensureObject(spec, 'template'), 'metadata'), 'labels')
  for (const key of JOB_NAME_LABELS) labels[key] ??= job.metadata.name
  for (const key of CONTROLLER_UID_LABELS) labels[key] ??= job.metadata.uid
  const matchLabels = ensureObject(ensureObject(spec, 'selector'), 'matchLabels')
  matchLabels['batch.kubernetes.io/controller-uid'] ??= job.metadata.uid
}

export const jobStrategy: Strategy = {
  applyDefaults: defaultJob,
  prepareForCreate(job) {
    generateSelector(job)
    job.status = {}
  },
  validate: validateTemplateSpec,
}

export const cronJobStrategy: Strategy = { applyDefaults: defaultCronJob, ...initialStatus({}) }
