#!/bin/sh
# The primary master runs `docker swarm init`; secondary masters and workers ask it for their
# join token over its TLS API and join on port 2377.
set -eu
# shellcheck disable=SC1091
. /etc/sysconfig/heat-params
# shellcheck disable=SC1091
. /usr/local/lib/swarm-common.sh

state=$(docker info --format '{{.Swarm.LocalNodeState}}' 2> /dev/null || echo unknown)
if [ "$state" = "active" ]; then
    echo "already part of a swarm"
    exit 0
fi

if [ "$SWARM_ROLE" = "primary" ]; then
    docker swarm init --advertise-addr "$NODE_IP" --listen-addr "$NODE_IP:2377"
    exit 0
fi

if [ "$SWARM_ROLE" = "worker" ]; then kind=worker; else kind=manager; fi
primary="tcp://$SWARM_API_IP:$SWARM_PORT"
token=''
tries=0
while [ -z "$token" ]; do
    if is_true "$TLS_DISABLED"; then
        token=$(docker -H "$primary" swarm join-token -q "$kind" 2> /dev/null || true)
    else
        token=$(docker -H "$primary" --tlsverify --tlscacert=/etc/docker/ca.crt \
            --tlscert=/etc/docker/server.crt --tlskey=/etc/docker/server.key \
            swarm join-token -q "$kind" 2> /dev/null || true)
    fi
    tries=$((tries + 1))
    if [ -z "$token" ]; then
        if [ "$tries" -gt 120 ]; then
            echo "no $kind join token from $primary after $tries tries" >&2
            exit 1
        fi
        sleep 5
    fi
done
docker swarm join --advertise-addr "$NODE_IP" --token "$token" "$SWARM_API_IP:2377"
