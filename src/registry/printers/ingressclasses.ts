import type { KubeObject } from '../../api/types.js'
import { timeSince } from './duration.js'
import { isSet, text } from './fields.js'
import { ageColumn, column, nameColumn } from './printer.js'
import type { Printer } from './printer.js'

/** `Kind.apiGroup/name` of spec.parameters (the group only when set), `<none>` without parameters. */
function parametersCell(ingressClass: KubeObject): string {
  if (!isSet(ingressClass, 'spec.parameters')) return '<none>'
  const group = isSet(ingressClass, 'spec.parameters.apiGroup') ? `.${text(ingressClass, 'spec.parameters.apiGroup')}` : ''
  return `${text(ingressClass, 'spec.parameters.kind')}${group}/${text(ingressClass, 'spec.parameters.name')}`
}

// printers.go ingressClassColumnDefinitions / printIngressClass.
export const ingressClassPrinter: Printer = {
  columns: [
    nameColumn,
    column('Controller', { text: 'Controller that is responsible for handling this class' }),
    column('Parameters', { text: 'A reference to a resource with additional parameters' }),
    ageColumn,
  ],
  cells(ingressClass, nowMs) {
    return [
      ingressClass.metadata.name ?? '',
      text(ingressClass, 'spec.controller'),
      parametersCell(ingressClass),
      timeSince(ingressClass.metadata.creationTimestamp, nowMs),
    ]
  },
}
