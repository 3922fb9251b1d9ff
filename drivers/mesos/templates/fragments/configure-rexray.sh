#!/bin/sh
# REX-Ray with the Cinder driver when volume_driver is rexray, authenticated as the trustee.
set -eu
# shellcheck disable=SC1091
. /etc/sysconfig/heat-params

if [ "$VOLUME_DRIVER" != "rexray" ]; then
    exit 0
fi
case "$REXRAY_PREEMPT" in
    [Tt]rue) preempt=true ;;
    *) preempt=false ;;
esac
# REX-Ray's Cinder driver takes a user id, password and trust only: an application credential
# cannot be handed to it (the mesos validation refuses rexray in that mode; this guards old stacks).
if [ -n "${APPLICATION_CREDENTIAL_ID:-}" ]; then
    echo "configure-rexray: REX-Ray cannot authenticate with an application credential; use clusterCredential trust for volume_driver=rexray" >&2
    exit 1
fi
mkdir -p /etc/rexray
cat > /etc/rexray/config.yml <<CONFIG
libstorage:
  integration:
    volume:
      operations:
        mount:
          preempt: $preempt
  server:
    services:
      openstack:
        driver: cinder
cinder:
  authUrl: $AUTH_URL
  userID: $TRUSTEE_USER_ID
  password: $TRUSTEE_PASSWORD
  trustID: $TRUST_ID
  regionName: $REGION_NAME
CONFIG
chmod 0600 /etc/rexray/config.yml
systemctl enable rexray
systemctl restart rexray
