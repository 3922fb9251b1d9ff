#!/bin/bash
# Configures etcd on a master: data on the Cinder etcd volume (/dev/vdc) when there is one,
# the discovery URL when there are several masters, else a single-member cluster.
set -eu

HEAT_PARAMS="${HEAT_PARAMS:-/etc/sysconfig/heat-params}"
ETCD_CONF="${ETCD_CONF:-/etc/etcd/etcd.conf}"
# shellcheck source=/dev/null
. "$HEAT_PARAMS"

if [ "${ETCD_VOLUME_SIZE:-0}" -gt 0 ] 2>/dev/null && [ -b /dev/vdc ]; then
    mkfs.xfs -f /dev/vdc
    mkdir -p /var/lib/etcd
    echo "/dev/vdc /var/lib/etcd xfs defaults 0 0" >> /etc/fstab
    mount /var/lib/etcd
fi

mkdir -p "$(dirname "$ETCD_CONF")"
cat > "$ETCD_CONF" <<CONF
ETCD_NAME="${NAME}"
ETCD_DATA_DIR="/var/lib/etcd/default.etcd"
ETCD_LISTEN_CLIENT_URLS="http://0.0.0.0:2379"
ETCD_LISTEN_PEER_URLS="http://${NODE_IP}:2380"
ETCD_ADVERTISE_CLIENT_URLS="http://${NODE_IP}:2379"
ETCD_INITIAL_ADVERTISE_PEER_URLS="http://${NODE_IP}:2380"
CONF

if [ -n "$DISCOVERY_URL" ]; then
    echo "ETCD_DISCOVERY=\"${DISCOVERY_URL}\"" >> "$ETCD_CONF"
else
    echo "ETCD_INITIAL_CLUSTER=\"${NAME}=http://${NODE_IP}:2380\"" >> "$ETCD_CONF"
fi
