#!/bin/sh
# Docker's storage: the Cinder volume when docker_volume_size is set, with the chosen driver.
set -eu
# shellcheck disable=SC1091
. /etc/sysconfig/heat-params

if [ -z "$DOCKER_VOLUME_SIZE" ] || [ "$DOCKER_VOLUME_SIZE" = "0" ] || [ -z "$DOCKER_VOLUME_ID" ]; then
    echo "no docker volume: storage driver $DOCKER_STORAGE_DRIVER on the root disk"
    device=''
else
    # virtio names the disk after the first 20 characters of the Cinder volume id.
    device="/dev/disk/by-id/virtio-$(printf '%.20s' "$DOCKER_VOLUME_ID")"
    tries=0
    while [ ! -e "$device" ]; do
        tries=$((tries + 1))
        if [ "$tries" -gt 60 ]; then
            echo "docker volume $DOCKER_VOLUME_ID never appeared at $device" >&2
            exit 1
        fi
        sleep 2
    done
fi

systemctl stop docker || true
case "$DOCKER_STORAGE_DRIVER" in
    devicemapper)
        {
            echo "STORAGE_DRIVER=devicemapper"
            if [ -n "$device" ]; then
                echo "DEVS=$device"
                echo "VG=docker"
            fi
        } > /etc/sysconfig/docker-storage-setup
        rm -f /etc/sysconfig/docker-storage
        docker-storage-setup
        ;;
    overlay | overlay2)
        if [ -n "$device" ]; then
            mkfs.xfs -f -n ftype=1 "$device"
            echo "$device /var/lib/docker xfs defaults 0 0" >> /etc/fstab
            mkdir -p /var/lib/docker
            mount /var/lib/docker
        fi
        echo "DOCKER_STORAGE_OPTIONS=\"--storage-driver $DOCKER_STORAGE_DRIVER\"" > /etc/sysconfig/docker-storage
        ;;
    *)
        echo "unsupported docker_storage_driver: $DOCKER_STORAGE_DRIVER" >&2
        exit 1
        ;;
esac
