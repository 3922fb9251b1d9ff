#!/bin/bash
# Configures the Kubernetes services of Fedora Atomic's systemd units through their
# /etc/kubernetes/* environment files: on masters kube-apiserver (secure port 6443, or the
# insecure 8080 with TLS disabled; the service CIDR; the service-account key), controller-manager
# and scheduler; on every node kubelet and kube-proxy, pointed at the API. With the cloud
# provider on, the services use /etc/kubernetes/cloud-config. kubelet hands pods the CoreDNS
# address and domain (dns_service_ip, dns_cluster_domain) the add-ons serve; with keystone auth
# the API server asks the k8s-keystone-auth webhook. The controller manager's cluster
# name is the cluster UUID: the cloud provider writes it into the descriptions of the load
# balancers it makes ("... from cluster <uuid>"), which is how cluster delete finds them.
# Then starts them.
set -eu

HEAT_PARAMS="${HEAT_PARAMS:-/etc/sysconfig/heat-params}"
KUBE_DIR="${KUBE_CONFIG_DIR:-/etc/kubernetes}"
CERT_DIR="${CERT_DIR:-/etc/kubernetes/certs}"
# shellcheck source=/dev/null
. "$HEAT_PARAMS"

is_true() { case "${1:-}" in [Tt]rue) return 0 ;; *) return 1 ;; esac }

cloud_args=""
if is_true "$CLOUD_PROVIDER_ENABLED"; then
    cloud_args="--cloud-provider=openstack --cloud-config=${KUBE_DIR}/cloud-config"
fi

# Masters reach their own API server on the loopback-only insecure port: controller-manager,
# scheduler, kubelet and the add-ons' kubectl then need no credentials, and the webhook/RBAC
# authorization of the secure port does not apply to them. Minions go through TLS.
if is_true "$IS_MASTER" || is_true "$TLS_DISABLED"; then
    if is_true "$IS_MASTER"; then api_host=127.0.0.1; else api_host="$KUBE_MASTER_IP"; fi
    api_url="http://${api_host}:8080"
else
    api_url="https://${KUBE_MASTER_IP}:${KUBERNETES_PORT}"
fi

mkdir -p "$KUBE_DIR"
cat > "$KUBE_DIR/config" <<CONF
KUBE_LOGTOSTDERR="--logtostderr=true"
KUBE_LOG_LEVEL="--v=0"
KUBE_ALLOW_PRIV="--allow-privileged=true"
KUBE_MASTER="--master=${api_url}"
CONF

if is_true "$IS_MASTER"; then
    if is_true "$TLS_DISABLED"; then
        tls_args="--insecure-bind-address=0.0.0.0 --insecure-port=8080"
    else
        tls_args="--insecure-bind-address=127.0.0.1 --insecure-port=8080"
        tls_args="${tls_args} --secure-port=${KUBERNETES_PORT} --tls-cert-file=${CERT_DIR}/server.crt"
        tls_args="${tls_args} --tls-private-key-file=${CERT_DIR}/server.key --client-ca-file=${CERT_DIR}/ca.crt"
    fi
    umask 077
    printf '%s\n' "$KUBE_SERVICE_ACCOUNT_KEY" > "$KUBE_DIR/service-account.pub"
    printf '%s\n' "$KUBE_SERVICE_ACCOUNT_PRIVATE_KEY" > "$KUBE_DIR/service-account.key"
    umask 022
    # keystone_auth_enabled (TLS only): tokens and authorization go to the k8s-keystone-auth
    # webhook the add-ons run on every master at 127.0.0.1:8443 (addon-keystone-auth.sh).
    auth_args=""
    if is_true "$KEYSTONE_AUTH_ENABLED" && ! is_true "$TLS_DISABLED"; then
        cat > "$KUBE_DIR/keystone-webhook.kubeconfig" <<CONF
apiVersion: v1
kind: Config
clusters:
  - name: keystone-webhook
    cluster:
      server: https://127.0.0.1:8443/webhook
      certificate-authority: ${CERT_DIR}/ca.crt
users:
  - name: kube-apiserver
contexts:
  - name: keystone-webhook
    context: {cluster: keystone-webhook, user: kube-apiserver}
current-context: keystone-webhook
CONF
        auth_args="--authentication-token-webhook-config-file=${KUBE_DIR}/keystone-webhook.kubeconfig"
        auth_args="${auth_args} --authorization-webhook-config-file=${KUBE_DIR}/keystone-webhook.kubeconfig"
        auth_args="${auth_args} --authorization-mode=Node,Webhook,RBAC"
    fi
    cat > "$KUBE_DIR/apiserver" <<CONF
KUBE_API_ADDRESS="--bind-address=0.0.0.0 ${tls_args}"
KUBE_ETCD_SERVERS="--etcd-servers=http://127.0.0.1:2379"
KUBE_SERVICE_ADDRESSES="--service-cluster-ip-range=${PORTAL_NETWORK_CIDR}"
KUBE_API_ARGS="--service-account-key-file=${KUBE_DIR}/service-account.pub ${auth_args} ${cloud_args}"
CONF
    cat > "$KUBE_DIR/controller-manager" <<CONF
KUBE_CONTROLLER_MANAGER_ARGS="--service-account-private-key-file=${KUBE_DIR}/service-account.key --root-ca-file=${CERT_DIR}/ca.crt --cluster-cidr=${PODS_NETWORK_CIDR} --cluster-name=${CLUSTER_UUID} ${cloud_args}"
CONF
    cat > "$KUBE_DIR/scheduler" <<CONF
KUBE_SCHEDULER_ARGS="--leader-elect=true"
CONF
fi

cat > "$KUBE_DIR/kubelet" <<CONF
KUBELET_ADDRESS="--address=0.0.0.0"
KUBELET_HOSTNAME="--hostname-override=${NAME}"
KUBELET_ARGS="--node-ip=${NODE_IP} --node-labels=magnum.openstack.org/role=${NODEGROUP_ROLE},magnum.openstack.org/nodegroup=${NODEGROUP_NAME} --cluster-dns=${DNS_SERVICE_IP} --cluster-domain=${DNS_CLUSTER_DOMAIN} ${cloud_args}"
CONF
cat > "$KUBE_DIR/proxy" <<CONF
KUBE_PROXY_ARGS="--cluster-cidr=${PODS_NETWORK_CIDR}"
CONF

if [ -z "${SKIP_SYSTEMCTL:-}" ]; then
    services="kubelet kube-proxy"
    if is_true "$IS_MASTER"; then services="kube-apiserver kube-controller-manager kube-scheduler ${services}"; fi
    for service in $services; do
        systemctl enable "$service"
        systemctl restart "$service"
    done
fi
