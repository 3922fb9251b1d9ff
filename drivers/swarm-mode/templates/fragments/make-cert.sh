#!/bin/sh
# Docker's TLS certificates, signed by the cluster CA through Magnum's certificate API
# (GET /v1/certificates/<uuid> for the CA, POST /v1/certificates for the CSR), authenticated
# with the cluster's application credential, or as the cluster's trustee.
set -eu
# shellcheck disable=SC1091
. /etc/sysconfig/heat-params
# shellcheck disable=SC1091
. /usr/local/lib/swarm-common.sh

if is_true "$TLS_DISABLED"; then
    echo "TLS is disabled: no certificates"
    exit 0
fi

cert_dir=/etc/docker
mkdir -p "$cert_dir"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ -n "${APPLICATION_CREDENTIAL_ID:-}" ]; then
    # The cluster's application credential (clusterCredential application-credential).
    printf '{"auth": {"identity": {"methods": ["application_credential"], "application_credential": {"id": "%s", "secret": "%s"}}}}' \
        "$APPLICATION_CREDENTIAL_ID" "$APPLICATION_CREDENTIAL_SECRET" > "$work/auth.json"
else
    # A trust-scoped token when the trust is handed to the nodes, else an unscoped one.
    if [ -n "$TRUST_ID" ]; then
        scope=$(printf ', "scope": {"OS-TRUST:trust": {"id": "%s"}}' "$TRUST_ID")
    else
        scope=''
    fi
    printf '{"auth": {"identity": {"methods": ["password"], "password": {"user": {"id": "%s", "password": "%s"}}}%s}}' \
        "$TRUSTEE_USER_ID" "$TRUSTEE_PASSWORD" "$scope" > "$work/auth.json"
fi
token=$(openstack_curl --include -X POST -H 'Content-Type: application/json' \
    --data-binary "@$work/auth.json" "$AUTH_URL/auth/tokens" |
    sed -n 's/^[Xx]-[Ss]ubject-[Tt]oken: *\([^[:space:]]*\).*/\1/p')
if [ -z "$token" ]; then
    echo "make-cert: Keystone issued no token for the cluster credential" >&2
    exit 1
fi

# The cluster CA.
openstack_curl -H "X-Auth-Token: $token" -H 'OpenStack-API-Version: container-infra latest' \
    "$MAGNUM_URL/certificates/$CLUSTER_UUID" |
    python3 -c 'import json, sys; sys.stdout.write(json.load(sys.stdin)["pem"])' > "$cert_dir/ca.crt"

# A key and CSR for this server, valid for the addresses clients dial.
sans="IP:127.0.0.1,IP:$NODE_IP,DNS:localhost,DNS:$(hostname)"
for ip in "$NODE_PUBLIC_IP" "$API_IP" "$SWARM_API_IP"; do
    if [ -n "$ip" ] && [ "$ip" != "None" ]; then sans="$sans,IP:$ip"; fi
done
cat > "$work/openssl.cnf" <<CNF
[req]
distinguished_name = req_distinguished_name
req_extensions = req_ext
prompt = no
[req_distinguished_name]
CN = swarm-$SWARM_ROLE
[req_ext]
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth, clientAuth
subjectAltName = $sans
CNF
openssl genrsa -out "$cert_dir/server.key" 2048
chmod 0600 "$cert_dir/server.key"
openssl req -new -key "$cert_dir/server.key" -out "$work/server.csr" -config "$work/openssl.cnf"

python3 -c 'import json, sys; print(json.dumps({"cluster_uuid": sys.argv[1], "csr": open(sys.argv[2]).read()}))' \
    "$CLUSTER_UUID" "$work/server.csr" > "$work/sign.json"
openstack_curl -X POST -H "X-Auth-Token: $token" -H 'Content-Type: application/json' \
    -H 'OpenStack-API-Version: container-infra latest' --data-binary "@$work/sign.json" \
    "$MAGNUM_URL/certificates" |
    python3 -c 'import json, sys; sys.stdout.write(json.load(sys.stdin)["pem"])' > "$cert_dir/server.crt"
echo "make-cert: server certificate signed by the cluster CA"
