"""CustomObjectsApi against watchplane on a custom resource: create, get, list, merge patch, watch, delete."""
import json
import os

from kubernetes import client, watch

from support import REQUEST_TIMEOUT_S, WatchplaneTestCase

GROUP, VERSION, PLURAL = "example.com", "v1", "widgets"
WIDGET_CRD = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "crd", "widget-crd.json")


class CustomObjectsTest(WatchplaneTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with open(WIDGET_CRD, encoding="utf8") as crd:
            client.ApiextensionsV1Api(cls.api_client).create_custom_resource_definition(json.load(crd))
        cls.custom = client.CustomObjectsApi(cls.api_client)

    def test_create_get_list_merge_patch_watch_delete(self):
        ns, api = self.namespace("py-custom"), self.custom
        body = {"apiVersion": "example.com/v1", "kind": "Widget", "metadata": {"name": "py"}, "spec": {"color": "red"}}
        created = api.create_namespaced_custom_object(GROUP, VERSION, ns, PLURAL, body)
        self.assertEqual((created["metadata"]["name"], created["spec"]["size"]), ("py", 3), "the schema's default is filled in")
        self.assertEqual(api.get_namespaced_custom_object(GROUP, VERSION, ns, PLURAL, "py")["spec"]["color"], "red")
        listed = api.list_namespaced_custom_object(GROUP, VERSION, ns, PLURAL)
        self.assertEqual([item["metadata"]["name"] for item in listed["items"]], ["py"])
        # A dict body to patch_*_custom_object goes out as a JSON merge patch.
        patched = api.patch_namespaced_custom_object(GROUP, VERSION, ns, PLURAL, "py", {"spec": {"color": "blue"}})
        self.assertEqual(patched["spec"], {"color": "blue", "size": 3})
        api.delete_namespaced_custom_object(GROUP, VERSION, ns, PLURAL, "py")
        events = []
        for event in watch.Watch().stream(api.list_namespaced_custom_object, GROUP, VERSION, ns, PLURAL,
                                          resource_version=listed["metadata"]["resourceVersion"], timeout_seconds=5,
                                          _request_timeout=REQUEST_TIMEOUT_S):
            events.append((event["type"], event["object"]["metadata"]["name"], event["object"]["spec"]["color"]))
            if event["type"] == "DELETED":
                break
        self.assertEqual(events, [("MODIFIED", "py", "blue"), ("DELETED", "py", "blue")])
