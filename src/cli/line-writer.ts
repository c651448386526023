import { once } from 'node:events'
import type { Writable } from 'node:stream'

const FLUSH_CHARS = 64 * 1024

/** Writes lines in 64 KiB chunks and waits for 'drain' when the reader is slower: bounded memory on any pipe. */
export class LineWriter {
  #pending: string[] = []
  #pendingChars = 0

  constructor(readonly stream: Writable) {}

  async line(text: string): Promise<void> {
    this.#pending.push(text, '\n')
    this.#pendingChars += text.length + 1
    if (this.#pendingChars >= FLUSH_CHARS) await this.flush()
  }

  async flush(): Promise<void> {
    if (this.#pending.length === 0) return
    const chunk = this.#pending.join('')
    this.#pending = []
    this.#pendingChars = 0
    if (!this.stream.write(chunk)) await once(this.stream, 'drain')
  }
}
