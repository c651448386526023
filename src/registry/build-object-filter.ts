import type { KubeObject } from '../api/types.js'
import { parseFieldSelector } from '../api/field-selector.js'
import { parseLabelSelector } from '../api/label-selector.js'
import { checkFieldSelectorSupported, fieldValue } from '../api/selectors.js'
import { MATCH_ALL, type ObjectFilter } from './object-filter.js'
import type { ResourceDefinition } from './resource-definition.js'

/** ?labelSelector= and ?fieldSelector= as one filter; 400 for bad syntax or an unsupported field. */
export function buildObjectFilter(definition: ResourceDefinition, labelSelector?: string, fieldSelector?: string): ObjectFilter {
  // No selector: one shared filter (an open watch keeps its filter), never asked to match.
  if (!labelSelector && !fieldSelector) return MATCH_ALL
  const labels = parseLabelSelector(labelSelector)
  const fields = parseFieldSelector(fieldSelector)
  const { group, kind, isNamespaced, fieldSelectors, isCustom } = definition
  checkFieldSelectorSupported(fields, { group, kind, isNamespaced, fieldSelectors, isCustomResource: isCustom })
  if (labels.isEmpty && fields.isEmpty) return MATCH_ALL
  const matches = (object: KubeObject) =>
    labels.matches(object.metadata.labels) && fields.matches((path) => fieldValue(object, path))
  const { conversion } = definition
  return {
    isEmpty: false,
    // Filters receive stored objects (lists, watches) and judge them as the requested version serves them.
    matches: conversion ? (object) => matches(conversion.toServed(structuredClone(object))) : matches,
  }
}
