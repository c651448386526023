import { compareTokens, type Token } from './path-element.js'

/**
 * A set of field paths, as a trie (k8s: structured-merge-diff fieldpath/set.go). At each node,
 * `members` are the elements that are themselves in the set and `children` the elements under
 * which deeper paths are; an element can be both (`".": {}` in FieldsV1). Children are never empty.
 *
 * Operations return new sets and may share unchanged subtrees with their inputs, so a set is never
 * changed once built: only `insert` mutates, and only the walker building a fresh set calls it.
 */
export class FieldSet {
  #members: Set<Token> | undefined
  #children: Map<Token, FieldSet> | undefined

  static empty(): FieldSet {
    return new FieldSet()
  }

  /** A node from its parts, taken over as they are (readers build sets bottom-up with it). */
  static of(members: Set<Token> | undefined, children: Map<Token, FieldSet> | undefined): FieldSet {
    const set = new FieldSet()
    if (members?.size) set.#members = members
    if (children?.size) set.#children = children
    return set
  }

  /** Adds one path; its parents are not added (smd's Set.Insert). The empty path is ignored. */
  insert(path: readonly Token[], from = 0): void {
    if (from >= path.length) return
    const token = path[from]!
    if (from === path.length - 1) {
      ;(this.#members ??= new Set()).add(token)
      return
    }
    this.#children ??= new Map()
    let child = this.#children.get(token)
    if (!child) this.#children.set(token, (child = new FieldSet()))
    child.insert(path, from + 1)
  }

  /** Puts `child` under `token` (united with what is there); like insert, only for a set being built. */
  attach(token: Token, child: FieldSet): void {
    if (child.isEmpty) return
    this.#children ??= new Map()
    const mine = this.#children.get(token)
    this.#children.set(token, mine ? mine.union(child) : child)
  }

  get isEmpty(): boolean {
    return !this.#members?.size && !this.#children?.size
  }

  hasMember(token: Token): boolean {
    return this.#members?.has(token) ?? false
  }

  /** The subtree under `token` (smd's WithPrefix); empty when there is none. */
  childAt(token: Token): FieldSet | undefined {
    return this.#children?.get(token)
  }

  has(path: readonly Token[], from = 0): boolean {
    if (from >= path.length) return false
    if (from === path.length - 1) return this.hasMember(path[from]!)
    return this.childAt(path[from]!)?.has(path, from + 1) ?? false
  }

  members(): Iterable<Token> {
    return this.#members ?? []
  }

  children(): Iterable<[Token, FieldSet]> {
    return this.#children ?? []
  }

  childTokens(): Iterable<Token> {
    return this.#children?.keys() ?? []
  }

  /** Both sets; this set itself when `other` adds nothing to it (so unchanged sets keep their identity). */
  union(other: FieldSet): FieldSet {
    if (other === this || other.isEmpty) return this
    if (this.isEmpty) return other
    let members = this.#members
    for (const token of other.members()) {
      if (members?.has(token)) continue
      if (members === this.#members) members = new Set(members)
      members!.add(token)
    }
    let children = this.#children
    for (const [token, child] of other.children()) {
      const mine = children?.get(token)
      const merged = mine ? mine.union(child) : child
      if (merged === mine) continue
      if (children === this.#children) children = new Map(children)
      children!.set(token, merged)
    }
    return members === this.#members && children === this.#children ? this : FieldSet.of(members, children)
  }

  /** Members of this not in `other`; a child of this is kept whole unless `other` has the same child. */
  difference(other: FieldSet): FieldSet {
    if (this.isEmpty || other.isEmpty) return this
    return this.#rebuild(
      this.#members && [...this.#members].filter((t) => !other.hasMember(t)),
      (token, child) => {
        const theirs = other.childAt(token)
        return theirs ? child.difference(theirs) : child
      },
    )
  }

  intersection(other: FieldSet): FieldSet {
    if (this.isEmpty) return this
    if (other.isEmpty) return other
    return this.#rebuild(
      this.#members && [...this.#members].filter((t) => other.hasMember(t)),
      (token, child) => {
        const theirs = other.childAt(token)
        return theirs ? child.intersection(theirs) : undefined
      },
    )
  }

  /** Like difference, but a member of `other` also removes everything under it here. */
  recursiveDifference(other: FieldSet): FieldSet {
    if (this.isEmpty || other.isEmpty) return this
    return this.#rebuild(
      this.#members && [...this.#members].filter((t) => !other.hasMember(t)),
      (token, child) => {
        if (other.hasMember(token)) return undefined
        const theirs = other.childAt(token)
        return theirs ? child.recursiveDifference(theirs) : child
      },
    )
  }

  /** Every path, as smd iterates: this node's members in order, then each child's paths in order. */
  iterate(visit: (path: Token[]) => void, prefix: Token[] = []): void {
    for (const token of sortedTokens(this.#members)) visit([...prefix, token])
    for (const token of sortedTokens(this.#children?.keys())) this.#children!.get(token)!.iterate(visit, [...prefix, token])
  }

  equals(other: FieldSet): boolean {
    if (this === other) return true
    const mine = this.#members ?? new Set()
    const theirs = other.#members ?? new Set()
    if (mine.size !== theirs.size || [...mine].some((t) => !theirs.has(t))) return false
    const children = this.#children ?? new Map()
    if (children.size !== (other.#children?.size ?? 0)) return false
    for (const [token, child] of children) {
      const match = other.childAt(token)
      if (!match || !child.equals(match)) return false
    }
    return true
  }

  /** A node with `members` and each child as `child` makes it; this node itself when nothing changed. */
  #rebuild(members: Token[] | undefined, child: (token: Token, set: FieldSet) => FieldSet | undefined): FieldSet {
    const out = new FieldSet()
    let isSame = (members?.length ?? 0) === (this.#members?.size ?? 0)
    if (members?.length) out.#members = new Set(members)
    for (const [token, set] of this.children()) {
      const kept = child(token, set)
      if (kept !== set) isSame = false
      if (kept && !kept.isEmpty) (out.#children ??= new Map()).set(token, kept)
    }
    return isSame ? this : out
  }
}

export function sortedTokens(tokens: Iterable<Token> | undefined): Token[] {
  return tokens ? [...tokens].sort(compareTokens) : []
}
