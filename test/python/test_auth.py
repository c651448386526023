"""Bearer tokens through the python client: a TokenRequest for a ServiceAccount, then a client that holds
only that token (and the cluster CA), as an in-cluster program or a CI job would hold one."""
from kubernetes import client

from support import REQUEST_TIMEOUT_S, WatchplaneTestCase


def token_client(admin, token):
    """An ApiClient for the admin's server trusting its CA, with no client certificate: only `token`, if any."""
    configuration = client.Configuration()
    configuration.host = admin.configuration.host
    configuration.ssl_ca_cert = admin.configuration.ssl_ca_cert
    if token is not None:
        configuration.api_key = {"authorization": token}
        configuration.api_key_prefix = {"authorization": "Bearer"}
    return client.ApiClient(configuration)


def whoami(api_client):
    """POST a SelfSubjectReview (kubectl auth whoami); this client version has no typed API for it."""
    review, status, _ = api_client.call_api(
        "/apis/authentication.k8s.io/v1/selfsubjectreviews", "POST",
        body={"apiVersion": "authentication.k8s.io/v1", "kind": "SelfSubjectReview"},
        header_params={"Content-Type": "application/json", "Accept": "application/json"},
        response_type="object", auth_settings=["BearerToken"], _return_http_data_only=False,
        _request_timeout=REQUEST_TIMEOUT_S)
    return status, review


class AuthenticationTest(WatchplaneTestCase):
    def test_a_service_account_token_from_a_token_request_authenticates_as_the_account(self):
        ns = self.namespace("py-auth")
        account = self.core.create_namespaced_service_account(ns, client.V1ServiceAccount(metadata=client.V1ObjectMeta(name="robot")))
        request = client.AuthenticationV1TokenRequest(spec=client.V1TokenRequestSpec(audiences=[], expiration_seconds=600))
        issued = self.core.create_namespaced_service_account_token("robot", ns, request, _request_timeout=REQUEST_TIMEOUT_S)
        self.assertEqual(issued.spec.expiration_seconds, 600)
        # RBAC judges the account: it may view its own namespace
        binding = client.V1RoleBinding(
            metadata=client.V1ObjectMeta(name="robot-view"),
            role_ref=client.V1RoleRef(api_group="rbac.authorization.k8s.io", kind="ClusterRole", name="view"),
            subjects=[client.V1Subject(kind="ServiceAccount", name="robot", namespace=ns)],
        )
        client.RbacAuthorizationV1Api(self.api_client).create_namespaced_role_binding(ns, binding, _request_timeout=REQUEST_TIMEOUT_S)
        with token_client(self.api_client, issued.status.token) as robot:
            status, review = whoami(robot)
            self.assertEqual(status, 201)
            user = review["status"]["userInfo"]
            # pkg/serviceaccount/util.go: the account's user name, its uid, and the ServiceAccount groups
            self.assertEqual(user["username"], f"system:serviceaccount:{ns}:robot")
            self.assertEqual(user["uid"], account.metadata.uid)
            self.assertEqual(user["groups"], ["system:serviceaccounts", f"system:serviceaccounts:{ns}", "system:authenticated"])
            listed = client.CoreV1Api(robot).list_namespaced_config_map(ns, _request_timeout=REQUEST_TIMEOUT_S)
            self.assertIn("kube-root-ca.crt", [item.metadata.name for item in listed.items])

    def test_without_credentials_and_with_a_wrong_token_the_answer_is_401(self):
        for token in (None, "not-a-token"):
            with token_client(self.api_client, token) as nobody:
                with self.assertRaises(client.ApiException) as raised:
                    client.CoreV1Api(nobody).list_namespaced_pod("default", _request_timeout=REQUEST_TIMEOUT_S)
                self.assertEqual(raised.exception.status, 401, raised.exception.body)
                self.assertIn('"reason":"Unauthorized"', raised.exception.body)
