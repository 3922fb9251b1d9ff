#!/bin/bash
# Gets this node's certificates from the cluster CA through Magnum's certificate API
# (magnum_url): GET /certificates/<cluster_uuid> returns the CA, POST /certificates signs a CSR.
# It authenticates with the cluster's application credential when it has one, else as the
# cluster's trustee (scoped to the trust when there is one). Masters
# get a server certificate (CN=kubernetes, SANs: node, LB and service IPs); every node a
# kubelet client certificate (CN=system:node:<hostname>, O=system:nodes).
set -eu

HEAT_PARAMS="${HEAT_PARAMS:-/etc/sysconfig/heat-params}"
CERT_DIR="${CERT_DIR:-/etc/kubernetes/certs}"
# shellcheck source=/dev/null
. "$HEAT_PARAMS"

is_true() { case "${1:-}" in [Tt]rue) return 0 ;; *) return 1 ;; esac }

if is_true "$TLS_DISABLED"; then
    echo "TLS disabled: no certificates"
    exit 0
fi

curl_opts=(-sf --retry 5 --retry-delay 5)
is_true "$VERIFY_CA" || curl_opts+=(-k)

json_string() { python3 -c 'import json,sys; print(json.dumps(sys.stdin.read()))'; }
json_field() { python3 -c "import json,sys; print(json.load(sys.stdin)[\"$1\"])"; }

if [ -n "${APPLICATION_CREDENTIAL_ID:-}" ]; then
    # clusterCredential application-credential: the creator's restricted application credential.
    secret_json=$(printf '%s' "$APPLICATION_CREDENTIAL_SECRET" | json_string)
    auth_json="{\"auth\": {\"identity\": {\"methods\": [\"application_credential\"], \"application_credential\": {\"id\": \"${APPLICATION_CREDENTIAL_ID}\", \"secret\": ${secret_json}}}}}"
else
    if [ -n "$TRUST_ID" ]; then
        scope=", \"scope\": {\"OS-TRUST:trust\": {\"id\": \"${TRUST_ID}\"}}"
    else
        scope=""
    fi
    password_json=$(printf '%s' "$TRUSTEE_PASSWORD" | json_string)
    auth_json="{\"auth\": {\"identity\": {\"methods\": [\"password\"], \"password\": {\"user\": {\"id\": \"${TRUSTEE_USER_ID}\", \"password\": ${password_json}}}}${scope}}}"
fi

token=$(curl "${curl_opts[@]}" -D - -o /dev/null -X POST "${AUTH_URL}/auth/tokens" \
    -H 'Content-Type: application/json' -d "$auth_json" |
    awk 'tolower($1) == "x-subject-token:" { print $2 }' | tr -d '\r')

magnum() {
    curl "${curl_opts[@]}" -H "X-Auth-Token: ${token}" \
        -H 'OpenStack-API-Version: container-infra latest' -H 'Content-Type: application/json' "$@"
}

mkdir -p "$CERT_DIR"
umask 077
magnum "${MAGNUM_URL}/certificates/${CLUSTER_UUID}" | json_field pem > "$CERT_DIR/ca.crt"

# sign <name> <subject> [openssl config]: key + CSR, signed by Magnum.
sign() {
    local name=$1 subject=$2 config=${3:-}
    local args=(req -new -key "$CERT_DIR/$name.key" -subj "$subject" -out "$CERT_DIR/$name.csr")
    [ -n "$config" ] && args+=(-config "$config" -reqexts req_ext)
    openssl genrsa -out "$CERT_DIR/$name.key" 4096
    openssl "${args[@]}"
    local csr
    csr=$(json_string < "$CERT_DIR/$name.csr")
    magnum -X POST "${MAGNUM_URL}/certificates" \
        -d "{\"cluster_uuid\": \"${CLUSTER_UUID}\", \"csr\": ${csr}}" | json_field pem > "$CERT_DIR/$name.crt"
}

hostname_short=$(hostname -s)
sign kubelet "/CN=system:node:${hostname_short}/O=system:nodes"

if is_true "$IS_MASTER"; then
    sans="IP:${NODE_IP},IP:127.0.0.1,IP:10.254.0.1,DNS:kubernetes,DNS:kubernetes.default"
    sans="${sans},DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local"
    for ip in "$API_LB_ADDRESS" "$API_LB_FLOATING_ADDRESS" "$ETCD_LB_ADDRESS"; do
        [ -n "$ip" ] && sans="${sans},IP:${ip}"
    done
    cat > "$CERT_DIR/server.conf" <<CONF
[req]
distinguished_name = req_distinguished_name
[req_distinguished_name]
[req_ext]
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth, clientAuth
subjectAltName = ${sans}
CONF
    sign server "/CN=kubernetes" "$CERT_DIR/server.conf"
fi
echo "certificates in ${CERT_DIR}"
