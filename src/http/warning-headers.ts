// kube-apiserver's warning recorder (apiserver pkg/endpoints/filters/warning.go): up to 4096 runes
// of warning text; past that, every warning is cut to 256 runes, and once those fill 4096 runes
// again, later warnings are dropped. A client's huge field names cannot swell the answer's headers.
const TRUNCATE_AT_TOTAL_RUNES = 4 * 1024
const TRUNCATE_ITEM_RUNES = 256

/** A warning as kube-apiserver sends it: `299 - "<text>"`, with `"` and `\` escaped inside the quotes. */
export function warningHeaderValue(text: string): string {
  return `299 - "${text.replace(/[\\"]/g, '\\$&')}"`
}

// apimachinery pkg/util/net/http.go NewWarningHeader refuses these texts: such a warning is left out.
const CONTROL_OR_LONE_SURROGATE = /[\u0000-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/
const isSendable = (text: string) => !CONTROL_OR_LONE_SURROGATE.test(text)
const runesOf = (text: string) => [...text].length
const cut = (text: string) => (runesOf(text) > TRUNCATE_ITEM_RUNES ? [...text].slice(0, TRUNCATE_ITEM_RUNES).join('') : text)

/** The texts the recorder keeps, in order, replaying its AddWarning calls one by one. */
function recordedTexts(texts: readonly string[]): string[] {
  const recorded = new Set<string>()
  let kept: string[] = []
  let [written, isTruncating] = [0, false]
  for (const added of texts) {
    if (added.length === 0 || recorded.has(added)) continue
    if (written >= TRUNCATE_AT_TOTAL_RUNES && isTruncating) break
    recorded.add(added)
    const text = isTruncating ? cut(added) : added
    if (!isSendable(text)) continue
    if (written + runesOf(text) <= TRUNCATE_AT_TOTAL_RUNES || isTruncating) {
      written += runesOf(text)
      kept.push(text)
      continue
    }
    isTruncating = true
    kept = [...recorded].map(cut).filter(isSendable)
    written = kept.reduce((sum, t) => sum + runesOf(t), 0)
  }
  return kept
}

/** The Warning header values of an answer: as kube's recorder keeps them, as UTF-8 bytes in node's latin1 header strings. */
export function warningHeaders(texts: readonly string[]): string[] {
  return recordedTexts(texts).map((text) => Buffer.from(warningHeaderValue(text), 'utf8').toString('latin1'))
}
