import type { Printer } from '../printers/printer.js'
import { eventPrinter } from '../printers/events.js'
import { eventsV1Conversion } from './event-conversion.js'

/** kube prints both event APIs with one printer of its internal Event: an events.k8s.io row is printed as the core event it is. */
export const eventsV1Printer: Printer = {
  columns: eventPrinter.columns,
  cells: (event, nowMs) => eventPrinter.cells(eventsV1Conversion.toStored(structuredClone(event)), nowMs),
}
