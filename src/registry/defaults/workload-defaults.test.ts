import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { JsonObject } from '../../api/json-object.js'
import type { KubeObject } from '../../api/types.js'
import { defaultDaemonSet, defaultDeployment, defaultReplicaSet, defaultStatefulSet } from './apps-defaults.js'
import { defaultCronJob, defaultJob } from './batch-defaults.js'
import { defaultPodTemplateObject, defaultReplicationController } from './core-defaults.js'

// Expected values from pkg/apis/apps/v1/defaults_test.go, pkg/apis/batch/v1/defaults_test.go and
// pkg/apis/core/v1/defaults_test.go (TestSetDefaultReplicationController…), 1.32's feature gates.

const POD_SPEC = { dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', schedulerName: 'default-scheduler', securityContext: {}, terminationGracePeriodSeconds: 30 }
const TEMPLATE = { metadata: { creationTimestamp: null }, spec: POD_SPEC }
const labelled = { metadata: { labels: { app: 'a' } } }
const LABELLED_TEMPLATE = { metadata: { labels: { app: 'a' }, creationTimestamp: null }, spec: POD_SPEC }

const cases: Array<{ name: string; defaulter: (o: KubeObject) => void; body: JsonObject; want: JsonObject; wantLabels?: Record<string, string> }> = [
  { name: 'deployment: one replica, 25%/25% rolling updates, 10 revisions, 600 s', defaulter: defaultDeployment, body: { spec: {} },
    want: { spec: { template: TEMPLATE, replicas: 1, revisionHistoryLimit: 10, progressDeadlineSeconds: 600, strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } } } } },
  { name: 'deployment: zero replicas stay; Recreate gets no rollingUpdate', defaulter: defaultDeployment, body: { spec: { replicas: 0, strategy: { type: 'Recreate' }, revisionHistoryLimit: 0 } },
    want: { spec: { template: TEMPLATE, replicas: 0, revisionHistoryLimit: 0, progressDeadlineSeconds: 600, strategy: { type: 'Recreate' } } } },
  { name: 'deployment: a partial rolling update is completed', defaulter: defaultDeployment, body: { spec: { strategy: { rollingUpdate: { maxSurge: 1 } } } },
    want: { spec: { template: TEMPLATE, replicas: 1, revisionHistoryLimit: 10, progressDeadlineSeconds: 600, strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: 1 } } } } },
  { name: 'replica set: one replica', defaulter: defaultReplicaSet, body: { spec: { template: labelled } }, want: { spec: { template: LABELLED_TEMPLATE, replicas: 1 } } },
  { name: 'daemon set: one node at a time, no surge, 10 revisions', defaulter: defaultDaemonSet, body: { spec: {} },
    want: { spec: { template: TEMPLATE, revisionHistoryLimit: 10, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } } } } },
  { name: 'daemon set: OnDelete gets no rollingUpdate', defaulter: defaultDaemonSet, body: { spec: { updateStrategy: { type: 'OnDelete' } } },
    want: { spec: { template: TEMPLATE, revisionHistoryLimit: 10, updateStrategy: { type: 'OnDelete' } } } },
  { name: 'stateful set: OrderedReady, partition 0, claims retained', defaulter: defaultStatefulSet, body: { spec: {} },
    want: { spec: { template: TEMPLATE, podManagementPolicy: 'OrderedReady', updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' }, replicas: 1, revisionHistoryLimit: 10 } } },
  { name: 'stateful set: a RollingUpdate type without rollingUpdate stays so; claim templates are whole claims', defaulter: defaultStatefulSet,
    body: { spec: { updateStrategy: { type: 'RollingUpdate' }, persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete' }, volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }] } },
    want: { spec: { template: TEMPLATE, podManagementPolicy: 'OrderedReady', updateStrategy: { type: 'RollingUpdate' },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete', whenScaled: 'Retain' }, replicas: 1, revisionHistoryLimit: 10,
      volumeClaimTemplates: [{ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'www', creationTimestamp: null },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' }, status: { phase: 'Pending' } }] } } },
  { name: 'job: one pod, one completion, 6 retries, non-indexed, not suspended, automatic selector', defaulter: defaultJob, body: { spec: {} },
    want: { spec: { template: TEMPLATE, completions: 1, parallelism: 1, backoffLimit: 6, completionMode: 'NonIndexed', suspend: false, podReplacementPolicy: 'TerminatingOrFailed', manualSelector: false } } },
  { name: 'job: parallelism alone leaves completions unset; backoff per index means no global limit', defaulter: defaultJob, body: { spec: { parallelism: 3, backoffLimitPerIndex: 1, completionMode: 'Indexed' } },
    want: { spec: { template: TEMPLATE, parallelism: 3, backoffLimitPerIndex: 1, completionMode: 'Indexed', backoffLimit: 2147483647, suspend: false, podReplacementPolicy: 'TerminatingOrFailed', manualSelector: false } } },
  { name: 'job: a pod failure policy replaces failed pods only; its patterns match True', defaulter: defaultJob,
    body: { spec: { completions: 2, podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] } } },
    want: { spec: { template: TEMPLATE, completions: 2, parallelism: 1, backoffLimit: 6, completionMode: 'NonIndexed', suspend: false, podReplacementPolicy: 'Failed', manualSelector: false,
      podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }] } } } },
  { name: 'job: an unlabelled job takes its template labels', defaulter: defaultJob, body: { spec: { template: labelled } }, wantLabels: { app: 'a' },
    want: { spec: { template: LABELLED_TEMPLATE, completions: 1, parallelism: 1, backoffLimit: 6, completionMode: 'NonIndexed', suspend: false, podReplacementPolicy: 'TerminatingOrFailed', manualSelector: false } } },
  { name: 'cron job: Allow, not suspended, 3 and 1 jobs kept; the job template gets pod defaults only', defaulter: defaultCronJob,
    body: { spec: { schedule: '* * * * *', jobTemplate: { spec: { template: {} } } } },
    want: { spec: { schedule: '* * * * *', concurrencyPolicy: 'Allow', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1,
      jobTemplate: { metadata: { creationTimestamp: null }, spec: { template: TEMPLATE } } } } },
  { name: 'replication controller: selector and labels from the template, one replica', defaulter: defaultReplicationController, body: { spec: { template: labelled } },
    wantLabels: { app: 'a' }, want: { spec: { template: LABELLED_TEMPLATE, selector: { app: 'a' }, replicas: 1 } } },
  { name: 'replication controller: without a template nothing but replicas', defaulter: defaultReplicationController, body: { spec: { replicas: 0 } }, want: { spec: { replicas: 0 } } },
  { name: 'pod template: its template is always there', defaulter: defaultPodTemplateObject, body: {}, want: { template: TEMPLATE } },
]

for (const c of cases) {
  test(c.name, () => {
    const object = { metadata: { name: 'x' }, ...structuredClone(c.body) } as KubeObject
    c.defaulter(object)
    const { metadata, ...rest } = object
    assert.deepEqual(rest, c.want)
    assert.deepEqual(metadata.labels, c.wantLabels)
  })
}

test('a job shares its labels with its template, as the one Go map they are after defaulting', () => {
  const job = { metadata: { name: 'j' }, spec: { template: { metadata: { labels: { app: 'a' } } } } } as KubeObject
  defaultJob(job)
  const template = (job.spec as { template: { metadata: { labels: Record<string, string> } } }).template
  template.metadata.labels['job-name'] = 'j'
  assert.deepEqual(job.metadata.labels, { app: 'a', 'job-name': 'j' })
})
