import assert from 'node:assert/strict'
import { test } from 'node:test'
import { parseTypeDeclaration } from './type-declaration.js'

// The shape kubernetes-models generates (trimmed from its v1/ContainerPort.d.ts and apimachinery Time.d.ts).
const INTERFACE = `import { IIoK8sApiCoreV1Probe } from "./Probe";
import { ModelData, Model } from "@kubernetes-models/base";
/**
 * ContainerPort represents a network port in a single container.
 */
export interface IContainerPort {
    /**
     * Number of port to expose on the pod's IP address.
     */
    "containerPort": number;
    /**
     * Protocol for port.
     *
     * Possible enum values:
     *  - \`"TCP"\` is the TCP protocol.
     */
    "protocol"?: "SCTP" | "TCP" | "UDP";
    "labels"?: {
        [key: string]: string;
    };
    "probe"?: IIoK8sApiCoreV1Probe;
}
/**
 * ContainerPort represents a network port in a single container.
 */
export declare class ContainerPort extends Model<IContainerPort> implements IContainerPort {
    "containerPort": number;
    constructor(data?: ModelData<IContainerPort>);
}
`

test('an interface: description, properties in order, optionality, types and imports', () => {
  const d = parseTypeDeclaration(INTERFACE)
  assert.equal(d.description, 'ContainerPort represents a network port in a single container.')
  assert.deepEqual(
    d.properties?.map((p) => [p.name, p.isOptional, p.type.kind]),
    [
      ['containerPort', false, 'number'],
      ['protocol', true, 'literals'],
      ['labels', true, 'map'],
      ['probe', true, 'ref'],
    ],
  )
  assert.equal(d.properties?.[1]?.description, 'Protocol for port.\n\nPossible enum values:\n - `"TCP"` is the TCP protocol.')
  assert.equal(d.properties?.[2]?.description, undefined)
  assert.equal(d.imports.get('IIoK8sApiCoreV1Probe'), './Probe')
})

test('a type alias', () => {
  const d = parseTypeDeclaration('/**\n * Time is a wrapper.\n */\nexport declare type ITime = string;\nexport declare type Time = ITime;\n')
  assert.equal(d.description, 'Time is a wrapper.')
  assert.deepEqual(d.alias, { kind: 'string' })
  assert.equal(d.properties, undefined)
})

test('an interface without members is an open object', () => {
  const d = parseTypeDeclaration('export interface IFieldsV1 {\n}\n')
  assert.deepEqual(d.properties, [])
})
