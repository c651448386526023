import { pino, type Logger } from 'pino'
import type { LogLevel } from '../config/config.js'

/** The root logger: structured JSON to stdout; modules take `rootLogger.child({ module })`. */
export function createLogger(level: LogLevel): Logger {
  return pino({
    level,
    base: { service: 'watchplane' },
    redact: ['req.headers.authorization', 'headers.authorization'],
  })
}
