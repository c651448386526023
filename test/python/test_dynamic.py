"""The dynamic client against watchplane: discovery finds the kinds, then generic CRUD, patch and watch."""
import os
import tempfile

from kubernetes import dynamic, watch

from support import WatchplaneTestCase, names


class DynamicClientTest(WatchplaneTestCase):
    def setUp(self):
        super().setUp()
        cache_dir = tempfile.TemporaryDirectory()
        self.addCleanup(cache_dir.cleanup)
        # Its own discovery cache: the default one is shared by every run against the same host.
        self.dynamic = dynamic.DynamicClient(self.api_client, cache_file=os.path.join(cache_dir.name, "discovery.json"))

    def test_discovery_finds_core_and_grouped_kinds(self):
        deployments = self.dynamic.resources.get(api_version="apps/v1", kind="Deployment")
        self.assertEqual((deployments.name, deployments.namespaced, deployments.group), ("deployments", True, "apps"))
        namespaces = self.dynamic.resources.get(api_version="v1", kind="Namespace")
        self.assertEqual((namespaces.name, namespaces.namespaced), ("namespaces", False))
        self.assertEqual(self.dynamic.resources.get(api_version="v1", kind="Pod").subresources["status"].name, "pods/status")

    def test_crud_patch_and_watch(self):
        ns = self.namespace("py-dynamic")
        configmaps = self.dynamic.resources.get(api_version="v1", kind="ConfigMap")
        body = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "d"}, "data": {"a": "1"}}
        created = configmaps.create(body=body, namespace=ns)
        self.assertEqual(created.data.a, "1")
        patched = configmaps.patch(body={"data": {"b": "2"}}, name="d", namespace=ns)
        self.assertEqual(patched.to_dict()["data"], {"a": "1", "b": "2"})
        merged = configmaps.patch(body={"data": {"a": None}}, name="d", namespace=ns, content_type="application/merge-patch+json")
        self.assertEqual(merged.to_dict()["data"], {"b": "2"})
        self.assertEqual(names(configmaps.get(namespace=ns).items), ["d"])
        events = []
        for event in configmaps.watch(namespace=ns, resource_version=created.metadata.resourceVersion, watcher=watch.Watch()):
            events.append(f"{event['type']} {event['object'].metadata.name}")
            if len(events) == 2:
                break
        self.assertEqual(events, ["MODIFIED d", "MODIFIED d"])
        configmaps.delete(name="d", namespace=ns)
        self.assertEqual(names(configmaps.get(namespace=ns).items), [])
