"""CoreV1Api against watchplane: namespaces, configmaps, pods, services; patches; pagination."""
from kubernetes import client

from support import WatchplaneTestCase, eventually, names

V1ObjectMeta = client.V1ObjectMeta


def pod(name, containers=(("app", "busybox:1"),), labels=None):
    return client.V1Pod(
        metadata=V1ObjectMeta(name=name, labels=labels),
        spec=client.V1PodSpec(containers=[client.V1Container(name=n, image=image) for n, image in containers]),
    )


class NamespaceTest(WatchplaneTestCase):
    def test_create_read_list_delete(self):
        name = self.namespace("py-ns")
        read = self.core.read_namespace(name)
        self.assertEqual(read.status.phase, "Active")
        self.assertEqual(read.metadata.labels["kubernetes.io/metadata.name"], name)
        listed = self.core.list_namespace(label_selector=f"kubernetes.io/metadata.name={name}")
        self.assertEqual([n.metadata.name for n in listed.items], [name])
        self.core.delete_namespace(name)
        eventually(lambda: self.assert_api_error(404, self.core.read_namespace, name))

    def test_existing_name_is_409_and_missing_one_404(self):
        name = self.namespace("py-dup")
        error = self.assert_api_error(409, self.core.create_namespace, client.V1Namespace(metadata=V1ObjectMeta(name=name)))
        self.assertIn("AlreadyExists", error.body)
        self.assert_api_error(404, self.core.read_namespace, "py-never-created")


class ConfigMapTest(WatchplaneTestCase):
    def test_crud(self):
        ns = self.namespace("py-cm")
        created = self.core.create_namespaced_config_map(ns, client.V1ConfigMap(metadata=V1ObjectMeta(name="c"), data={"k": "v"}))
        self.assertEqual(created.data, {"k": "v"})
        read = self.core.read_namespaced_config_map("c", ns)
        self.assertEqual(read.metadata.uid, created.metadata.uid)
        read.data["k"] = "v2"
        replaced = self.core.replace_namespaced_config_map("c", ns, read)
        self.assertEqual(replaced.data, {"k": "v2"})
        self.assertNotEqual(replaced.metadata.resource_version, read.metadata.resource_version)
        # read still carries the older resourceVersion: replacing with it is a conflict.
        self.assert_api_error(409, self.core.replace_namespaced_config_map, "c", ns, read)
        self.assertEqual(names(self.core.list_namespaced_config_map(ns).items), ["c"])
        status = self.core.delete_namespaced_config_map("c", ns)
        self.assertEqual((status.status, status.details.name), ("Success", "c"))
        self.assert_api_error(404, self.core.read_namespaced_config_map, "c", ns)

    def test_patch_with_a_dict_is_strategic_merge_and_with_a_list_is_json_patch(self):
        ns = self.namespace("py-patch")
        self.core.create_namespaced_config_map(ns, client.V1ConfigMap(metadata=V1ObjectMeta(name="c", labels={"a": "1"}), data={"k": "v"}))
        merged = self.core.patch_namespaced_config_map("c", ns, {"metadata": {"labels": {"b": "2"}}, "data": {"k2": "v2"}})
        self.assertEqual(merged.metadata.labels, {"a": "1", "b": "2"})
        self.assertEqual(merged.data, {"k": "v", "k2": "v2"})
        patched = self.core.patch_namespaced_config_map("c", ns, [
            {"op": "test", "path": "/data/k", "value": "v"},
            {"op": "remove", "path": "/data/k"},
            {"op": "add", "path": "/metadata/annotations", "value": {"note": "json-patch"}},
        ])
        self.assertEqual(patched.data, {"k2": "v2"})
        self.assertEqual(patched.metadata.annotations, {"note": "json-patch"})
        failing = [{"op": "test", "path": "/data/k2", "value": "other"}]
        self.assert_api_error(422, self.core.patch_namespaced_config_map, "c", ns, failing)

    def test_limit_and_continue_page_through_a_list_in_name_order(self):
        ns = self.namespace("py-page")
        wanted = [f"c{i}" for i in range(7)]
        for name in reversed(wanted):
            self.core.create_namespaced_config_map(ns, client.V1ConfigMap(metadata=V1ObjectMeta(name=name)))
        seen, token, pages = [], None, 0
        while True:
            page = self.core.list_namespaced_config_map(ns, limit=3, _continue=token)
            pages += 1
            seen += names(page.items)
            token = page.metadata._continue
            if not token:
                break
            self.assertEqual(len(page.items), 3)
        self.assertEqual((seen, pages), (wanted, 3))

    def test_pages_are_served_at_the_first_page_revision(self):
        ns = self.namespace("py-page-rv")
        for name in ("a", "b", "c"):
            self.core.create_namespaced_config_map(ns, client.V1ConfigMap(metadata=V1ObjectMeta(name=name)))
        first = self.core.list_namespaced_config_map(ns, limit=1)
        self.core.delete_namespaced_config_map("c", ns)
        self.core.create_namespaced_config_map(ns, client.V1ConfigMap(metadata=V1ObjectMeta(name="d")))
        rest = self.core.list_namespaced_config_map(ns, limit=10, _continue=first.metadata._continue)
        self.assertEqual(names(rest.items), ["b", "c"])
        self.assertEqual(rest.metadata.resource_version, first.metadata.resource_version)

    def test_watch_false_lists(self):
        ns = self.namespace("py-watch-false")
        self.core.create_namespaced_config_map(ns, client.V1ConfigMap(metadata=V1ObjectMeta(name="c")))
        listed = self.core.list_namespaced_config_map(ns, watch=False)
        self.assertEqual(names(listed.items), ["c"])

    def test_delete_options_in_the_query(self):
        ns = self.namespace("py-delete")
        self.core.create_namespaced_config_map(ns, client.V1ConfigMap(metadata=V1ObjectMeta(name="c")))
        self.core.delete_namespaced_config_map("c", ns, dry_run="All")
        self.core.read_namespaced_config_map("c", ns)
        self.assert_api_error(422, self.core.delete_namespaced_config_map, "c", ns, propagation_policy="Sideways")
        self.core.delete_namespaced_config_map("c", ns, grace_period_seconds=0, propagation_policy="Background")
        self.assert_api_error(404, self.core.read_namespaced_config_map, "c", ns)

    def test_dry_run_create_stores_nothing(self):
        ns = self.namespace("py-dry")
        would_be = self.core.create_namespaced_config_map(ns, client.V1ConfigMap(metadata=V1ObjectMeta(name="c")), dry_run="All")
        self.assertEqual(would_be.metadata.name, "c")
        self.assert_api_error(404, self.core.read_namespaced_config_map, "c", ns)


class PodTest(WatchplaneTestCase):
    def test_crud(self):
        ns = self.namespace("py-pod")
        created = self.core.create_namespaced_pod(ns, pod("p", labels={"app": "web"}))
        self.assertEqual(created.status.phase, "Pending")
        listed = self.core.list_namespaced_pod(ns, label_selector="app=web")
        self.assertEqual([p.metadata.name for p in listed.items], ["p"])
        self.assertEqual(self.core.list_namespaced_pod(ns, label_selector="app=db").items, [])
        everywhere = self.core.list_pod_for_all_namespaces(field_selector=f"metadata.namespace={ns}")
        self.assertEqual([p.metadata.name for p in everywhere.items], ["p"])
        deleted = self.core.delete_namespaced_pod("p", ns)
        self.assertEqual(deleted.metadata.name, "p")
        self.assert_api_error(404, self.core.read_namespaced_pod, "p", ns)

    def test_strategic_merge_patch_merges_containers_by_name(self):
        ns = self.namespace("py-pod-smp")
        self.core.create_namespaced_pod(ns, pod("p", containers=(("app", "busybox:1"), ("sidecar", "envoy:1"))))
        patched = self.core.patch_namespaced_pod("p", ns, {"spec": {"containers": [{"name": "app", "image": "busybox:2"}]}})
        self.assertEqual([(c.name, c.image) for c in patched.spec.containers], [("app", "busybox:2"), ("sidecar", "envoy:1")])

    def test_replace_status_writes_status_only(self):
        ns = self.namespace("py-pod-status")
        current = self.core.create_namespaced_pod(ns, pod("p"))
        current.status = client.V1PodStatus(phase="Running", conditions=[client.V1PodCondition(type="Ready", status="True")])
        current.spec.containers[0].image = "ignored:2"
        written = self.core.replace_namespaced_pod_status("p", ns, current)
        self.assertEqual(written.status.phase, "Running")
        self.assertEqual([(c.type, c.status) for c in written.status.conditions], [("Ready", "True")])
        read = self.core.read_namespaced_pod("p", ns)
        self.assertEqual((read.status.phase, read.spec.containers[0].image), ("Running", "busybox:1"))
        patched = self.core.patch_namespaced_pod_status("p", ns, {"status": {"phase": "Succeeded"}})
        self.assertEqual(patched.status.phase, "Succeeded")
        self.assertEqual(patched.status.conditions[0].type, "Ready")


class ServiceTest(WatchplaneTestCase):
    def test_crud(self):
        ns = self.namespace("py-svc")
        body = client.V1Service(
            metadata=V1ObjectMeta(name="web"),
            spec=client.V1ServiceSpec(selector={"app": "web"}, ports=[client.V1ServicePort(name="http", port=80, target_port=8080)]),
        )
        created = self.core.create_namespaced_service(ns, body)
        self.assertEqual([(p.port, p.target_port) for p in created.spec.ports], [(80, 8080)])
        patched = self.core.patch_namespaced_service("web", ns, {"spec": {"ports": [{"name": "http", "port": 80, "targetPort": "http-alt"}]}})
        self.assertEqual([(p.name, p.target_port) for p in patched.spec.ports], [("http", "http-alt")])
        self.assertEqual([s.metadata.name for s in self.core.list_namespaced_service(ns).items], ["web"])
        self.core.delete_namespaced_service("web", ns)
        self.assert_api_error(404, self.core.read_namespaced_service, "web", ns)
