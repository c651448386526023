import { builtOnce } from './built-once.js'
import { absentJson } from './field-json.js'
import { type FieldSpec, messageSpec } from './message-table.js'
import { SPECIAL_TYPES, type SpecialDecoder } from './special-types.js'

/**
 * A message as the decoder runs it, decided once per message name: its special decoder, or its
 * fields with what each writes when absent and the plan of the message each holds. Built on first
 * use and kept, as the table's specs are.
 */
export interface MessagePlan {
  readonly name: string
  /** the hand-written (un)marshalers: these read their own bytes */
  readonly special: SpecialDecoder | undefined
  /** in Go struct order: the order encoding/json writes them; none for a special type */
  readonly fields: readonly FieldPlan[]
  /** by field number; undefined for numbers the message does not have (skipped, as gogo does) */
  readonly byNumber: readonly (FieldPlan | undefined)[]
  /** a Go named slice (`type ExtraValue []string`): the message's JSON is this field's array */
  readonly isItems: boolean
}

export class FieldPlan {
  /** absentJson(spec): a JSON value, OMITTED, or EMPTY_STRUCT */
  readonly absent: unknown
  #message: MessagePlan | undefined

  constructor(readonly spec: FieldSpec) {
    this.absent = absentJson(spec)
  }

  /**
   * The plan of the message the field holds (as itself, its elements or its map values). The table
   * has no recursive message, but nested plans are still built on first use, so startup pays for none.
   */
  get message(): MessagePlan {
    return (this.#message ??= messagePlan(this.spec.type))
  }
}

export const messagePlan: (name: string) => MessagePlan = builtOnce(buildPlan)

function buildPlan(name: string): MessagePlan {
  const special = SPECIAL_TYPES[name]
  if (special !== undefined) return { name, special, fields: [], byNumber: [], isItems: false }
  const spec = messageSpec(name)
  const fields = spec.fields.map((field) => new FieldPlan(field))
  const byNumber: (FieldPlan | undefined)[] = []
  for (const field of fields) byNumber[field.spec.fieldNumber] = field
  return { name, special, fields, byNumber, isItems: spec.items !== undefined }
}
