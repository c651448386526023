/** Moves a watcher's frames to one client; sinks never serialize, they only frame and send. */
export interface WatchSink {
  /** false when the transport is saturated: stop writing until onDrain fires */
  write(frame: Buffer): boolean
  /**
   * true when several frames written as one Buffer reach the client as the same events (framing by
   * newline, as chunked HTTP does); a replaying watcher then sends a page in one write
   */
  readonly canJoinFrames?: boolean
  onDrain(listener: () => void): void
  /** fires once when the client goes away */
  onClose(listener: () => void): void
  end(): void
}
