"""The python client's CustomObjectsApi against watchplane: create, get, list, merge patch, watch, delete.

Run by custom-objects.test.ts with KUBECONFIG pointing at the server; prints one line per step.
"""
import os
import sys

from kubernetes import client, config, watch

GROUP, VERSION, PLURAL, NAMESPACE = "example.com", "v1", "widgets", "default"


def main():
    api_client = config.new_client_from_config(config_file=os.environ["KUBECONFIG"])
    api = client.CustomObjectsApi(api_client)
    body = {"apiVersion": "example.com/v1", "kind": "Widget", "metadata": {"name": "py"}, "spec": {"color": "red"}}
    created = api.create_namespaced_custom_object(GROUP, VERSION, NAMESPACE, PLURAL, body, _request_timeout=10)
    print("created", created["metadata"]["name"], created["spec"]["size"])
    got = api.get_namespaced_custom_object(GROUP, VERSION, NAMESPACE, PLURAL, "py", _request_timeout=10)
    print("got", got["spec"]["color"])
    listed = api.list_namespaced_custom_object(GROUP, VERSION, NAMESPACE, PLURAL, _request_timeout=10)
    print("listed", [item["metadata"]["name"] for item in listed["items"]])
    patched = api.patch_namespaced_custom_object(GROUP, VERSION, NAMESPACE, PLURAL, "py", {"spec": {"color": "blue"}}, _request_timeout=10)
    print("patched", patched["spec"]["color"])
    events = []
    stream = watch.Watch().stream(api.list_namespaced_custom_object, GROUP, VERSION, NAMESPACE, PLURAL,
                                  resource_version=listed["metadata"]["resourceVersion"], timeout_seconds=5)
    api.delete_namespaced_custom_object(GROUP, VERSION, NAMESPACE, PLURAL, "py", _request_timeout=10)
    for event in stream:
        events.append((event["type"], event["object"]["metadata"]["name"], event["object"]["spec"]["color"]))
        if event["type"] == "DELETED":
            break
    print("watched", events)


if __name__ == "__main__":
    sys.exit(main())
