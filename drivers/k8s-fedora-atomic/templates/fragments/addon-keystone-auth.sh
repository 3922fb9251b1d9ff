#!/bin/bash
# The k8s-keystone-auth webhook (keystone_auth_enabled, default on; image tag
# k8s_keystone_auth_tag): a DaemonSet on the masters, on the host network at 127.0.0.1:8443,
# where each kube-apiserver's webhook kubeconfig (configure-kubernetes.sh) points. It checks
# Keystone tokens against auth_url and authorizes them with the policy in the
# k8s-keystone-auth-policy ConfigMap: the operator's keystone_auth_default_policy, else members
# of the cluster's project may do everything. Needs TLS (the webhook serves the masters'
# server certificate), so it is skipped with TLS disabled.
# Runs after addons-params.sh and addons-lib.sh, in the same shell.
set -eu

if is_true "$KEYSTONE_AUTH_ENABLED" && ! is_true "$TLS_DISABLED"; then
    policy="$KEYSTONE_AUTH_DEFAULT_POLICY"
    if [ -z "$policy" ]; then
        policy=$(cat <<POLICY
[{"resource": {"verbs": ["*"], "resources": ["*"], "version": "*", "namespace": "*"},
  "match": [{"type": "role", "values": ["member"]}, {"type": "project", "values": ["${PROJECT_ID}"]}]},
 {"nonresource": {"verbs": ["*"], "path": "*"},
  "match": [{"type": "role", "values": ["member"]}, {"type": "project", "values": ["${PROJECT_ID}"]}]}]
POLICY
)
    fi
    keystone_auth_image=$(image docker.io/k8scloudprovider k8s-keystone-auth "$K8S_KEYSTONE_AUTH_TAG")
    kube_apply "k8s-keystone-auth ${K8S_KEYSTONE_AUTH_TAG} (Keystone ${AUTH_URL})" <<MANIFEST
apiVersion: v1
kind: ConfigMap
metadata:
  name: k8s-keystone-auth-policy
  namespace: kube-system
data:
  policies: |
$(printf '%s\n' "$policy" | sed 's/^/    /')
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: k8s-keystone
  namespace: kube-system
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: k8s-keystone-auth
rules:
  - apiGroups: [""]
    resources: [configmaps]
    verbs: [get, list, watch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: k8s-keystone-auth
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: k8s-keystone-auth
subjects:
  - kind: ServiceAccount
    name: k8s-keystone
    namespace: kube-system
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: k8s-keystone-auth
  namespace: kube-system
  labels:
    k8s-app: k8s-keystone-auth
spec:
  selector:
    matchLabels:
      k8s-app: k8s-keystone-auth
  template:
    metadata:
      labels:
        k8s-app: k8s-keystone-auth
    spec:
      serviceAccountName: k8s-keystone
      hostNetwork: true
      nodeSelector:
        magnum.openstack.org/role: "${MASTER_ROLE}"
      tolerations:
        - {key: node-role.kubernetes.io/master, effect: NoSchedule}
        - {key: CriticalAddonsOnly, operator: Exists}
      containers:
        - name: k8s-keystone-auth
          image: ${keystone_auth_image}
          args:
            - ./bin/k8s-keystone-auth
            - --tls-cert-file=/etc/kubernetes/certs/server.crt
            - --tls-private-key-file=/etc/kubernetes/certs/server.key
            - --policy-configmap-name=k8s-keystone-auth-policy
            - --keystone-url=${AUTH_URL}
            - --listen=127.0.0.1:8443
          volumeMounts:
            - {name: certs, mountPath: /etc/kubernetes/certs, readOnly: true}
      volumes:
        - name: certs
          hostPath:
            path: /etc/kubernetes/certs
            type: Directory
MANIFEST
elif is_true "$KEYSTONE_AUTH_ENABLED"; then
    echo "add-ons: keystone auth skipped: it needs TLS, which this cluster template disables"
else
    echo "add-ons: keystone auth disabled (keystone_auth_enabled)"
fi
