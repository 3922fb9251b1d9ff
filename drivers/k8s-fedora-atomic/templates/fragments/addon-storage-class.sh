#!/bin/bash
# With volume_driver=cinder, a default StorageClass "cinder" on the in-tree Cinder provisioner
# (it works through the OpenStack cloud provider, which validation requires for cinder), so
# PersistentVolumeClaims without a storageClassName get a Cinder volume.
# Runs after addons-params.sh and addons-lib.sh, in the same shell.
set -eu

if [ "$VOLUME_DRIVER" = cinder ]; then
    kube_apply "default StorageClass cinder (kubernetes.io/cinder)" <<MANIFEST
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: cinder
  annotations:
    storageclass.kubernetes.io/is-default-class: "true"
provisioner: kubernetes.io/cinder
reclaimPolicy: Delete
allowVolumeExpansion: true
MANIFEST
else
    echo "add-ons: no default StorageClass (volume_driver is not cinder)"
fi
