import assert from 'node:assert/strict'
import { test } from 'node:test'
import { compileValidationRules } from './validation-rules.js'

// Each expression is a rule on a schema of every kind of field, run against `VALUE`. Expected
// results are those kube documents for its libraries (apiserver/pkg/cel/library/*.go doc comments
// and *_test.go), cel-go's extensions (ext/strings.go, ext/sets.go) and the CEL spec.

const SCHEMA = {
  type: 'object',
  properties: {
    s: { type: 'string' },
    n: { type: 'integer' },
    d: { type: 'number' },
    list: { type: 'array', items: { type: 'integer' } },
    names: { type: 'array', items: { type: 'string' } },
    ts: { type: 'string', format: 'date-time' },
    day: { type: 'string', format: 'date' },
    dur: { type: 'string', format: 'duration' },
    raw: { type: 'string', format: 'byte' },
    ios: { 'x-kubernetes-int-or-string': true },
    labels: { type: 'object', additionalProperties: { type: 'string' } },
  },
}
const VALUE = {
  s: 'abc 123 def 456', n: 3, d: 2.5, list: [3, 1, 2], names: ['b', 'a'], ts: '2024-01-02T03:04:05Z',
  day: '2024-01-02', dur: '1h30m', raw: 'aGVsbG8=', ios: '50%', labels: { app: 'web' },
}

/** 'pass' (the rule holds), 'fail' (it is false), or the text of the evaluation error. */
function outcome(rule: string): string {
  const compiled = compileValidationRules({ ...SCHEMA, 'x-kubernetes-validations': [{ rule }] })
  assert.deepEqual(compiled.compileErrors.map((c) => c.message), [], `compile ${rule}`)
  const causes = compiled.validate(VALUE)
  if (causes.length === 0) return 'pass'
  const message = causes[0]?.message ?? ''
  return message.includes('failed rule:') ? 'fail' : message.replace(/^Invalid value: "object": /, '')
}

const cases: Array<{ library: string; rule: string; want?: string }> = [
  // standard library and strings extension
  { library: 'std', rule: "self.s.startsWith('abc') && self.s.endsWith('456') && self.s.contains('123')" },
  { library: 'std', rule: "self.s.matches('^[a-z]+ [0-9]+')" },
  { library: 'std', rule: 'self.n * 2 == 6 && self.d > self.n - 1 && 1 < 1.5' },
  { library: 'std', rule: 'self.list.exists_one(x, x == 1) && self.list.filter(x, x > 1).size() == 2' },
  { library: 'std', rule: 'self.list.map(x, x * 2) == [6, 2, 4]' },
  { library: 'std', rule: "'app' in self.labels && self.labels.app == 'web'" },
  { library: 'std', rule: "has(self.labels.app) && !has(self.labels.db)" },
  { library: 'std', rule: 'self.list[5] == 1', want: 'index out of bounds: 5 evaluating rule: self.list[5] == 1' },
  { library: 'std', rule: "self.labels.db == 'x'", want: "no such key: db evaluating rule: self.labels.db == 'x'" },
  { library: 'std', rule: 'self.n / 0 == 1', want: 'division by zero evaluating rule: self.n / 0 == 1' },
  { library: 'strings', rule: "self.s.split(' ').size() == 4 && self.names.join('-') == 'b-a'" },
  { library: 'strings', rule: "self.s.indexOf('123') == 4 && self.s.lastIndexOf(' ') == 11 && self.s.charAt(0) == 'a'" },
  { library: 'strings', rule: "self.s.upperAscii().lowerAscii() == self.s && '  x '.trim() == 'x'" },
  { library: 'strings', rule: "self.s.replace(' ', '_', 1) == 'abc_123 def 456' && self.s.substring(4, 7) == '123'" },
  { library: 'strings', rule: "'%d items'.format([self.n]) == '3 items' && '%s!'.format(['hi']) == 'hi!' && strings.quote('a\"b') == '\"a\\\\\"b\"'" },
  // formats
  { library: 'formats', rule: "self.ts == timestamp('2024-01-02T03:04:05Z') && self.ts.getFullYear() == 2024" },
  { library: 'formats', rule: "self.day < self.ts && self.dur == duration('90m') && self.dur.getMinutes() == 90" },
  { library: 'formats', rule: "self.raw == b'hello' && size(self.raw) == 5" },
  { library: 'int-or-string', rule: "type(self.ios) == string && self.ios.endsWith('%')" },
  { library: 'int-or-string', rule: 'self.ios > 5', want: "'no such overload': call arguments did not match a supported operator, function or macro signature for rule: self.ios > 5" },
  // kube lists (lists.go)
  { library: 'lists', rule: '[1, 2, 3].isSorted() && !self.list.isSorted() && [].isSorted()' },
  { library: 'lists', rule: 'self.list.sum() == 6 && [1.0, 3.0].sum() == 4.0 && [].sum() == 0' },
  { library: 'lists', rule: "self.list.min() == 1 && self.list.max() == 3 && ['a', 'b'].max() == 'b'" },
  { library: 'lists', rule: '[1, 2, 2, 3].indexOf(2) == 1 && [1, 2, 2, 3].lastIndexOf(2) == 2 && self.list.indexOf(9) == -1' },
  { library: 'lists', rule: '[].min() == 1', want: 'min called on empty list evaluating rule: [].min() == 1' },
  // regex (regex.go)
  { library: 'regex', rule: "'abc 123'.find('[0-9]+') == '123' && 'abc 123'.find('xyz') == ''" },
  { library: 'regex', rule: "'123 abc 456'.findAll('[0-9]+') == ['123', '456'] && '123 abc 456'.findAll('[0-9]+', 1) == ['123']" },
  { library: 'regex', rule: "matches('abc', '^a')" },
  // urls (urls.go)
  { library: 'urls', rule: "isURL('https://user:pass@example.com:80/path?query=val#fragment') && isURL('/absolute-path')" },
  { library: 'urls', rule: "!isURL('../relative-path') && !isURL('https://a:b:c/')" },
  { library: 'urls', rule: "url('https://example.com:80/').getHost() == 'example.com:80' && url('https://[::1]:80/').getHostname() == '::1'" },
  { library: 'urls', rule: "url('https://example.com:80/').getPort() == '80' && url('/path').getScheme() == ''" },
  { library: 'urls', rule: "url('https://example.com/path with spaces/').getEscapedPath() == '/path%20with%20spaces/'" },
  { library: 'urls', rule: "url('https://example.com/path?k1=a&k2=b&k2=c').getQuery() == {'k1': ['a'], 'k2': ['b', 'c']}" },
  // quantity (quantity.go)
  { library: 'quantity', rule: "isQuantity('1.3G') && isQuantity('1.3Gi') && !isQuantity('1,3G') && !isQuantity('200K') && !isQuantity('Mi')" },
  { library: 'quantity', rule: "quantity('200M').compareTo(quantity('0.2G')) == 0 && quantity('50M').compareTo(quantity('50Mi')) == -1" },
  { library: 'quantity', rule: "quantity('150Mi').isGreaterThan(quantity('100Mi')) && quantity('50M').isLessThan(quantity('100M'))" },
  { library: 'quantity', rule: "quantity('50k').add(quantity('20k')) == quantity('70k') && quantity('50k').sub(20000) == quantity('30k')" },
  { library: 'quantity', rule: "quantity('50k').add(20).sub(quantity('100k')).sub(-50000) == quantity('20')" },
  { library: 'quantity', rule: "quantity('50k').asInteger() == 50000 && quantity('50000000G').isInteger() && quantity('1Gi') == quantity('1073741824')" },
  { library: 'quantity', rule: "!quantity('9999999999999999999999999999999999999G').isInteger() && quantity('50k').sub(20000).asApproximateFloat() == 30000.0" },
  { library: 'quantity', rule: "quantity('1.5').asInteger() == 1", want: "cannot convert value to integer evaluating rule: quantity('1.5').asInteger() == 1" },
  { library: 'quantity', rule: "quantity('200K') == quantity('1')", want: "unable to parse quantity's suffix evaluating rule: quantity('200K') == quantity('1')" },
  // ip and cidr (ip.go, cidr.go)
  { library: 'ip', rule: "isIP('127.0.0.1') && isIP('::1') && !isIP('127.0.0.256') && !isIP(':::1') && !isIP('::ffff:1.2.3.4')" },
  { library: 'ip', rule: "ip('127.0.0.1').family() == 4 && ip('::1').family() == 6 && ip('::1').isLoopback()" },
  { library: 'ip', rule: "ip.isCanonical('2001:db8::abcd') && !ip.isCanonical('2001:DB8::ABCD') && !ip.isCanonical('2001:db8::0:0:0:abcd')" },
  { library: 'ip', rule: "ip('169.254.169.254').isLinkLocalUnicast() && ip('224.0.0.1').isLinkLocalMulticast() && ip('ff02::1').isLinkLocalMulticast()" },
  { library: 'ip', rule: "ip('192.168.0.1').isGlobalUnicast() && !ip('255.255.255.255').isGlobalUnicast() && !ip('ff00::1').isGlobalUnicast()" },
  { library: 'ip', rule: "ip('0.0.0.0').isUnspecified() && string(ip('2001:db8:0:0:0:0:0:1')) == '2001:db8::1'" },
  { library: 'cidr', rule: "cidr('192.168.0.0/24').containsIP('192.168.0.1') && !cidr('192.168.0.0/24').containsIP(ip('192.168.1.1'))" },
  { library: 'cidr', rule: "cidr('192.168.0.0/16').containsCIDR(cidr('192.168.10.0/24')) && !cidr('192.168.1.0/24').containsCIDR('192.168.2.0/24')" },
  { library: 'cidr', rule: "cidr('192.168.0.1/24').masked() == cidr('192.168.0.0/24') && cidr('192.168.0.1/24') != cidr('192.168.0.1/24').masked()" },
  { library: 'cidr', rule: "cidr('192.168.0.0/16').prefixLength() == 16 && cidr('::1/128').ip() == ip('::1') && isCIDR('10.0.0.0/8') && !isCIDR('10.0.0.0/33')" },
  // sets (cel-go ext/sets.go)
  { library: 'sets', rule: 'sets.contains([1, 2, 3, 4], [2, 3]) && !sets.contains([], [1]) && sets.contains([], [])' },
  { library: 'sets', rule: 'sets.equivalent([1], [1, 1]) && sets.equivalent([1, 2, 3], [3, 2, 1]) && sets.intersects([1], [1, 2]) && !sets.intersects([1], [])' },
  // optional values
  { library: 'optional', rule: 'optional.of(1).hasValue() && !optional.none().hasValue() && optional.none().orValue(5) == 5' },
  { library: 'optional', rule: 'optional.of(2).value() == 2 && optional.ofNonZeroValue(0) == optional.none() && optional.of(1) != optional.of(2)' },
]

for (const c of cases) {
  test(`${c.library}: ${c.rule}`, () => {
    assert.equal(outcome(c.rule), c.want ?? 'pass')
  })
}
