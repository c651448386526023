import type { JsonObject } from '../../api/json-object.js'

/** Reads a field only if the object itself has it, so `toString` or `__proto__` never resolve to Object.prototype. */
export function ownField(object: JsonObject, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined
}

/**
 * Writes a field as an own data property. A plain assignment to `__proto__` would swap the
 * object's prototype instead of adding a field (JSON.parse does create such own fields).
 */
export function setOwnField(object: JsonObject, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true })
}
