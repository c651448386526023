import { randomInt } from 'node:crypto'
import type { StatusCause } from '../api/types.js'

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/

export type NameRule = 'subdomain' | 'label' | 'dns1035'

// Messages as apimachinery/pkg/util/validation/validation.go words them.
const RULES: Record<NameRule, { pattern: RegExp; maxLength: number; message: string }> = {
  subdomain: {
    pattern: DNS1123_SUBDOMAIN,
    maxLength: 253,
    message: "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
  },
  label: {
    pattern: DNS1123_LABEL,
    maxLength: 63,
    message: "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
  },
  dns1035: {
    pattern: DNS1035_LABEL,
    maxLength: 63,
    message: "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
  },
}

/** Causes for an invalid metadata.name; empty when the name is valid. */
export function validateName(name: string, rule: NameRule): StatusCause[] {
  const { pattern, maxLength, message } = RULES[rule]
  const field = 'metadata.name'
  if (name.length > maxLength) {
    return [{ reason: 'FieldValueInvalid', field, message: `Invalid value: ${JSON.stringify(name)}: must be no more than ${maxLength} characters` }]
  }
  if (!pattern.test(name)) return [{ reason: 'FieldValueInvalid', field, message: `Invalid value: ${JSON.stringify(name)}: ${message}` }]
  return []
}

// The alphabet of apimachinery/pkg/util/rand: no vowels, no look-alikes.
const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789'

/** generateName + 5 random characters, as kube's names.SimpleNameGenerator does. */
export function generateName(prefix: string): string {
  const base = prefix.length > 58 ? prefix.slice(0, 58) : prefix
  let suffix = ''
  for (let i = 0; i < 5; i++) suffix += ALPHABET[randomInt(ALPHABET.length)]
  return base + suffix
}
