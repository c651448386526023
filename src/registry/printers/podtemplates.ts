import { valueAt } from '../../api/selectors.js'
import { column, nameColumn } from './printer.js'
import type { Printer } from './printer.js'
import { containerCells, formatLabels } from './workload-cells.js'

// printers.go podTemplateColumnDefinitions / printPodTemplate: no Age column.
export const podTemplatePrinter: Printer = {
  columns: [
    nameColumn,
    column('Containers', { text: 'Names of each container in the template.' }),
    column('Images', { text: 'Images referenced by each container in the template.' }),
    column('Pod Labels', { text: 'The labels for the pod template.' }),
  ],
  cells(template) {
    return [
      template.metadata.name ?? '',
      ...containerCells(template, 'template.spec.containers'),
      formatLabels(valueAt(template, 'template.metadata.labels')),
    ]
  },
}
