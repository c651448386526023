import { forbiddenField, goValue, invalidField, requiredField } from '../../../api/field-errors.js'
import type { StatusCause } from '../../../api/types.js'
import type { RawValidationRule } from './schema-node.js'

// The field errors x-kubernetes-validations produce, worded as kube words them.

/** The reasons a rule may name (apiextensions validation.go supportedValidationReason, sorted). */
export const SUPPORTED_REASONS = ['FieldValueDuplicate', 'FieldValueForbidden', 'FieldValueInvalid', 'FieldValueRequired']

/**
 * A failed rule's error at its node (schema/cel/validation.go fieldErrorForReason): kube 1.32
 * reports the node's schema type as the value, `Invalid value: "object": <detail>`.
 */
export function ruleFailure(field: string, schemaType: string, detail: string, reason: string | undefined): StatusCause {
  switch (reason) {
    case 'FieldValueForbidden':
      return forbiddenField(field, detail)
    case 'FieldValueRequired':
      return requiredField(field, detail)
    case 'FieldValueDuplicate':
      return { reason: 'FieldValueDuplicate', field, message: `Duplicate value: ${goValue(schemaType)}` }
    default:
      return invalidField(field, goValue(schemaType), detail)
  }
}

/**
 * The rule as Go's %#v prints the apiextensions.ValidationRule kube quotes in CRD errors. Go prints
 * a set pointer as its address; we print a fixed one.
 */
export function goValidationRule(rule: RawValidationRule): string {
  const pointer = (type: string, isSet: boolean) => `(*${type})(${isSet ? '0xc000000000' : 'nil'})`
  return (
    `apiextensions.ValidationRule{Rule:${goValue(rule.rule)}, Message:${goValue(rule.message ?? '')}, ` +
    `MessageExpression:${goValue(rule.messageExpression ?? '')}, ` +
    `Reason:${pointer('apiextensions.FieldValueErrorReason', rule.reason !== undefined)}, ` +
    `FieldPath:${goValue(rule.fieldPath ?? '')}, OptionalOldSelf:${pointer('bool', rule.optionalOldSelf !== undefined)}}`
  )
}

/** A compile error of a rule in a CRD: `…x-kubernetes-validations[i].rule: Invalid value: apiextensions.ValidationRule{…}: detail`. */
export function ruleCompileError(field: string, rule: RawValidationRule, detail: string): StatusCause {
  return invalidField(field, goValidationRule(rule), detail)
}

/** `rule` when the rule has no message; its message otherwise (validation.go ruleErrorString). */
export function ruleErrorString(rule: RawValidationRule): string {
  return rule.message ? rule.message.trim() : rule.rule.trim()
}

/** validation.go ruleMessageOrDefault. */
export function ruleMessageOrDefault(rule: RawValidationRule): string {
  return rule.message ? rule.message.trim() : `failed rule: ${ruleErrorString(rule)}`
}

/** field.Path printing: `a.b`, `a[0]`, `a[key]`; a child of the root path is just its name. */
export const childPath = (parent: string, name: string) => (parent === '' ? name : `${parent}.${name}`)
export const indexPath = (parent: string, index: number | string) => `${parent}[${index}]`
/** field.Path.String of the nil root path, where rules at the root of a resource report. */
export const ROOT_PATH = '<nil>'
export const shownPath = (path: string) => (path === '' ? ROOT_PATH : path)
