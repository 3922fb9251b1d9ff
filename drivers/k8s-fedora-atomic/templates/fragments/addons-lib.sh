#!/bin/bash
# Helpers for the add-on fragments that follow in the same script, then a wait for the API:
# Heat may start this deployment while master 0 is still starting kube-apiserver. kubectl talks
# to the API server's local insecure port, which needs no credentials and is only reachable on
# the master itself. The fragments never exit early (they share this one shell): each one is
# guarded by an `if` on its label.
set -eu

KUBE_API_URL="${KUBE_API_URL:-http://127.0.0.1:8080}"
API_WAIT_SECONDS="${API_WAIT_SECONDS:-600}"

is_true() { case "${1:-}" in [Tt]rue) return 0 ;; *) return 1 ;; esac }

kube() { kubectl --server="$KUBE_API_URL" "$@"; }

# kube_apply <what>: applies the manifests on stdin; says what, never the manifests (Secrets).
kube_apply() {
    echo "add-ons: applying $1"
    kube apply -f - > /dev/null
}

# image <default registry> <name> <tag>: container_infra_prefix replaces the registry when set.
image() {
    if [ -n "$CONTAINER_INFRA_PREFIX" ]; then
        echo "${CONTAINER_INFRA_PREFIX}${2}:${3}"
    else
        echo "${1}/${2}:${3}"
    fi
}

# b64 <value>: a Secret's data value (one line).
b64() { printf '%s' "$1" | base64 | tr -d '\n'; }

waited=0
until kube get --raw=/healthz > /dev/null 2>&1; do
    if [ "$waited" -ge "$API_WAIT_SECONDS" ]; then
        echo "add-ons: the API server at ${KUBE_API_URL} did not answer within ${API_WAIT_SECONDS}s" >&2
        exit 1
    fi
    sleep 5
    waited=$((waited + 5))
done
echo "add-ons: API server is up"
