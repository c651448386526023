import { readFileSync } from 'node:fs'
import type { UserInfo } from '../user-info.js'
import { authenticatedAs, NO_CREDENTIALS, type Authentication, type TokenAuthenticator } from './authentication.js'
import { readCsvRecords } from './csv-records.js'

/**
 * Static bearer tokens from `--token-auth-file`, kube's format (k8s: staging/apiserver/pkg/
 * authentication/token/tokenfile/tokenfile.go): one CSV record per token, `token,user,uid` and
 * optionally `"group1,group2"`. Read once at start, as kube-apiserver does.
 */
export class TokenFile implements TokenAuthenticator {
  // The file never changes while we run: each token's answer is built once, the same object every
  // time, so what is cached per user downstream (the authenticated user, RBAC's key) is found again.
  readonly #answers: ReadonlyMap<string, Authentication>

  constructor(users: ReadonlyMap<string, UserInfo>) {
    this.#answers = new Map([...users].map(([token, user]) => [token, Object.freeze(authenticatedAs(user))]))
  }

  static read(path: string): TokenFile {
    return new TokenFile(parseTokenFile(readFileSync(path, 'utf8'), path))
  }

  get size(): number {
    return this.#answers.size
  }

  authenticateToken(token: string): Authentication {
    return this.#answers.get(token) ?? NO_CREDENTIALS
  }
}

/** The token file's users by token; a record with fewer than three columns fails the whole file. */
export function parseTokenFile(text: string, path: string): Map<string, UserInfo> {
  const users = new Map<string, UserInfo>()
  for (const record of readCsvRecords(text)) {
    if (record.length < 3) throw new Error(`token file '${path}' must have at least 3 columns (token, user name, user uid), found ${record.length}`)
    const [token, name, uid, groups] = record as [string, string, string, string | undefined]
    // kube skips a record with an empty token (and warns); a later duplicate wins.
    if (token === '') continue
    users.set(token, { name, ...(uid ? { uid } : {}), groups: groups === undefined ? [] : groups.split(',') })
  }
  return users
}
