#!/bin/bash
# Writes the OpenStack cloud-provider config (/etc/kubernetes/cloud-config) from the cluster's
# application credential or trustee credentials, so Kubernetes can create Octavia load balancers for LoadBalancer services and
# attach Cinder volumes. Skipped when cloud_provider_enabled is false.
set -eu

HEAT_PARAMS="${HEAT_PARAMS:-/etc/sysconfig/heat-params}"
CLOUD_CONFIG="${CLOUD_CONFIG:-/etc/kubernetes/cloud-config}"
# shellcheck source=/dev/null
. "$HEAT_PARAMS"

is_true() { case "${1:-}" in [Tt]rue) return 0 ;; *) return 1 ;; esac }

if ! is_true "${CLOUD_PROVIDER_ENABLED:-false}"; then
    echo "cloud provider disabled: no ${CLOUD_CONFIG}"
    exit 0
fi

# gcfg (the format Kubernetes reads) treats '"' and '\' specially inside quoted values.
quote() {
    local value=${1//\\/\\\\}
    printf '"%s"' "${value//\"/\\\"}"
}

if is_true "${OCTAVIA_ENABLED:-false}"; then use_octavia=true; else use_octavia=false; fi

mkdir -p "$(dirname "$CLOUD_CONFIG")"
umask 077
# The [Global] credentials: the cluster's application credential, else the trustee and trust.
if [ -n "${APPLICATION_CREDENTIAL_ID:-}" ]; then
    credentials="application-credential-id=$(quote "$APPLICATION_CREDENTIAL_ID")
application-credential-secret=$(quote "$APPLICATION_CREDENTIAL_SECRET")"
else
    credentials="user-id=$(quote "$TRUSTEE_USER_ID")
password=$(quote "$TRUSTEE_PASSWORD")
trust-id=$(quote "$TRUST_ID")"
fi

cat > "$CLOUD_CONFIG" <<CONFIG
[Global]
auth-url=$(quote "$AUTH_URL")
${credentials}
region=$(quote "$REGION_NAME")

[LoadBalancer]
use-octavia=${use_octavia}
subnet-id=${FIXED_SUBNET}
floating-network-id=${EXTERNAL_NETWORK_ID}
create-monitor=yes
monitor-delay=1m
monitor-timeout=30s
monitor-max-retries=3
manage-security-groups=true

[BlockStorage]
bs-version=v2
CONFIG
echo "wrote ${CLOUD_CONFIG}"
