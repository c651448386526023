import type { StatusCause } from '../api/types.js'

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/

export type NameRule = 'subdomain' | 'label' | 'dns1035' | 'pathSegment'

/** A DNS rule as apimachinery/pkg/util/validation/validation.go words its failure. */
function dnsRule(pattern: RegExp, maxLength: number, message: string): (name: string) => string[] {
  return (name) => {
    if (name.length > maxLength) return [`must be no more than ${maxLength} characters`]
    return pattern.test(name) ? [] : [message]
  }
}

/**
 * path.IsValidPathSegmentName (k8s: apimachinery/pkg/api/validation/path/name.go): any name that
 * can be one URL path segment; RBAC names like `system:node` rely on it.
 */
export function pathSegmentRule(name: string): string[] {
  if (name === '.' || name === '..') return [`may not be '${name}'`]
  return ['/', '%'].filter((c) => name.includes(c)).map((c) => `may not contain '${c}'`)
}

const RULES: Record<NameRule, (name: string) => string[]> = {
  subdomain: dnsRule(
    DNS1123_SUBDOMAIN,
    253,
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
  ),
  label: dnsRule(
    DNS1123_LABEL,
    63,
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
  ),
  dns1035: dnsRule(
    DNS1035_LABEL,
    63,
    "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
  ),
  pathSegment: pathSegmentRule,
}

/** What is wrong with a name under a rule, in apimachinery's words; empty when it is valid. */
export const nameRuleErrors = (name: string, rule: NameRule): string[] => RULES[rule](name)

/** Causes for an invalid metadata.name; empty when the name is valid. */
export function validateName(name: string, rule: NameRule): StatusCause[] {
  return RULES[rule](name).map((message) => ({ reason: 'FieldValueInvalid', field: 'metadata.name', message: `Invalid value: ${JSON.stringify(name)}: ${message}` }))
}

// The alphabet of apimachinery/pkg/util/rand: no vowels, no look-alikes.
const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789'

/**
 * utilrand.String (k8s: apimachinery/pkg/util/rand/rand.go): `length` characters of its alphabet from
 * math/rand, a generator that is not cryptographic; Math.random is the same kind, ten times cheaper
 * than crypto.randomInt here (a pod's token volume name takes one per create).
 */
export function randomString(length: number): string {
  let out = ''
  for (let i = 0; i < length; i++) out += ALPHABET[Math.floor(Math.random() * ALPHABET.length)]
  return out
}

/** generateName + 5 random characters, as kube's names.SimpleNameGenerator does. */
export function generateName(prefix: string): string {
  const base = prefix.length > 58 ? prefix.slice(0, 58) : prefix
  return base + randomString(5)
}
