"""What every python test shares: clients for the server under test, fresh namespaces, compaction.

The node side (test/e2e/python/python-client.test.ts) starts the server and passes:
  KUBECONFIG               the kubeconfig the server wrote
  WATCHPLANE_CONTROL_URL   a tiny HTTP endpoint of the test driver: POST /compact compacts history
"""
import json
import os
import signal
import time
import unittest
import urllib.request
import uuid

from kubernetes import client, config

# A socket read timeout for every call, so a server that never answers fails a test instead of hanging it.
REQUEST_TIMEOUT_S = 10
# And a deadline for each whole test: a watch that loops forever (a list served for a watch) fails alone.
TEST_TIMEOUT_S = 30


class TestTimedOut(BaseException):
    """A BaseException, so that no client library's `except Exception` swallows it; unittest records it."""


def _time_out(_signum, _frame):
    raise TestTimedOut(f"the test ran longer than {TEST_TIMEOUT_S} s")


class WatchplaneTestCase(unittest.TestCase):
    """A test against the running server, with typed API objects built from the kubeconfig."""

    @classmethod
    def setUpClass(cls):
        cls.api_client = config.new_client_from_config(config_file=os.environ["KUBECONFIG"])
        cls.core = client.CoreV1Api(cls.api_client)
        cls.apps = client.AppsV1Api(cls.api_client)

    def setUp(self):
        signal.signal(signal.SIGALRM, _time_out)
        signal.alarm(TEST_TIMEOUT_S)
        self.addCleanup(signal.alarm, 0)

    def namespace(self, prefix):
        """A fresh namespace for one test, so tests never see each other's objects."""
        name = f"{prefix}-{uuid.uuid4().hex[:8]}"
        self.core.create_namespace(client.V1Namespace(metadata=client.V1ObjectMeta(name=name)))
        return name

    def assert_api_error(self, status, call, *args, **kwargs):
        """Runs `call` and returns the ApiException it raises, which must carry `status`."""
        with self.assertRaises(client.ApiException) as raised:
            call(*args, **kwargs)
        self.assertEqual(raised.exception.status, status, raised.exception.body)
        return raised.exception


# Every namespace holds this ConfigMap from its start, as in kube (its root CA publisher).
ROOT_CA_CONFIGMAP = "kube-root-ca.crt"


def names(objects):
    """The names of listed objects or watch events' objects, leaving out the namespace's own root CA ConfigMap."""
    return [o.metadata.name for o in objects if o.metadata.name != ROOT_CA_CONFIGMAP]


def compact_history():
    """Drops all history up to the newest revision (the server's `compact`); returns that revision."""
    request = urllib.request.Request(os.environ["WATCHPLANE_CONTROL_URL"] + "/compact", method="POST")
    with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT_S) as response:
        return json.load(response)["compactedRevision"]


def eventually(check, timeout_s=5.0, interval_s=0.025):
    """Retries `check` until it stops raising or the deadline passes; never a bare sleep."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            return check()
        except (AssertionError, client.ApiException):
            if time.monotonic() > deadline:
                raise
            time.sleep(interval_s)
