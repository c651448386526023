import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire'
import { decodeProtobufObject } from '../../src/api/protobuf/decode-protobuf-object.js'
import { PROTOBUF_MAGIC } from '../../src/api/protobuf/protobuf-envelope.js'

// Request bodies as kubectl's typed clients send them (k8s\0 + runtime.Unknown + the object message),
// and the same objects as JSON, so the two series of creates carry identical objects.

type Fields = (w: BinaryWriter) => void

const message = (w: BinaryWriter, fieldNumber: number, fields: Fields) => {
  w.tag(fieldNumber, WireType.LengthDelimited).fork()
  fields(w)
  w.join()
}
const text = (w: BinaryWriter, fieldNumber: number, value: string) => w.tag(fieldNumber, WireType.LengthDelimited).string(value)
const labels = (w: BinaryWriter, fieldNumber: number, app: string) => message(w, fieldNumber, (e) => text(text(e, 1, 'app'), 2, app))

function envelope(apiVersion: string, kind: string, object: Fields): Buffer {
  const w = new BinaryWriter()
  message(w, 1, (t) => text(text(t, 1, apiVersion), 2, kind))
  message(w, 2, object)
  return Buffer.concat([PROTOBUF_MAGIC, w.finish()])
}

/** `kubectl create deployment <name> --image=nginx`: metadata, replicas 1, selector, a one-container template. */
export const deploymentProtobuf = (name: string) => envelope('apps/v1', 'Deployment', (d) => {
  message(d, 1, (m) => labels(text(m, 1, name), 11, name))
  message(d, 2, (spec) => {
    spec.tag(1, WireType.Varint).int32(1)
    message(spec, 2, (selector) => labels(selector, 1, name))
    message(spec, 3, (template) => {
      message(template, 1, (m) => labels(m, 11, name))
      message(template, 2, (pod) => message(pod, 2, (c) => text(text(c, 1, 'nginx'), 2, 'nginx')))
    })
  })
})

/** `kubectl create configmap <name> --from-literal=probe=…`. */
export const configMapProtobuf = (name: string) => envelope('v1', 'ConfigMap', (cm) => {
  message(cm, 1, (m) => text(m, 1, name))
  message(cm, 2, (e) => text(text(e, 1, 'probe'), 2, `value of ${name}`))
})

/** The JSON text of the same object, from one decoded template (`__name__` stands for the name). */
export function jsonTwin(protobufOf: (name: string) => Buffer, kind: { group: string; version: string; kind: string }): (name: string) => string {
  const template = JSON.stringify(decodeProtobufObject(protobufOf('__name__'), kind))
  return (name) => template.replaceAll('__name__', name)
}
