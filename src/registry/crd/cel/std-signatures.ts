// The signatures of CEL's standard library and cel-go's strings and sets extensions, as cel-go
// declares them (common/stdlib/standard.go, ext/strings.go, ext/sets.go) with the options kube's
// base environment turns on (apiserver/pkg/cel/environment/base.go: cross-type numeric
// comparisons, optional types, strings version 2, sets). The implementations are @bufbuild/cel's.

const ORDERED = ['bool', 'int', 'uint', 'double', 'string', 'bytes', 'timestamp', 'duration']
const CROSS_NUMERIC = [['int', 'double'], ['int', 'uint'], ['uint', 'int'], ['uint', 'double'], ['double', 'int'], ['double', 'uint']]

const comparisons = ['_<_', '_<=_', '_>_', '_>=_'].flatMap((op) => [
  ...ORDERED.map((t) => `${op}(${t}, ${t}) bool`),
  ...CROSS_NUMERIC.map(([a, b]) => `${op}(${a}, ${b}) bool`),
])

const arithmetic = [
  ...['int', 'uint', 'double', 'string', 'bytes'].map((t) => `_+_(${t}, ${t}) ${t}`),
  '_+_(list(A), list(A)) list(A)',
  '_+_(timestamp, duration) timestamp', '_+_(duration, timestamp) timestamp', '_+_(duration, duration) duration',
  ...['int', 'uint', 'double'].map((t) => `_-_(${t}, ${t}) ${t}`),
  '_-_(timestamp, timestamp) duration', '_-_(timestamp, duration) timestamp', '_-_(duration, duration) duration',
  ...['_*_', '_/_'].flatMap((op) => ['int', 'uint', 'double'].map((t) => `${op}(${t}, ${t}) ${t}`)),
  '_%_(int, int) int', '_%_(uint, uint) uint',
  '-_(int) int', '-_(double) double',
]

const logic = [
  '_?_:_(bool, A, A) A', '@not_strictly_false(bool) bool', '!_(bool) bool', '_==_(A, A) bool', '_!=_(A, A) bool',
  '_[_](list(A), int) A', '_[_](map(A, B), A) B',
  '@in(A, list(A)) bool', '@in(A, map(A, B)) bool',
]

const sizes = ['string', 'bytes', 'list(A)', 'map(A, B)'].flatMap((t) => [`size(${t}) int`, `${t}.size() int`])

const conversions = [
  ...['int', 'uint', 'double', 'string', 'timestamp', 'duration'].map((t) => `int(${t}) int`),
  ...['uint', 'int', 'double', 'string'].map((t) => `uint(${t}) uint`),
  ...['double', 'int', 'uint', 'string'].map((t) => `double(${t}) double`),
  ...['string', 'bool', 'bytes', 'double', 'duration', 'int', 'timestamp', 'uint'].map((t) => `string(${t}) string`),
  'bytes(bytes) bytes', 'bytes(string) bytes', 'bool(bool) bool', 'bool(string) bool',
  'timestamp(timestamp) timestamp', 'timestamp(int) timestamp', 'timestamp(string) timestamp',
  'duration(duration) duration', 'duration(string) duration',
  'dyn(A) dyn', 'type(A) type',
]

const TIMESTAMP_PARTS = ['getFullYear', 'getMonth', 'getDayOfYear', 'getDayOfMonth', 'getDate', 'getDayOfWeek', 'getHours', 'getMinutes', 'getSeconds', 'getMilliseconds']
const time = [
  ...TIMESTAMP_PARTS.flatMap((f) => [`timestamp.${f}() int`, `timestamp.${f}(string) int`]),
  ...['getHours', 'getMinutes', 'getSeconds', 'getMilliseconds'].map((f) => `duration.${f}() int`),
]

const strings = [
  'string.contains(string) bool', 'string.startsWith(string) bool', 'string.endsWith(string) bool',
  'string.matches(string) bool', 'matches(string, string) bool',
  'string.charAt(int) string', 'string.indexOf(string) int', 'string.indexOf(string, int) int',
  'string.lastIndexOf(string) int', 'string.lastIndexOf(string, int) int',
  'string.lowerAscii() string', 'string.upperAscii() string', 'string.trim() string',
  'string.replace(string, string) string', 'string.replace(string, string, int) string',
  'string.split(string) list(string)', 'string.split(string, int) list(string)',
  'string.substring(int) string', 'string.substring(int, int) string',
  'list(string).join() string', 'list(string).join(string) string',
  '@strings.quote(string) string', 'string.format(list(dyn)) string',
]

const sets = ['contains', 'equivalent', 'intersects'].map((f) => `@sets.${f}(list(A), list(A)) bool`)

const optionals = [
  '@optional.of(A) optional(A)', '@optional.ofNonZeroValue(A) optional(A)', '@optional.none() optional(dyn)',
  'optional(A).hasValue() bool', 'optional(A).value() A', 'optional(A).orValue(A) A',
  'optional(A).or(optional(A)) optional(A)',
]

export const STD_SIGNATURES: readonly string[] = [
  ...comparisons, ...arithmetic, ...logic, ...sizes, ...conversions, ...time, ...strings, ...sets, ...optionals,
]
