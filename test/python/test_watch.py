"""watch.Watch().stream() against watchplane: events in order from a resourceVersion, bookmarks, 410."""
from kubernetes import client, watch

from support import REQUEST_TIMEOUT_S, ROOT_CA_CONFIGMAP, WatchplaneTestCase, compact_history

V1ObjectMeta = client.V1ObjectMeta


def described(event):
    return f"{event['type']} {event['object'].metadata.name}"


class WatchTest(WatchplaneTestCase):
    def configmap(self, ns, name, data=None):
        return self.core.create_namespaced_config_map(ns, client.V1ConfigMap(metadata=V1ObjectMeta(name=name), data=data))

    def test_streams_added_modified_deleted_in_order_from_a_resource_version(self):
        ns = self.namespace("py-watch")
        self.configmap(ns, "before")
        from_rv = self.core.list_namespaced_config_map(ns).metadata.resource_version
        self.configmap(ns, "c", {"k": "v1"})
        self.core.patch_namespaced_config_map("c", ns, {"data": {"k": "v2"}})
        self.core.delete_namespaced_config_map("c", ns)
        w, seen = watch.Watch(), []
        for event in w.stream(self.core.list_namespaced_config_map, ns, resource_version=from_rv, _request_timeout=REQUEST_TIMEOUT_S):
            seen.append(event)
            if len(seen) == 3:
                self.configmap(ns, "live")  # written while the stream is open
            if len(seen) == 4:
                w.stop()
        self.assertEqual([described(e) for e in seen], ["ADDED c", "MODIFIED c", "DELETED c", "ADDED live"])
        self.assertIsInstance(seen[1]["object"], client.V1ConfigMap)
        self.assertEqual(seen[1]["object"].data, {"k": "v2"})
        versions = [int(e["object"].metadata.resource_version) for e in seen]
        self.assertEqual(versions, sorted(versions))
        self.assertEqual(w.resource_version, seen[-1]["object"].metadata.resource_version)

    def test_without_a_resource_version_the_current_state_comes_first(self):
        ns = self.namespace("py-watch-state")
        for name in ("a", "b"):
            self.configmap(ns, name)
        w = watch.Watch()
        events = list(w.stream(self.core.list_namespaced_config_map, ns, timeout_seconds=1, _request_timeout=REQUEST_TIMEOUT_S))
        self.assertEqual([described(e) for e in events], ["ADDED a", "ADDED b", f"ADDED {ROOT_CA_CONFIGMAP}"])

    def test_bookmarks_when_allowed(self):
        ns = self.namespace("py-watch-bookmark")
        self.configmap(ns, "a")
        rv = self.core.list_namespaced_config_map(ns).metadata.resource_version
        w = watch.Watch()
        stream = w.stream(self.core.list_namespaced_config_map, ns, resource_version=rv, allow_watch_bookmarks=True,
                          timeout_seconds=1, _request_timeout=REQUEST_TIMEOUT_S)
        events = list(stream)
        self.assertEqual([e["type"] for e in events], ["BOOKMARK"], "the timeout ends the watch with a last bookmark")
        self.assertEqual(events[0]["raw_object"]["kind"], "ConfigMap")
        self.assertGreaterEqual(int(events[0]["raw_object"]["metadata"]["resourceVersion"]), int(rv))

    def test_a_compacted_resource_version_raises_410_after_one_retry_and_a_relist_recovers(self):
        ns = self.namespace("py-watch-410")
        self.configmap(ns, "old")
        stale_rv = self.core.list_namespaced_config_map(ns).metadata.resource_version
        self.core.patch_namespaced_config_map("old", ns, {"data": {"k": "changed"}})
        compact_history()
        w = watch.Watch()
        with self.assertRaises(client.ApiException) as raised:
            for _ in w.stream(self.core.list_namespaced_config_map, ns, resource_version=stale_rv, _request_timeout=REQUEST_TIMEOUT_S):
                self.fail("no event may come from a compacted resourceVersion")
        self.assertEqual(raised.exception.status, 410)
        self.assertRegex(raised.exception.reason, r"^Expired: too old resource version: \d+ \(\d+\)$")
        # What the client leaves to its caller: relist, then watch from the list's resourceVersion.
        relisted = self.core.list_namespaced_config_map(ns, field_selector="metadata.name=old")
        self.assertEqual([c.data for c in relisted.items], [{"k": "changed"}])
        self.configmap(ns, "new")
        w = watch.Watch()
        for event in w.stream(self.core.list_namespaced_config_map, ns, field_selector="metadata.name=new",
                              resource_version=relisted.metadata.resource_version, _request_timeout=REQUEST_TIMEOUT_S):
            self.assertEqual(described(event), "ADDED new")
            w.stop()

    def test_with_timeout_seconds_a_410_raises_at_once(self):
        ns = self.namespace("py-watch-410-timeout")
        self.configmap(ns, "old")
        stale_rv = self.core.list_namespaced_config_map(ns).metadata.resource_version
        self.configmap(ns, "newer")
        compact_history()
        with self.assertRaises(client.ApiException) as raised:
            list(watch.Watch().stream(self.core.list_namespaced_config_map, ns, resource_version=stale_rv, timeout_seconds=30,
                                      _request_timeout=REQUEST_TIMEOUT_S))
        self.assertEqual(raised.exception.status, 410)

    def test_watch_across_namespaces_with_a_label_selector(self):
        ns = self.namespace("py-watch-all")
        rv = self.core.list_config_map_for_all_namespaces().metadata.resource_version
        self.core.create_namespaced_config_map(ns, client.V1ConfigMap(metadata=V1ObjectMeta(name="skip", labels={"pick": "no"})))
        self.core.create_namespaced_config_map(ns, client.V1ConfigMap(metadata=V1ObjectMeta(name="take", labels={"pick": "yes"})))
        w = watch.Watch()
        for event in w.stream(self.core.list_config_map_for_all_namespaces, label_selector="pick=yes", resource_version=rv,
                              _request_timeout=REQUEST_TIMEOUT_S):
            self.assertEqual((described(event), event["object"].metadata.namespace), ("ADDED take", ns))
            w.stop()
