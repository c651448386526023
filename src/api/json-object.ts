/** A JSON object as JSON.parse builds it: not null, not an array. */
export type JsonObject = { [key: string]: unknown }

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Whether an object has no key, told without listing its keys (hot paths ask it of every map of a write). */
export function hasNoKeys(object: object): boolean {
  for (const _key in object) return false
  return true
}
