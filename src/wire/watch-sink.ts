/** Moves a watcher's frames to one client; sinks never serialize, they only frame and send. */
export interface WatchSink {
  /** false when the transport is saturated: stop writing until onDrain fires */
  write(frame: Buffer): boolean
  onDrain(listener: () => void): void
  /** fires once when the client goes away */
  onClose(listener: () => void): void
  end(): void
}
