#!/bin/bash
# Prometheus and Grafana (prometheus_monitoring, default off; image tags prometheus_tag and
# grafana_tag) in the prometheus-monitoring namespace, with a node exporter on every node (the
# masters' security group opens 9100 for it). Prometheus scrapes the API servers, the kubelets
# (through the API), the node exporters and pods annotated prometheus.io/scrape=true. Grafana
# starts with Prometheus as its data source; its admin password (grafana_admin_passwd) goes
# only into the grafana-admin Secret. NodePorts: Prometheus 30900, Grafana 30603.
# Runs after addons-params.sh and addons-lib.sh, in the same shell.
set -eu

# No Magnum label picks the node exporter's version.
NODE_EXPORTER_TAG="${NODE_EXPORTER_TAG:-v0.18.1}"

if is_true "$PROMETHEUS_MONITORING"; then
    prometheus_image=$(image docker.io/prom prometheus "$PROMETHEUS_TAG")
    node_exporter_image=$(image docker.io/prom node-exporter "$NODE_EXPORTER_TAG")
    grafana_image=$(image docker.io/grafana grafana "$GRAFANA_TAG")
    # Prometheus 1.x takes single-dash flags and local storage, 2.x double-dash flags and TSDB.
    case "$PROMETHEUS_TAG" in
        v1.* | 1.*) config_flag=-config.file storage_flag=-storage.local.path ;;
        *) config_flag=--config.file storage_flag=--storage.tsdb.path ;;
    esac
    sa_dir=/var/run/secrets/kubernetes.io/serviceaccount
    kube_apply "Prometheus ${PROMETHEUS_TAG}, node exporter ${NODE_EXPORTER_TAG}, Grafana ${GRAFANA_TAG}" <<MANIFEST
apiVersion: v1
kind: Namespace
metadata:
  name: prometheus-monitoring
---
apiVersion: v1
kind: Secret
metadata:
  name: grafana-admin
  namespace: prometheus-monitoring
type: Opaque
data:
  admin-user: $(b64 admin)
  admin-password: $(b64 "$GRAFANA_ADMIN_PASSWD")
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: prometheus
  namespace: prometheus-monitoring
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: prometheus
rules:
  - apiGroups: [""]
    resources: [nodes, nodes/proxy, nodes/metrics, services, endpoints, pods]
    verbs: [get, list, watch]
  - nonResourceURLs: [/metrics]
    verbs: [get]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: prometheus
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: prometheus
subjects:
  - kind: ServiceAccount
    name: prometheus
    namespace: prometheus-monitoring
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: prometheus
  namespace: prometheus-monitoring
data:
  prometheus.yml: |
    global:
      scrape_interval: 30s
    scrape_configs:
      - job_name: kubernetes-apiservers
        kubernetes_sd_configs: [{role: endpoints}]
        scheme: https
        tls_config: {ca_file: ${sa_dir}/ca.crt}
        bearer_token_file: ${sa_dir}/token
        relabel_configs:
          - source_labels: [__meta_kubernetes_namespace, __meta_kubernetes_service_name, __meta_kubernetes_endpoint_port_name]
            action: keep
            regex: default;kubernetes;https
      - job_name: kubernetes-kubelets
        kubernetes_sd_configs: [{role: node}]
        scheme: https
        tls_config: {ca_file: ${sa_dir}/ca.crt}
        bearer_token_file: ${sa_dir}/token
        relabel_configs:
          - target_label: __address__
            replacement: kubernetes.default.svc:443
          - source_labels: [__meta_kubernetes_node_name]
            regex: (.+)
            target_label: __metrics_path__
            replacement: /api/v1/nodes/\${1}/proxy/metrics
      - job_name: node-exporter
        kubernetes_sd_configs: [{role: node}]
        relabel_configs:
          - source_labels: [__address__]
            regex: (.+):10250
            target_label: __address__
            replacement: \${1}:9100
      - job_name: annotated-pods
        kubernetes_sd_configs: [{role: pod}]
        relabel_configs:
          - source_labels: [__meta_kubernetes_pod_annotation_prometheus_io_scrape]
            action: keep
            regex: "true"
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: prometheus
  namespace: prometheus-monitoring
  labels:
    app: prometheus
spec:
  replicas: 1
  selector:
    matchLabels:
      app: prometheus
  template:
    metadata:
      labels:
        app: prometheus
    spec:
      serviceAccountName: prometheus
      containers:
        - name: prometheus
          image: ${prometheus_image}
          args:
            - ${config_flag}=/etc/prometheus/prometheus.yml
            - ${storage_flag}=/prometheus
          ports:
            - {containerPort: 9090}
          volumeMounts:
            - {name: config, mountPath: /etc/prometheus}
            - {name: data, mountPath: /prometheus}
      volumes:
        - name: config
          configMap:
            name: prometheus
        - name: data
          emptyDir: {}
---
apiVersion: v1
kind: Service
metadata:
  name: prometheus
  namespace: prometheus-monitoring
spec:
  type: NodePort
  selector:
    app: prometheus
  ports:
    - {port: 9090, targetPort: 9090, nodePort: 30900}
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-exporter
  namespace: prometheus-monitoring
  labels:
    app: node-exporter
spec:
  selector:
    matchLabels:
      app: node-exporter
  template:
    metadata:
      labels:
        app: node-exporter
    spec:
      hostNetwork: true
      hostPID: true
      tolerations:
        - {operator: Exists, effect: NoSchedule}
      containers:
        - name: node-exporter
          image: ${node_exporter_image}
          args: [--path.procfs=/host/proc, --path.sysfs=/host/sys]
          ports:
            - {containerPort: 9100, hostPort: 9100}
          volumeMounts:
            - {name: proc, mountPath: /host/proc, readOnly: true}
            - {name: sys, mountPath: /host/sys, readOnly: true}
      volumes:
        - name: proc
          hostPath: {path: /proc}
        - name: sys
          hostPath: {path: /sys}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: grafana-datasources
  namespace: prometheus-monitoring
data:
  prometheus.yaml: |
    apiVersion: 1
    datasources:
      - name: Prometheus
        type: prometheus
        access: proxy
        url: http://prometheus.prometheus-monitoring.svc:9090
        isDefault: true
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: grafana
  namespace: prometheus-monitoring
  labels:
    app: grafana
spec:
  replicas: 1
  selector:
    matchLabels:
      app: grafana
  template:
    metadata:
      labels:
        app: grafana
    spec:
      containers:
        - name: grafana
          image: ${grafana_image}
          env:
            - name: GF_SECURITY_ADMIN_USER
              valueFrom:
                secretKeyRef: {name: grafana-admin, key: admin-user}
            - name: GF_SECURITY_ADMIN_PASSWORD
              valueFrom:
                secretKeyRef: {name: grafana-admin, key: admin-password}
          ports:
            - {containerPort: 3000}
          volumeMounts:
            - {name: datasources, mountPath: /etc/grafana/provisioning/datasources}
      volumes:
        - name: datasources
          configMap:
            name: grafana-datasources
---
apiVersion: v1
kind: Service
metadata:
  name: grafana
  namespace: prometheus-monitoring
spec:
  type: NodePort
  selector:
    app: grafana
  ports:
    - {port: 3000, targetPort: 3000, nodePort: 30603}
MANIFEST
else
    echo "add-ons: monitoring disabled (prometheus_monitoring)"
fi
