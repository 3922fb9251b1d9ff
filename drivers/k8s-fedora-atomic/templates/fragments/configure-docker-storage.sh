#!/bin/bash
# Puts docker's storage on the Cinder docker volume (/dev/vdb) when the cluster has one:
# overlay/overlay2 get an XFS filesystem mounted at /var/lib/docker, devicemapper a thin pool
# set up by docker-storage-setup. Without a volume docker stays on the root disk.
set -eu

HEAT_PARAMS="${HEAT_PARAMS:-/etc/sysconfig/heat-params}"
# shellcheck source=/dev/null
. "$HEAT_PARAMS"

DEVICE="${DOCKER_DEVICE:-/dev/vdb}"
STORAGE_SETUP="${STORAGE_SETUP:-/etc/sysconfig/docker-storage-setup}"

if [ "${DOCKER_VOLUME_SIZE:-0}" -le 0 ] 2>/dev/null || [ ! -b "$DEVICE" ]; then
    echo "no docker volume: docker storage stays on the root disk"
    exit 0
fi

# The attachment can land a little after boot.
for _ in $(seq 60); do
    [ -b "$DEVICE" ] && break
    sleep 2
done

case "$DOCKER_STORAGE_DRIVER" in
    overlay | overlay2)
        mkfs.xfs -f -n ftype=1 "$DEVICE"
        mkdir -p /var/lib/docker
        echo "$DEVICE /var/lib/docker xfs defaults 0 0" >> /etc/fstab
        mount /var/lib/docker
        printf 'STORAGE_DRIVER=%s\n' "$DOCKER_STORAGE_DRIVER" > "$STORAGE_SETUP"
        ;;
    devicemapper)
        printf 'DEVS=%s\nVG=docker\nSTORAGE_DRIVER=devicemapper\n' "$DEVICE" > "$STORAGE_SETUP"
        ;;
    *)
        echo "unsupported docker_storage_driver: $DOCKER_STORAGE_DRIVER" >&2
        exit 1
        ;;
esac
