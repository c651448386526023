"""AppsV1Api against watchplane: deployments, their status and scale subresources."""
from kubernetes import client

from support import WatchplaneTestCase

V1ObjectMeta = client.V1ObjectMeta


def deployment(name, replicas=1):
    labels = {"app": name}
    return client.V1Deployment(
        metadata=V1ObjectMeta(name=name),
        spec=client.V1DeploymentSpec(
            replicas=replicas,
            selector=client.V1LabelSelector(match_labels=labels),
            template=client.V1PodTemplateSpec(
                metadata=V1ObjectMeta(labels=labels),
                spec=client.V1PodSpec(containers=[client.V1Container(name="app", image="nginx:1")]),
            ),
        ),
    )


class DeploymentTest(WatchplaneTestCase):
    def test_crud(self):
        ns = self.namespace("py-deploy")
        created = self.apps.create_namespaced_deployment(ns, deployment("web"))
        self.assertEqual((created.metadata.generation, created.spec.replicas), (1, 1))
        read = self.apps.read_namespaced_deployment("web", ns)
        read.spec.replicas = 3
        replaced = self.apps.replace_namespaced_deployment("web", ns, read)
        self.assertEqual((replaced.spec.replicas, replaced.metadata.generation), (3, 2))
        patched = self.apps.patch_namespaced_deployment("web", ns, {"spec": {"template": {"spec": {"containers": [{"name": "app", "image": "nginx:2"}]}}}})
        self.assertEqual([c.image for c in patched.spec.template.spec.containers], ["nginx:2"])
        self.assertEqual(patched.metadata.generation, 3)
        listed = self.apps.list_namespaced_deployment(ns)
        self.assertEqual([d.metadata.name for d in listed.items], ["web"])
        self.apps.delete_namespaced_deployment("web", ns)
        self.assert_api_error(404, self.apps.read_namespaced_deployment, "web", ns)

    def test_status_subresource(self):
        ns = self.namespace("py-deploy-status")
        self.apps.create_namespaced_deployment(ns, deployment("web", replicas=2))
        condition = {"type": "Available", "status": "True", "reason": "MinimumReplicasAvailable"}
        patched = self.apps.patch_namespaced_deployment_status("web", ns, {
            "spec": {"replicas": 9},
            "status": {"observedGeneration": 1, "replicas": 2, "readyReplicas": 2, "availableReplicas": 2, "conditions": [condition]},
        })
        self.assertEqual((patched.status.ready_replicas, patched.status.conditions[0].type), (2, "Available"))
        self.assertEqual(patched.spec.replicas, 2, "a status write leaves spec alone")
        current = self.apps.read_namespaced_deployment_status("web", ns)
        current.status.ready_replicas = 1
        replaced = self.apps.replace_namespaced_deployment_status("web", ns, current)
        self.assertEqual((replaced.status.ready_replicas, replaced.metadata.generation), (1, 1))

    def test_scale_subresource(self):
        ns = self.namespace("py-deploy-scale")
        self.apps.create_namespaced_deployment(ns, deployment("web", replicas=2))
        scale = self.apps.read_namespaced_deployment_scale("web", ns)
        self.assertEqual((scale.kind, scale.spec.replicas, scale.status.selector), ("Scale", 2, "app=web"))
        patched = self.apps.patch_namespaced_deployment_scale("web", ns, {"spec": {"replicas": 5}})
        self.assertEqual(patched.spec.replicas, 5)
        self.assertEqual(self.apps.read_namespaced_deployment("web", ns).spec.replicas, 5)
        patched.spec.replicas = 0
        replaced = self.apps.replace_namespaced_deployment_scale("web", ns, patched)
        self.assertEqual(replaced.spec.replicas, 0)
        stale = client.V1Scale(metadata=V1ObjectMeta(name="web", resource_version=scale.metadata.resource_version), spec=client.V1ScaleSpec(replicas=1))
        self.assert_api_error(409, self.apps.replace_namespaced_deployment_scale, "web", ns, stale)
