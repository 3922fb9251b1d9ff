#!/bin/sh
# Shared helpers, written to /usr/local/lib/swarm-common.sh by the first fragment that needs it.
# shellcheck disable=SC1091
. /etc/sysconfig/heat-params

# True when a Heat boolean (True/true/1) is set.
is_true() {
    case "$1" in
        [Tt]rue | 1 | yes) return 0 ;;
        *) return 1 ;;
    esac
}

# curl options for OpenStack endpoints: the operator's CA, or no verification when asked.
openstack_curl() {
    if ! is_true "$VERIFY_CA"; then
        curl --silent --show-error --fail --insecure "$@"
    elif [ -n "$OPENSTACK_CA" ]; then
        printf '%s\n' "$OPENSTACK_CA" > /etc/pki/openstack-ca.pem
        curl --silent --show-error --fail --cacert /etc/pki/openstack-ca.pem "$@"
    else
        curl --silent --show-error --fail "$@"
    fi
}
