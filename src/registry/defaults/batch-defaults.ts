import type { JsonObject } from '../../api/json-object.js'
import type { KubeObject } from '../../api/types.js'
import { defaultNil, defaultZero, ensureEmbeddedMetadata, ensureObject, isEmptyMap, objectAt, objectsIn } from './go-fields.js'
import { defaultPodTemplate } from './pod-spec-defaults.js'

// batch/v1 (k8s: pkg/apis/batch/v1/defaults.go and zz_generated.defaults.go). 1.32's feature gates:
// JobPodReplacementPolicy and JobBackoffLimitPerIndex are beta, on.

/** int32 max: the backoff limit of a job that limits backoff per index instead */
const MAX_INT32 = 2_147_483_647

/** A pod failure policy's condition patterns match a True condition unless they say otherwise. */
function defaultPodFailurePolicy(policy: JsonObject | undefined): void {
  for (const rule of objectsIn(policy, 'rules')) {
    for (const pattern of objectsIn(rule, 'onPodConditions')) defaultZero(pattern, { status: 'True' })
  }
}

/**
 * SetDefaults_Job. A job with neither completions nor parallelism runs one pod to one completion.
 * The job takes its template's labels when it has none: in Go both are then the same map, so the
 * labels the job strategy's generateSelector adds to the template show on the job too.
 */
export function defaultJob(job: KubeObject): void {
  const spec = ensureObject(job, 'spec')
  const template = ensureObject(spec, 'template')
  defaultPodTemplate(template)
  if ((spec.completions ?? null) === null && (spec.parallelism ?? null) === null) spec.completions = 1
  defaultNil(spec, { parallelism: 1 })
  defaultNil(spec, { backoffLimit: (spec.backoffLimitPerIndex ?? null) === null ? 6 : MAX_INT32 })
  const templateLabels = objectAt(ensureEmbeddedMetadata(template), 'labels')
  if (templateLabels && isEmptyMap(job.metadata.labels)) job.metadata.labels = templateLabels as Record<string, string>
  defaultNil(spec, { completionMode: 'NonIndexed', suspend: false })
  const failurePolicy = objectAt(spec, 'podFailurePolicy')
  defaultPodFailurePolicy(failurePolicy)
  defaultNil(spec, { podReplacementPolicy: failurePolicy ? 'Failed' : 'TerminatingOrFailed', manualSelector: false })
}

/**
 * SetDefaults_CronJob: concurrent runs allowed, not suspended, 3 successful and 1 failed job kept.
 * The job template's spec gets no job defaults (those come when the controller makes a Job), only
 * its pod template's.
 */
export function defaultCronJob(cronJob: KubeObject): void {
  const spec = ensureObject(cronJob, 'spec')
  defaultZero(spec, { concurrencyPolicy: 'Allow' })
  defaultNil(spec, { suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1 })
  const jobTemplate = ensureObject(spec, 'jobTemplate')
  ensureEmbeddedMetadata(jobTemplate)
  defaultPodTemplate(ensureObject(ensureObject(jobTemplate, 'spec'), 'template'))
}
