import type { KubeObject } from '../../api/types.js'
import type { WriteResult } from '../../storage/storage.js'
import type { FieldValidation } from '../validation/field-validation.js'

/** A request body as decoded, with its JSON text when it was JSON and may repeat a key (duplicate fields are found in the text). */
export interface DecodedBody {
  object: KubeObject
  json?: string
  /**
   * false for protobuf bodies: kube's protobuf decoder has no strict mode (apimachinery
   * runtime/serializer/codec_factory.go: "strict decoding is unsupported for protobuf"), so
   * fieldValidation never reports unknown or duplicate fields for them, under Strict or Warn.
   */
  hasStrictDecoding?: boolean
}

/** The fieldValidation a body is checked with: Ignore's (type errors only) for a body without strict decoding. */
export const validationModeOf = (decoded: DecodedBody, requested: FieldValidation): FieldValidation =>
  decoded.hasStrictDecoding === false ? 'Ignore' : requested

/** A write's answer: the object as JSON text (serialized once, by storage) and, for handlers that need it, parsed. */
export interface WrittenObject {
  json: string
  object: KubeObject
  /** false when nothing changed and nothing was stored */
  isChanged: boolean
  /** the write created the object (an apply to an absent one answers 201) */
  isCreated?: boolean
}

export function toWrittenObject(result: WriteResult): WrittenObject {
  if ('commit' in result) {
    return { json: result.commit.objectJson, object: result.commit.object, isChanged: true, isCreated: result.commit.type === 'ADDED' }
  }
  return { json: result.unchanged.json, object: JSON.parse(result.unchanged.json) as KubeObject, isChanged: false }
}

/** A dry run's answer: the would-be object, never stored. */
export function toDryRunObject(object: KubeObject, isCreated: boolean): WrittenObject {
  return { json: JSON.stringify(object), object, isChanged: true, isCreated }
}
