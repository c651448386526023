import { badRequest } from '../../api/errors.js'
import { checkNestingDepth } from '../../api/nesting-depth.js'

/**
 * Accepts a patch either already parsed or as the raw request body, so each engine can answer a body
 * that is not JSON with the 400 kube gives (`invalid JSON document` and the like).
 */
export function decodePatchBody(body: unknown): unknown {
  if (typeof body !== 'string' && !(body instanceof Uint8Array)) return body
  const text = typeof body === 'string' ? body : new TextDecoder().decode(body)
  let decoded: unknown
  try {
    decoded = JSON.parse(text)
  } catch (error) {
    throw badRequest(`the patch is not valid JSON: ${(error as Error).message}`)
  }
  return checkNestingDepth(decoded)
}
