import { valueAt } from '../../api/selectors.js'
import type { KubeObject } from '../../api/types.js'
import { humanDuration, timeSince } from './duration.js'
import { int, isSet, items, text } from './fields.js'
import { ageColumn, column, containersColumn, imagesColumn, nameColumn, wideColumn } from './printer.js'
import type { Printer } from './printer.js'
import { containerCells, formatLabelSelector } from './workload-cells.js'

// printers.go jobColumnDefinitions / printJob.
export const jobPrinter: Printer = {
  columns: [
    nameColumn,
    column('Status', { text: 'Status of the job.' }),
    column('Completions', 'JobStatus.succeeded'),
    column('Duration', { text: 'Time required to complete the job.' }),
    ageColumn,
    containersColumn,
    imagesColumn,
    wideColumn('Selector', 'JobSpec.selector'),
  ],
  cells(job, nowMs) {
    return [
      job.metadata.name ?? '',
      jobStatus(job),
      completions(job),
      jobDuration(job, nowMs),
      timeSince(job.metadata.creationTimestamp, nowMs),
      ...containerCells(job, 'spec.template.spec.containers'),
      formatLabelSelector(valueAt(job, 'spec.selector')),
    ]
  },
}

function completions(job: KubeObject): string {
  const succeeded = int(job, 'status.succeeded')
  if (isSet(job, 'spec.completions')) return `${succeeded}/${int(job, 'spec.completions')}`
  const parallelism = int(job, 'spec.parallelism')
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`
}

/** "" before the job starts, then time running, then time it took. */
function jobDuration(job: KubeObject, nowMs: number): string {
  const startMs = Date.parse(text(job, 'status.startTime'))
  if (Number.isNaN(startMs)) return ''
  const completionMs = Date.parse(text(job, 'status.completionTime'))
  return humanDuration((Number.isNaN(completionMs) ? nowMs : completionMs) - startMs)
}

function jobStatus(job: KubeObject): string {
  const conditions = items(job, 'status.conditions')
  // hasJobCondition: the first condition of the type decides.
  const has = (type: string) => text(conditions.find((c) => text(c, 'type') === type), 'status') === 'True'
  if (has('Complete')) return 'Complete'
  if (has('Failed')) return 'Failed'
  if (job.metadata.deletionTimestamp) return 'Terminating'
  if (has('Suspended')) return 'Suspended'
  if (has('FailureTarget')) return 'FailureTarget'
  return 'Running'
}
