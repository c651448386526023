import { backoffDelayMs, type BackoffPolicy } from './backoff.js'
import type { WebSocketFactory, WebSocketLike, WebSocketRequest } from './websocket-factory.js'

export interface SocketListener {
  onOpen(): void
  onMessage(data: unknown): void
  /** the socket went away; a reconnect is already scheduled unless close() was called */
  onDisconnect(): void
  onError(error: Error): void
}

const OPEN = 1
// ws waits up to 30 s for the server's close frame; a client closing down should not.
const CLOSE_GRACE_MS = 2000

/** A WebSocket that comes back after it drops, after a capped, jittered backoff. */
export class ReconnectingSocket {
  #socket: WebSocketLike | undefined
  #reconnectTimer: ReturnType<typeof setTimeout> | undefined
  #reconnectAttempt = 0
  #openCount = 0
  #closing: Promise<void> | undefined
  #onClosed: (() => void) | undefined

  constructor(
    private readonly request: WebSocketRequest,
    private readonly policy: { factory: WebSocketFactory; backoff: BackoffPolicy },
    private readonly listener: SocketListener,
  ) {
    void this.#connect()
  }

  get isOpen(): boolean {
    return this.#socket?.readyState === OPEN
  }

  /** sockets opened so far: 1 plus the reconnects */
  get openCount(): number {
    return this.#openCount
  }

  /** false when there is no open socket to carry it */
  send(text: string): boolean {
    if (!this.#socket || this.#socket.readyState !== OPEN) return false
    this.#socket.send(text)
    return true
  }

  /** stops reconnecting and closes the socket; resolves once it is closed (or after a grace period) */
  close(): Promise<void> {
    this.#closing ??= new Promise<void>((resolve) => {
      clearTimeout(this.#reconnectTimer)
      const grace = setTimeout(() => {
        this.#socket?.terminate?.()
        this.#onClosed?.()
      }, CLOSE_GRACE_MS)
      this.#onClosed = () => {
        clearTimeout(grace)
        this.#onClosed = undefined
        resolve()
      }
      if (this.#socket) this.#socket.close(1000, 'client closed')
      else this.#onClosed()
    })
    return this.#closing
  }

  async #connect(): Promise<void> {
    let socket: WebSocketLike
    try {
      socket = await this.policy.factory(this.request)
    } catch (error) {
      this.listener.onError(error instanceof Error ? error : new Error(String(error)))
      return this.#scheduleReconnect()
    }
    this.#socket = socket
    socket.addEventListener('open', () => socket === this.#socket && this.#onOpen())
    socket.addEventListener('message', (event) => socket === this.#socket && this.listener.onMessage(event.data))
    socket.addEventListener('close', () => socket === this.#socket && this.#onClose())
    // ws throws an 'error' nobody listens to; the 'close' that always follows drives the reconnect.
    socket.addEventListener('error', () => {})
    if (this.#closing) socket.close(1000, 'client closed')
  }

  #onOpen(): void {
    this.#reconnectAttempt = 0
    this.#openCount += 1
    this.listener.onOpen()
  }

  #onClose(): void {
    this.#socket = undefined
    this.listener.onDisconnect()
    this.#scheduleReconnect()
  }

  #scheduleReconnect(): void {
    if (this.#closing) return this.#onClosed?.()
    const delayMs = backoffDelayMs(this.#reconnectAttempt++, this.policy.backoff)
    this.#reconnectTimer = setTimeout(() => void this.#connect(), delayMs)
  }
}
