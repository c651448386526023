/**
 * Records of a CSV text as Go's encoding/csv reads them with FieldsPerRecord = -1: comma-separated
 * fields, a quoted field may hold commas, newlines and `""` for a quote, blank lines are skipped.
 * Throws on a quote inside an unquoted field or an unterminated quoted one, as Go does.
 */
export function readCsvRecords(text: string): string[][] {
  const records: string[][] = []
  let record: string[] = []
  let field = ''
  let i = 0
  const endRecord = () => {
    record.push(field)
    if (record.length > 1 || record[0] !== '') records.push(record)
    record = []
    field = ''
  }
  while (i < text.length) {
    const c = text[i]!
    if (c === '"' && field === '') {
      const end = readQuoted(text, i + 1)
      field = text.slice(i + 1, end).replace(/""/g, '"')
      i = end + 1
      if (i < text.length && !/[,\r\n]/.test(text[i]!)) throw new Error(`extraneous or missing " in quoted-field at offset ${i}`)
      continue
    }
    if (c === '"') throw new Error(`bare " in non-quoted-field at offset ${i}`)
    if (c === ',') {
      record.push(field)
      field = ''
    } else if (c === '\n' || (c === '\r' && text[i + 1] === '\n')) {
      endRecord()
      if (c === '\r') i++
    } else field += c
    i++
  }
  if (field !== '' || record.length > 0) endRecord()
  return records
}

/** the offset of the quote that closes a quoted field starting at `from` */
function readQuoted(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] !== '"') continue
    if (text[i + 1] === '"') i++
    else return i
  }
  throw new Error('extraneous or missing " in quoted-field')
}
