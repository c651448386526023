import { isIP } from 'node:net'
import type { Ajv } from 'ajv'
import { fullFormats } from 'ajv-formats/dist/formats.js'

type Check = (value: string) => boolean

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i
const uuidOfVersion = (version: string): Check => {
  const pattern = new RegExp(`^[0-9a-f]{8}-?[0-9a-f]{4}-?${version}[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$`, 'i')
  return (v) => pattern.test(v)
}
const regex = (pattern: RegExp): Check => (v) => pattern.test(v)

/** RFC 3339 as Go's time.Parse reads it for strfmt.DateTime (with or without fractional seconds). */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/
/** Go's time.ParseDuration, and strfmt's long forms (`3 days`). */
const DURATION = /^(([+-]?\d+(\.\d*)?(ns|us|µs|ms|s|m|h))+|\d+\s*(ns|us|µs|ms|s|m|h|d|w|seconds?|minutes?|hours?|days?|weeks?))$/

/** ajv-formats' check where it means what strfmt's does (RFC email, hostname, base64, RFC 3339). */
function ajvFormat(name: keyof typeof fullFormats): Check {
  const format = fullFormats[name]
  if (format instanceof RegExp) return (v) => format.test(v)
  if (typeof format === 'function') return format as Check
  if (typeof format === 'object' && 'validate' in format) {
    const validate = format.validate
    return validate instanceof RegExp ? (v) => validate.test(v) : (v) => (validate as Check)(v)
  }
  return () => true
}

function isUri(value: string): boolean {
  if (value.startsWith('/')) return true
  try {
    return new URL(value).protocol.length > 1
  } catch {
    return false
  }
}

function isCidr(value: string): boolean {
  const slash = value.indexOf('/')
  if (slash < 0) return false
  const ip = value.slice(0, slash)
  const bits = Number(value.slice(slash + 1))
  const family = isIP(ip)
  return family !== 0 && Number.isInteger(bits) && bits >= 0 && bits <= (family === 4 ? 32 : 128)
}

/**
 * The formats apiextensions validates custom resources against (k8s: apiextensions-apiserver
 * pkg/apiserver/validation/formats.go supportedFormats), checked the way kube-openapi's strfmt
 * registry checks them (pkg/validation/strfmt/default.go). Other formats are stripped from the
 * schema and check nothing.
 */
const FORMATS: Record<string, Check> = {
  bsonobjectid: regex(/^[0-9a-fA-F]{24}$/),
  uri: isUri,
  email: ajvFormat('email'),
  hostname: ajvFormat('hostname'),
  ipv4: (v) => isIP(v) === 4,
  ipv6: (v) => isIP(v) === 6,
  cidr: isCidr,
  mac: regex(/^([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}$|^([0-9A-Fa-f]{2}[:-]){7}[0-9A-Fa-f]{2}$|^([0-9A-Fa-f]{4}\.){2}[0-9A-Fa-f]{4}$/),
  uuid: regex(UUID),
  uuid3: uuidOfVersion('3'),
  uuid4: uuidOfVersion('4'),
  uuid5: uuidOfVersion('5'),
  isbn: regex(/^(?:ISBN(?:-1[03])?:? )?(?=[0-9X]{10}$|(?=(?:[0-9]+[- ]){3})[- 0-9X]{13}$|97[89][0-9]{10}$|(?=(?:[0-9]+[- ]){4})[- 0-9]{17}$)(?:97[89][- ]?)?[0-9]{1,5}[- ]?[0-9]+[- ]?[0-9]+[- ]?[0-9X]$/),
  isbn10: regex(/^(?:ISBN(?:-10)?:? )?(?=[0-9X]{10}$|(?=(?:[0-9]+[- ]){3})[- 0-9X]{13}$)[0-9]{1,5}[- ]?[0-9]+[- ]?[0-9]+[- ]?[0-9X]$/),
  isbn13: regex(/^(?:ISBN(?:-13)?:? )?(?=[0-9]{13}$|(?=(?:[0-9]+[- ]){4})[- 0-9]{17}$)97[89][- ]?[0-9]{1,5}[- ]?[0-9]+[- ]?[0-9]+[- ]?[0-9]$/),
  creditcard: regex(/^(?:4[0-9]{12}(?:[0-9]{3})?|5[1-5][0-9]{14}|6(?:011|5[0-9][0-9])[0-9]{12}|3[47][0-9]{13}|3(?:0[0-5]|[68][0-9])[0-9]{11}|(?:2131|1800|35\d{3})\d{11})$/),
  ssn: regex(/^\d{3}[- ]?\d{2}[- ]?\d{4}$/),
  hexcolor: regex(/^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/),
  rgbcolor: regex(/^rgb\(\s*(0|[1-9]\d?|1\d\d?|2[0-4]\d|25[0-5])\s*,\s*(0|[1-9]\d?|1\d\d?|2[0-4]\d|25[0-5])\s*,\s*(0|[1-9]\d?|1\d\d?|2[0-4]\d|25[0-5])\s*\)$/),
  byte: ajvFormat('byte'),
  password: () => true,
  date: regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/),
  duration: regex(DURATION),
  datetime: regex(DATE_TIME),
  'date-time': ajvFormat('date-time'),
}

export const isSupportedFormat = (format: string): boolean => Object.hasOwn(FORMATS, format)

/** Registers kube's string formats on an ajv instance (numbers carry no checked format in kube). */
export function addKubeFormats(ajv: Ajv): void {
  for (const [name, validate] of Object.entries(FORMATS)) ajv.addFormat(name, { type: 'string', validate })
}
