import { valueAt } from '../../api/selectors.js'
import { timeSince } from './duration.js'
import { int } from './fields.js'
import { ageColumn, column, containersColumn, imagesColumn, nameColumn, wideColumn } from './printer.js'
import type { Printer } from './printer.js'
import { containerCells, labelSelectorString } from './workload-cells.js'

// printers.go deploymentColumnDefinitions / printDeployment.
export const deploymentPrinter: Printer = {
  columns: [
    nameColumn,
    column('Ready', { text: 'Number of the pod with ready state' }),
    column('Up-to-date', 'DeploymentStatus.updatedReplicas'),
    column('Available', 'DeploymentStatus.availableReplicas'),
    ageColumn,
    containersColumn,
    imagesColumn,
    wideColumn('Selector', 'DeploymentSpec.selector'),
  ],
  cells(d, nowMs) {
    // spec.replicas defaults to 1 in kube, so a stored Deployment always has it.
    const desired = int(d, 'spec.replicas', 1)
    return [
      d.metadata.name ?? '',
      `${int(d, 'status.readyReplicas')}/${desired}`,
      int(d, 'status.updatedReplicas'),
      int(d, 'status.availableReplicas'),
      timeSince(d.metadata.creationTimestamp, nowMs),
      ...containerCells(d, 'spec.template.spec.containers'),
      labelSelectorString(valueAt(d, 'spec.selector')) ?? '<invalid>',
    ]
  },
}
