import { exchangeRaw } from '../../support/raw-connection.js'
import { requestUnlessStream } from '../../support/start-server.js'
import { problemWithAnswer, problemWithRawResponses, type FuzzCase, type HttpCase, type RawCase, type Verdict } from './fuzz-case.js'

/** An HTTP answer must come within this: the slowest legitimate one waits 3 s for a revision from the future. */
const HTTP_DEADLINE_MS = 15_000

async function runHttp(baseUrl: string, c: HttpCase): Promise<Verdict> {
  const startedMs = performance.now()
  try {
    const answer = await requestUnlessStream(baseUrl, c.path, { method: c.method, headers: c.headers ?? {}, ...(c.body === undefined ? {} : { rawBody: c.body }), timeoutMs: HTTP_DEADLINE_MS })
    const ms = performance.now() - startedMs
    const problem = c.expectCode !== undefined && answer.status !== c.expectCode
      ? `expected ${c.expectCode}, got ${answer.status}: ${answer.text.slice(0, 200)}`
      : problemWithAnswer(answer.status, answer.headers.get('content-type'), answer.text, c.method === 'HEAD')
    return { status: answer.status, isStream: answer.isStream, ms, ...(problem ? { problem } : {}) }
  } catch (error) {
    const ms = performance.now() - startedMs
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name
    return { ms, problem: cause === 'TimeoutError' ? `no answer within ${HTTP_DEADLINE_MS} ms (hang)` : `connection failed before an answer: ${cause} ${(error as Error).message}` }
  }
}

async function runRaw(baseUrl: string, c: RawCase): Promise<Verdict> {
  const result = await exchangeRaw(baseUrl, { parts: c.parts, deadlineMs: c.deadlineMs, ...(c.untilResponses ? { untilResponses: c.untilResponses } : {}) })
  const first = result.responses[0]
  const verdict = { ms: result.elapsedMs, ...(first ? { status: first.status } : {}) }
  const problem = problemWithRawResponses(result.responses) ?? problemWithEnding(c, result.ending, first?.status)
  return problem ? { ...verdict, problem: `${problem} (ending: ${result.ending}, ${result.responses.length} responses, rest ${JSON.stringify(result.rest.slice(0, 80))})` } : verdict
}

function problemWithEnding(c: RawCase, ending: string, firstStatus: number | undefined): string | undefined {
  if (c.expectCode !== undefined && firstStatus !== c.expectCode) return `expected a ${c.expectCode} answer, got ${firstStatus ?? 'none'}`
  const isAnswered = firstStatus !== undefined
  if (ending === 'deadline' && (c.expect === 'close' || !isAnswered)) return `neither answered nor closed within ${c.deadlineMs} ms (hang)`
  if (c.expect === 'answer' && !isAnswered) return `no answer before the connection ${ending === 'reset' ? 'was reset' : 'closed'}`
  return undefined
}

/** Runs one case against the server and says which property, if any, it broke. */
export function runCase(baseUrl: string, c: FuzzCase): Promise<Verdict> {
  return c.kind === 'http' ? runHttp(baseUrl, c) : runRaw(baseUrl, c)
}
