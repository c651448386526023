import assert from 'node:assert/strict'
import { test } from 'node:test'
import { readCsvRecords } from './csv-records.js'

// Go's encoding/csv as kube's token file reader configures it (FieldsPerRecord = -1).
const cases = [
  { name: 'plain records', text: 'a,b,c\nd,e,f\n', want: [['a', 'b', 'c'], ['d', 'e', 'f']] },
  { name: 'a quoted field holds commas', text: 't,u,1,"g1,g2"\n', want: [['t', 'u', '1', 'g1,g2']] },
  { name: 'a doubled quote is a quote', text: '"say ""hi""",x', want: [['say "hi"', 'x']] },
  { name: 'CRLF line ends, no final newline', text: 'a,b\r\nc,d', want: [['a', 'b'], ['c', 'd']] },
  { name: 'blank lines are skipped', text: '\na,b\n\n\nc,d\n', want: [['a', 'b'], ['c', 'd']] },
  { name: 'records may differ in length', text: 'a\nb,c,d,e\n', want: [['a'], ['b', 'c', 'd', 'e']] },
  { name: 'spaces are kept', text: ' a , b\n', want: [[' a ', ' b']] },
  { name: 'a quoted field may span lines', text: '"a\nb",c\n', want: [['a\nb', 'c']] },
]
for (const c of cases) test(c.name, () => assert.deepEqual(readCsvRecords(c.text), c.want))

test('a bare quote in an unquoted field and an unterminated quote are errors, as in Go', () => {
  assert.throws(() => readCsvRecords('a"b,c\n'), /bare "/)
  assert.throws(() => readCsvRecords('"abc,d\n'), /extraneous or missing "/)
  assert.throws(() => readCsvRecords('"ab"c,d\n'), /extraneous or missing "/)
})
