import { objectType, type CelObjectType } from '@bufbuild/cel'
import { create, createFileRegistry, type DescMessage } from '@bufbuild/protobuf'
import { reflect, type ReflectMessage } from '@bufbuild/protobuf/reflect'
import { FieldDescriptorProto_Label, FieldDescriptorProto_Type, FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt'

// @bufbuild/cel values are scalars, lists, maps or protobuf messages, so the value types kube's
// libraries add (kubernetes.Quantity, kubernetes.URL, net.IP, net.CIDR, cel-go's optional_type)
// are small messages described here at run time. Each carries its canonical text in a field, so
// CEL equality (field by field) is the value equality kube defines; the parsed value rides along
// beside the message.

const stringField = (name: string) => ({
  name, number: 1, jsonName: name,
  type: FieldDescriptorProto_Type.STRING, label: FieldDescriptorProto_Label.OPTIONAL,
})
const message = (name: string) => ({ name, field: [stringField('canonical')] })

const FILES = create(FileDescriptorSetSchema, {
  file: [
    { name: 'watchplane/kubernetes.proto', package: 'kubernetes', syntax: 'proto3', messageType: [message('Quantity'), message('URL')] },
    { name: 'watchplane/net.proto', package: 'net', syntax: 'proto3', messageType: [message('IP'), message('CIDR')] },
    { name: 'watchplane/optional.proto', syntax: 'proto3', messageType: [message('optional_type')] },
  ],
})

/** The registry holding the descriptors; the CEL environment is built over it. */
export const OPAQUE_REGISTRY = createFileRegistry(FILES)

/** A library value type: wraps a parsed value into a CEL value and back. */
export class OpaqueType<T> {
  readonly celType: CelObjectType
  readonly #desc: DescMessage
  readonly #payloads = new WeakMap<object, T>()

  constructor(
    readonly typeName: string,
    /** equal values must give equal text: CEL compares the messages field by field */
    readonly canonical: (value: T) => string,
  ) {
    const desc = OPAQUE_REGISTRY.getMessage(typeName)
    if (!desc) throw new Error(`no descriptor for ${typeName}`)
    this.#desc = desc
    this.celType = objectType(desc)
  }

  wrap(value: T): ReflectMessage {
    const msg = create(this.#desc, { canonical: this.canonical(value) } as never)
    this.#payloads.set(msg, value)
    return reflect(this.#desc, msg)
  }

  /** The parsed value of a CEL value of this type, or undefined for any other value. */
  unwrap(value: unknown): T | undefined {
    const msg = (value as ReflectMessage | undefined)?.message
    return typeof msg === 'object' && msg !== null ? this.#payloads.get(msg) : undefined
  }

  /** unwrap() for values the checker already proved to be of this type. */
  expect(value: unknown): T {
    const parsed = this.unwrap(value)
    if (parsed === undefined) throw new Error(`no such overload: expected ${this.typeName}`)
    return parsed
  }
}
