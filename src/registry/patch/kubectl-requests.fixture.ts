/** Request bodies kubectl 1.32.4 really sent, copied verbatim from /work/shared/kubectl-logs (named per body). */

/** apply-deploy-1.log: the POST body of `kubectl apply -f deploy.yaml` creating deployment d1. */
export const applyDeploy1Created = {
  "apiVersion": "apps/v1",
  "kind": "Deployment",
  "metadata": {
    "annotations": {
      "kubectl.kubernetes.io/last-applied-configuration": "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"annotations\":{},\"labels\":{\"app\":\"d1\"},\"name\":\"d1\",\"namespace\":\"default\"},\"spec\":{\"replicas\":2,\"selector\":{\"matchLabels\":{\"app\":\"d1\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"d1\"}},\"spec\":{\"containers\":[{\"env\":[{\"name\":\"A\",\"value\":\"1\"},{\"name\":\"B\",\"value\":\"2\"}],\"image\":\"nginx:1.27\",\"name\":\"web\"},{\"image\":\"busybox:1.36\",\"name\":\"side\"}]}}}}\n"
    },
    "labels": {
      "app": "d1"
    },
    "name": "d1",
    "namespace": "default"
  },
  "spec": {
    "replicas": 2,
    "selector": {
      "matchLabels": {
        "app": "d1"
      }
    },
    "template": {
      "metadata": {
        "labels": {
          "app": "d1"
        }
      },
      "spec": {
        "containers": [
          {
            "env": [
              {
                "name": "A",
                "value": "1"
              },
              {
                "name": "B",
                "value": "2"
              }
            ],
            "image": "nginx:1.27",
            "name": "web"
          },
          {
            "image": "busybox:1.36",
            "name": "side"
          }
        ]
      }
    }
  }
}

/** apply-deploy-2.log: the SMP of `kubectl apply -f deploy2.yaml` (replicas 3, image nginx:1.28, env B removed). */
export const applyDeploy2Patch = {
  "metadata": {
    "annotations": {
      "kubectl.kubernetes.io/last-applied-configuration": "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"annotations\":{},\"labels\":{\"app\":\"d1\"},\"name\":\"d1\",\"namespace\":\"default\"},\"spec\":{\"replicas\":3,\"selector\":{\"matchLabels\":{\"app\":\"d1\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"d1\"}},\"spec\":{\"containers\":[{\"env\":[{\"name\":\"A\",\"value\":\"1\"}],\"image\":\"nginx:1.28\",\"name\":\"web\"},{\"image\":\"busybox:1.36\",\"name\":\"side\"}]}}}}\n"
    }
  },
  "spec": {
    "replicas": 3,
    "template": {
      "spec": {
        "$setElementOrder/containers": [
          {
            "name": "web"
          },
          {
            "name": "side"
          }
        ],
        "containers": [
          {
            "$setElementOrder/env": [
              {
                "name": "A"
              }
            ],
            "env": [
              {
                "$patch": "delete",
                "name": "B"
              }
            ],
            "image": "nginx:1.28",
            "name": "web"
          }
        ]
      }
    }
  }
}

/** s2.log: the SMP of an apply changing deployment d3's strategy, a volume source, a port and a finalizer. */
export const s2Patch = {
  "metadata": {
    "$deleteFromPrimitiveList/finalizers": [
      "example.com/b"
    ],
    "$setElementOrder/finalizers": [
      "example.com/a"
    ],
    "annotations": {
      "kubectl.kubernetes.io/last-applied-configuration": "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"annotations\":{},\"finalizers\":[\"example.com/a\"],\"name\":\"d3\",\"namespace\":\"default\"},\"spec\":{\"selector\":{\"matchLabels\":{\"app\":\"d3\"}},\"strategy\":{\"type\":\"Recreate\"},\"template\":{\"metadata\":{\"labels\":{\"app\":\"d3\"}},\"spec\":{\"containers\":[{\"image\":\"nginx\",\"name\":\"web\",\"ports\":[{\"containerPort\":443}]}],\"volumes\":[{\"configMap\":{\"name\":\"cm1\"},\"name\":\"v1\"}]}}}}\n"
    }
  },
  "spec": {
    "strategy": {
      "$retainKeys": [
        "type"
      ],
      "rollingUpdate": null,
      "type": "Recreate"
    },
    "template": {
      "spec": {
        "$setElementOrder/containers": [
          {
            "name": "web"
          }
        ],
        "$setElementOrder/volumes": [
          {
            "name": "v1"
          }
        ],
        "containers": [
          {
            "$setElementOrder/ports": [
              {
                "containerPort": 443
              }
            ],
            "name": "web",
            "ports": [
              {
                "$patch": "delete",
                "containerPort": 80
              }
            ]
          }
        ],
        "volumes": [
          {
            "$retainKeys": [
              "configMap",
              "name"
            ],
            "configMap": {
              "name": "cm1"
            },
            "emptyDir": null,
            "name": "v1"
          }
        ]
      }
    }
  }
}
