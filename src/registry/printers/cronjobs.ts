import { valueAt } from '../../api/selectors.js'
import { timeSince } from './duration.js'
import { isSet, items, text } from './fields.js'
import { ageColumn, column, containersColumn, imagesColumn, nameColumn, wideColumn } from './printer.js'
import type { Printer } from './printer.js'
import { containerCells, formatLabelSelector } from './workload-cells.js'

// printers.go cronJobColumnDefinitions / printCronJob.
export const cronJobPrinter: Printer = {
  columns: [
    nameColumn,
    column('Schedule', 'CronJobSpec.schedule'),
    column('Timezone', 'CronJobSpec.timeZone'),
    column('Suspend', 'CronJobSpec.suspend', { type: 'boolean' }),
    column('Active', 'CronJobStatus.active', { type: 'integer' }),
    column('Last Schedule', 'CronJobStatus.lastScheduleTime'),
    ageColumn,
    containersColumn,
    imagesColumn,
    wideColumn('Selector', 'JobSpec.selector'),
  ],
  cells(cj, nowMs) {
    const lastSchedule = valueAt(cj, 'status.lastScheduleTime')
    return [
      cj.metadata.name ?? '',
      text(cj, 'spec.schedule'),
      isSet(cj, 'spec.timeZone') ? text(cj, 'spec.timeZone') : '<none>',
      printBoolPointer(valueAt(cj, 'spec.suspend')),
      items(cj, 'status.active').length,
      lastSchedule === undefined || lastSchedule === null ? '<none>' : timeSince(lastSchedule, nowMs),
      timeSince(cj.metadata.creationTimestamp, nowMs),
      ...containerCells(cj, 'spec.jobTemplate.spec.template.spec.containers'),
      formatLabelSelector(valueAt(cj, 'spec.jobTemplate.spec.selector')),
    ]
  },
}

/** printers.go printBoolPtr: "True", "False", or "<unset>" for a nil pointer. */
function printBoolPointer(value: unknown): string {
  if (typeof value !== 'boolean') return '<unset>'
  return value ? 'True' : 'False'
}
