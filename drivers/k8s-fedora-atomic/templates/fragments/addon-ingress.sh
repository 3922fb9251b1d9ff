#!/bin/bash
# The ingress controller the ingress_controller label names (none when empty):
#   traefik  Traefik 1.7 (traefik_ingress_controller_tag) and
#   nginx    the NGINX ingress controller (nginx_ingress_controller_tag): a DaemonSet on the
#            host network (ports 80 and 443) of the nodes labelled role=<ingress_controller_role>
#            (default "ingress"; `kubectl label node <node> role=ingress`);
#   octavia  the octavia-ingress-controller (octavia_ingress_controller_tag), which creates an
#            Octavia load balancer per Ingress, as the cluster's trustee; its credentials go
#            only into a Secret.
# Runs after addons-params.sh and addons-lib.sh, in the same shell.
set -eu

# yaml_quote <value>: a single-quoted YAML scalar.
yaml_quote() { printf "'%s'" "${1//\'/\'\'}"; }

case "$INGRESS_CONTROLLER" in
    traefik)
        traefik_image=$(image docker.io/library traefik "$TRAEFIK_INGRESS_CONTROLLER_TAG")
        kube_apply "Traefik ingress controller ${TRAEFIK_INGRESS_CONTROLLER_TAG} on role=${INGRESS_CONTROLLER_ROLE} nodes" <<MANIFEST
apiVersion: v1
kind: ServiceAccount
metadata:
  name: ingress-traefik
  namespace: kube-system
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: ingress-traefik
rules:
  - apiGroups: [""]
    resources: [services, endpoints, secrets]
    verbs: [get, list, watch]
  - apiGroups: [extensions, networking.k8s.io]
    resources: [ingresses]
    verbs: [get, list, watch]
  - apiGroups: [extensions, networking.k8s.io]
    resources: [ingresses/status]
    verbs: [update]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: ingress-traefik
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: ingress-traefik
subjects:
  - kind: ServiceAccount
    name: ingress-traefik
    namespace: kube-system
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ingress-traefik
  namespace: kube-system
  labels:
    k8s-app: ingress-traefik
spec:
  selector:
    matchLabels:
      k8s-app: ingress-traefik
  template:
    metadata:
      labels:
        k8s-app: ingress-traefik
    spec:
      serviceAccountName: ingress-traefik
      hostNetwork: true
      nodeSelector:
        role: "${INGRESS_CONTROLLER_ROLE}"
      containers:
        - name: traefik
          image: ${traefik_image}
          args:
            - --kubernetes
            - --logLevel=INFO
            - --defaultentrypoints=http,https
            - --entrypoints=Name:http Address::80
            - --entrypoints=Name:https Address::443 TLS
            - --ping
          ports:
            - {name: http, containerPort: 80, hostPort: 80}
            - {name: https, containerPort: 443, hostPort: 443}
MANIFEST
        ;;
    nginx)
        nginx_image=$(image quay.io/kubernetes-ingress-controller nginx-ingress-controller "$NGINX_INGRESS_CONTROLLER_TAG")
        kube_apply "NGINX ingress controller ${NGINX_INGRESS_CONTROLLER_TAG} on role=${INGRESS_CONTROLLER_ROLE} nodes" <<MANIFEST
apiVersion: v1
kind: ServiceAccount
metadata:
  name: ingress-nginx
  namespace: kube-system
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: ingress-nginx
  namespace: kube-system
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: ingress-nginx
rules:
  - apiGroups: [""]
    resources: [configmaps, endpoints, nodes, pods, secrets, services]
    verbs: [get, list, watch]
  - apiGroups: [""]
    resources: [configmaps]
    verbs: [create, update]
  - apiGroups: [""]
    resources: [events]
    verbs: [create, patch]
  - apiGroups: [extensions, networking.k8s.io]
    resources: [ingresses]
    verbs: [get, list, watch]
  - apiGroups: [extensions, networking.k8s.io]
    resources: [ingresses/status]
    verbs: [update]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: ingress-nginx
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: ingress-nginx
subjects:
  - kind: ServiceAccount
    name: ingress-nginx
    namespace: kube-system
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ingress-nginx
  namespace: kube-system
  labels:
    k8s-app: ingress-nginx
spec:
  selector:
    matchLabels:
      k8s-app: ingress-nginx
  template:
    metadata:
      labels:
        k8s-app: ingress-nginx
    spec:
      serviceAccountName: ingress-nginx
      hostNetwork: true
      nodeSelector:
        role: "${INGRESS_CONTROLLER_ROLE}"
      containers:
        - name: nginx-ingress-controller
          image: ${nginx_image}
          args:
            - /nginx-ingress-controller
            - --configmap=kube-system/ingress-nginx
            - --annotations-prefix=nginx.ingress.kubernetes.io
          env:
            - name: POD_NAME
              valueFrom:
                fieldRef: {fieldPath: metadata.name}
            - name: POD_NAMESPACE
              valueFrom:
                fieldRef: {fieldPath: metadata.namespace}
          ports:
            - {name: http, containerPort: 80, hostPort: 80}
            - {name: https, containerPort: 443, hostPort: 443}
          livenessProbe:
            httpGet: {path: /healthz, port: 10254}
            initialDelaySeconds: 10
MANIFEST
        ;;
    octavia)
        octavia_image=$(image docker.io/k8scloudprovider octavia-ingress-controller "$OCTAVIA_INGRESS_CONTROLLER_TAG")
        if [ -n "${APPLICATION_CREDENTIAL_ID:-}" ]; then
            credentials="  application-credential-id: $(yaml_quote "$APPLICATION_CREDENTIAL_ID")
  application-credential-secret: $(yaml_quote "$APPLICATION_CREDENTIAL_SECRET")"
        else
            credentials="  user-id: $(yaml_quote "$TRUSTEE_USER_ID")
  password: $(yaml_quote "$TRUSTEE_PASSWORD")
  trust-id: $(yaml_quote "$TRUST_ID")"
        fi
        config=$(cat <<CONFIG
cluster-name: $(yaml_quote "$CLUSTER_UUID")
openstack:
  auth-url: $(yaml_quote "$AUTH_URL")
${credentials}
  region: $(yaml_quote "$REGION_NAME")
octavia:
  subnet-id: $(yaml_quote "$FIXED_SUBNET")
  floating-network-id: $(yaml_quote "$EXTERNAL_NETWORK_ID")
CONFIG
)
        kube_apply "Octavia ingress controller ${OCTAVIA_INGRESS_CONTROLLER_TAG}" <<MANIFEST
apiVersion: v1
kind: ServiceAccount
metadata:
  name: octavia-ingress-controller
  namespace: kube-system
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: octavia-ingress-controller
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
subjects:
  - kind: ServiceAccount
    name: octavia-ingress-controller
    namespace: kube-system
---
apiVersion: v1
kind: Secret
metadata:
  name: octavia-ingress-controller-config
  namespace: kube-system
type: Opaque
data:
  config: $(b64 "$config")
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: octavia-ingress-controller
  namespace: kube-system
  labels:
    k8s-app: octavia-ingress-controller
spec:
  replicas: 1
  selector:
    matchLabels:
      k8s-app: octavia-ingress-controller
  template:
    metadata:
      labels:
        k8s-app: octavia-ingress-controller
    spec:
      serviceAccountName: octavia-ingress-controller
      containers:
        - name: octavia-ingress-controller
          image: ${octavia_image}
          args: [/bin/octavia-ingress-controller, --config=/etc/config/config]
          volumeMounts:
            - {name: config, mountPath: /etc/config, readOnly: true}
      volumes:
        - name: config
          secret:
            secretName: octavia-ingress-controller-config
MANIFEST
        ;;
    "")
        echo "add-ons: no ingress controller (ingress_controller)"
        ;;
    *)
        echo "add-ons: unknown ingress_controller ${INGRESS_CONTROLLER}; expected traefik, nginx or octavia" >&2
        exit 1
        ;;
esac
