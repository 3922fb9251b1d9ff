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
