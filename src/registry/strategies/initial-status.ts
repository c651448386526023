import type { Strategy } from '../strategy.js'

/**
 * Kinds whose PrepareForCreate resets status to its zero value, serialised as kube serialises it
 * (fields without omitempty stay, as 0): the controllers that fill it in are not part of
 * watchplane, so status stays so until a client writes it through the status subresource.
 */
export const initialStatus = (status: Readonly<Record<string, unknown>>): Pick<Strategy, 'prepareForCreate'> => ({
  prepareForCreate: (object) => void (object.status = structuredClone(status)),
})
