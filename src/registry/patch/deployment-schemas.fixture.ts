/**
 * A hand-built slice of kube-apiserver's OpenAPI v3 `components.schemas` for apps/v1 Deployment, in the
 * shapes it publishes (`allOf: [{ $ref }]` fields, `items`, `additionalProperties`, and the
 * x-kubernetes-* extensions copied from /openapi/v3/apis/apps/v1 and /api/v1 of kube 1.32).
 */
const ref = (name: string) => ({ allOf: [{ $ref: `#/components/schemas/${name}` }], default: {} })
const stringMap = { type: 'object', additionalProperties: { type: 'string', default: '' } }
const listOf = (name: string, extensions: Record<string, unknown> = {}) => ({
  type: 'array',
  items: { allOf: [{ $ref: `#/components/schemas/${name}` }], default: {} },
  ...extensions,
})
const mergeByName = (name: string, strategy = 'merge') =>
  listOf(name, {
    'x-kubernetes-list-map-keys': ['name'],
    'x-kubernetes-list-type': 'map',
    'x-kubernetes-patch-merge-key': 'name',
    'x-kubernetes-patch-strategy': strategy,
  })

const V1 = 'io.k8s.api.core.v1'
const APPS = 'io.k8s.api.apps.v1'
const META = 'io.k8s.apimachinery.pkg.apis.meta.v1'

export const deploymentSchemas: Record<string, unknown> = {
  [`${APPS}.Deployment`]: {
    type: 'object',
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: ref(`${META}.ObjectMeta`),
      spec: ref(`${APPS}.DeploymentSpec`),
      status: ref(`${APPS}.DeploymentStatus`),
    },
  },
  [`${APPS}.DeploymentSpec`]: {
    type: 'object',
    properties: {
      replicas: { type: 'integer', format: 'int32' },
      selector: { $ref: `#/components/schemas/${META}.LabelSelector` },
      strategy: { ...ref(`${APPS}.DeploymentStrategy`), 'x-kubernetes-patch-strategy': 'retainKeys' },
      template: ref(`${V1}.PodTemplateSpec`),
    },
  },
  [`${APPS}.DeploymentStrategy`]: {
    type: 'object',
    properties: { rollingUpdate: ref(`${APPS}.RollingUpdateDeployment`), type: { type: 'string' } },
  },
  [`${APPS}.RollingUpdateDeployment`]: {
    type: 'object',
    properties: { maxSurge: { $ref: '#/components/schemas/io.k8s.apimachinery.pkg.util.intstr.IntOrString' } },
  },
  [`${APPS}.DeploymentStatus`]: {
    type: 'object',
    properties: {
      conditions: listOf(`${APPS}.DeploymentCondition`, {
        'x-kubernetes-list-map-keys': ['type'],
        'x-kubernetes-list-type': 'map',
        'x-kubernetes-patch-merge-key': 'type',
        'x-kubernetes-patch-strategy': 'merge',
      }),
    },
  },
  [`${APPS}.DeploymentCondition`]: { type: 'object', properties: { type: { type: 'string' }, status: { type: 'string' } } },
  [`${V1}.PodTemplateSpec`]: {
    type: 'object',
    properties: { metadata: ref(`${META}.ObjectMeta`), spec: ref(`${V1}.PodSpec`) },
  },
  [`${V1}.PodSpec`]: {
    type: 'object',
    properties: {
      containers: mergeByName(`${V1}.Container`),
      initContainers: mergeByName(`${V1}.Container`),
      volumes: mergeByName(`${V1}.Volume`, 'merge,retainKeys'),
      tolerations: listOf(`${V1}.Toleration`, { 'x-kubernetes-list-type': 'atomic' }),
      nodeSelector: { ...stringMap, 'x-kubernetes-map-type': 'atomic' },
    },
  },
  [`${V1}.Container`]: {
    type: 'object',
    properties: {
      name: { type: 'string', default: '' },
      image: { type: 'string' },
      args: { type: 'array', items: { type: 'string', default: '' }, 'x-kubernetes-list-type': 'atomic' },
      env: mergeByName(`${V1}.EnvVar`),
      ports: listOf(`${V1}.ContainerPort`, {
        'x-kubernetes-list-map-keys': ['containerPort', 'protocol'],
        'x-kubernetes-list-type': 'map',
        'x-kubernetes-patch-merge-key': 'containerPort',
        'x-kubernetes-patch-strategy': 'merge',
      }),
      resources: ref(`${V1}.ResourceRequirements`),
    },
  },
  [`${V1}.EnvVar`]: { type: 'object', properties: { name: { type: 'string' }, value: { type: 'string' } } },
  [`${V1}.ContainerPort`]: {
    type: 'object',
    properties: { containerPort: { type: 'integer' }, protocol: { type: 'string', default: 'TCP' } },
  },
  [`${V1}.ResourceRequirements`]: {
    type: 'object',
    properties: {
      limits: { type: 'object', additionalProperties: ref('io.k8s.apimachinery.pkg.api.resource.Quantity') },
    },
  },
  [`${V1}.Volume`]: {
    type: 'object',
    properties: {
      name: { type: 'string' },
      configMap: ref(`${V1}.ConfigMapVolumeSource`),
      emptyDir: ref(`${V1}.EmptyDirVolumeSource`),
    },
  },
  [`${V1}.ConfigMapVolumeSource`]: { type: 'object', properties: { name: { type: 'string' } } },
  [`${V1}.EmptyDirVolumeSource`]: { type: 'object', properties: { medium: { type: 'string' } } },
  [`${V1}.Toleration`]: { type: 'object', properties: { key: { type: 'string' }, value: { type: 'string' } } },
  [`${META}.ObjectMeta`]: {
    type: 'object',
    properties: {
      name: { type: 'string' },
      namespace: { type: 'string' },
      labels: stringMap,
      annotations: stringMap,
      finalizers: {
        type: 'array',
        items: { type: 'string', default: '' },
        'x-kubernetes-list-type': 'set',
        'x-kubernetes-patch-strategy': 'merge',
      },
      ownerReferences: listOf(`${META}.OwnerReference`, {
        'x-kubernetes-list-map-keys': ['uid'],
        'x-kubernetes-list-type': 'map',
        'x-kubernetes-patch-merge-key': 'uid',
        'x-kubernetes-patch-strategy': 'merge',
      }),
    },
  },
  [`${META}.OwnerReference`]: {
    type: 'object',
    properties: { uid: { type: 'string' }, name: { type: 'string' } },
    'x-kubernetes-map-type': 'atomic',
  },
  [`${META}.LabelSelector`]: { type: 'object', properties: { matchLabels: stringMap }, 'x-kubernetes-map-type': 'atomic' },
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': { type: 'string', format: 'int-or-string' },
  'io.k8s.apimachinery.pkg.api.resource.Quantity': { type: 'string' },
}

export const DEPLOYMENT_SCHEMA = `${APPS}.Deployment`
