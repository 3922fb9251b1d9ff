#!/bin/bash
# The Kubernetes dashboard (kube_dashboard_enabled, default on; image tag kube_dashboard_version)
# in kube-system, served over HTTPS with a self-signed certificate. Users reach it through
# `kubectl proxy` and sign in with a token; its own service account only reads its settings.
# Runs after addons-params.sh and addons-lib.sh, in the same shell.
set -eu

if is_true "$KUBE_DASHBOARD_ENABLED"; then
    dashboard_image=$(image k8s.gcr.io kubernetes-dashboard-amd64 "$KUBE_DASHBOARD_VERSION")
    kube_apply "Kubernetes dashboard ${KUBE_DASHBOARD_VERSION}" <<MANIFEST
apiVersion: v1
kind: ServiceAccount
metadata:
  name: kubernetes-dashboard
  namespace: kube-system
  labels:
    k8s-app: kubernetes-dashboard
---
apiVersion: v1
kind: Secret
metadata:
  name: kubernetes-dashboard-certs
  namespace: kube-system
  labels:
    k8s-app: kubernetes-dashboard
type: Opaque
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: kubernetes-dashboard-minimal
  namespace: kube-system
rules:
  - apiGroups: [""]
    resources: [secrets]
    verbs: [create]
  - apiGroups: [""]
    resources: [configmaps]
    verbs: [create]
  - apiGroups: [""]
    resources: [secrets]
    resourceNames: [kubernetes-dashboard-key-holder, kubernetes-dashboard-certs]
    verbs: [get, update, delete]
  - apiGroups: [""]
    resources: [configmaps]
    resourceNames: [kubernetes-dashboard-settings]
    verbs: [get, update]
  - apiGroups: [""]
    resources: [services/proxy]
    resourceNames: ["heapster", "http:heapster:", "https:heapster:"]
    verbs: [get]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: kubernetes-dashboard-minimal
  namespace: kube-system
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: kubernetes-dashboard-minimal
subjects:
  - kind: ServiceAccount
    name: kubernetes-dashboard
    namespace: kube-system
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: kubernetes-dashboard
  namespace: kube-system
  labels:
    k8s-app: kubernetes-dashboard
spec:
  replicas: 1
  selector:
    matchLabels:
      k8s-app: kubernetes-dashboard
  template:
    metadata:
      labels:
        k8s-app: kubernetes-dashboard
    spec:
      serviceAccountName: kubernetes-dashboard
      containers:
        - name: kubernetes-dashboard
          image: ${dashboard_image}
          args: [--auto-generate-certificates]
          ports:
            - {containerPort: 8443, protocol: TCP}
          livenessProbe:
            httpGet: {scheme: HTTPS, path: /, port: 8443}
            initialDelaySeconds: 30
            timeoutSeconds: 30
          volumeMounts:
            - {name: certs, mountPath: /certs}
            - {name: tmp, mountPath: /tmp}
      volumes:
        - name: certs
          secret:
            secretName: kubernetes-dashboard-certs
        - name: tmp
          emptyDir: {}
---
apiVersion: v1
kind: Service
metadata:
  name: kubernetes-dashboard
  namespace: kube-system
  labels:
    k8s-app: kubernetes-dashboard
spec:
  selector:
    k8s-app: kubernetes-dashboard
  ports:
    - {port: 443, targetPort: 8443}
MANIFEST
else
    echo "add-ons: dashboard disabled (kube_dashboard_enabled)"
fi
