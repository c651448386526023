import type { KubeObject } from '../../api/types.js'
import type { ObjectKey } from '../../storage/storage.js'
import { CommitFedIndex } from '../indexes/commit-fed-index.js'

interface ServiceAccountEntry {
  uid: string
  /** unix ms; undefined while not being deleted */
  deletingSinceMs: number | undefined
  /** the account's automountServiceAccountToken, when it is a boolean (ServiceAccount admission reads it per pod) */
  automountToken: boolean | undefined
}

/**
 * Every ServiceAccount's uid, kept from the commit stream: a ServiceAccount token is checked on
 * every request against the account it names (kube reads its informer cache for the same), and
 * that check must cost a map lookup, not a read. Pod creates read the account's automount setting
 * here too (kube's ServiceAccount admission reads its lister).
 */
export class ServiceAccountIndex extends CommitFedIndex {
  readonly #accounts = new Map<string, ServiceAccountEntry>()

  constructor() {
    super('serviceaccounts')
  }

  /** the account's uid and deletion time, undefined when there is no such account */
  find(namespace: string, name: string): ServiceAccountEntry | undefined {
    return this.#accounts.get(`${namespace}/${name}`)
  }

  protected record(key: ObjectKey, account: KubeObject): void {
    const deletion = account.metadata.deletionTimestamp
    const automount = account.automountServiceAccountToken
    this.#accounts.set(`${key.namespace}/${key.name}`, {
      uid: String(account.metadata.uid ?? ''),
      deletingSinceMs: deletion ? Date.parse(String(deletion)) : undefined,
      automountToken: typeof automount === 'boolean' ? automount : undefined,
    })
  }

  protected forget(key: ObjectKey): void {
    this.#accounts.delete(`${key.namespace}/${key.name}`)
  }
}
