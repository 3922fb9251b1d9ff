#!/bin/bash
# Configures the pod network: flannel (network CIDR, per-node subnet length, backend vxlan,
# udp or host-gw; the first master publishes it to etcd) or calico (the IPv4 pool).
set -eu

HEAT_PARAMS="${HEAT_PARAMS:-/etc/sysconfig/heat-params}"
CONFIG_DIR="${NETWORK_CONFIG_DIR:-/etc/sysconfig}"
# shellcheck source=/dev/null
. "$HEAT_PARAMS"

is_true() { case "${1:-}" in [Tt]rue) return 0 ;; *) return 1 ;; esac }

case "$NETWORK_DRIVER" in
    flannel)
        mkdir -p "$CONFIG_DIR"
        cat > "$CONFIG_DIR/flannel-network.json" <<JSON
{
  "Network": "${FLANNEL_NETWORK_CIDR}",
  "SubnetLen": ${FLANNEL_NETWORK_SUBNETLEN},
  "Backend": {"Type": "${FLANNEL_BACKEND}"}
}
JSON
        if is_true "$IS_MASTER"; then etcd_host=127.0.0.1; else etcd_host="$ETCD_SERVER_IP"; fi
        printf 'FLANNEL_ETCD_ENDPOINTS="http://%s:2379"\nFLANNEL_ETCD_PREFIX="/atomic.io/network"\n' \
            "$etcd_host" > "$CONFIG_DIR/flanneld"
        if is_true "$IS_MASTER" && [ -z "${SKIP_ETCD_PUBLISH:-}" ]; then
            # Retried until the local etcd answers; any master may publish, the value is the same.
            for _ in $(seq 60); do
                if curl -sf -X PUT "http://127.0.0.1:2379/v2/keys/atomic.io/network/config" \
                    --data-urlencode "value@$CONFIG_DIR/flannel-network.json" >/dev/null; then
                    break
                fi
                sleep 5
            done
        fi
        ;;
    calico)
        mkdir -p "$CONFIG_DIR"
        cat > "$CONFIG_DIR/calico-ippool.yaml" <<YAML
apiVersion: crd.projectcalico.org/v1
kind: IPPool
metadata:
  name: default-ipv4-ippool
spec:
  cidr: ${CALICO_IPV4POOL}
  ipipMode: Always
  natOutgoing: true
YAML
        ;;
    *)
        echo "unsupported network_driver: $NETWORK_DRIVER" >&2
        exit 1
        ;;
esac
