#!/bin/sh
# Tells Heat whether this server joined the swarm; the stack waits for it.
set -u
state=$(docker info --format '{{.Swarm.LocalNodeState}}' 2> /dev/null || echo unknown)
if [ "$state" = "active" ]; then
    status=SUCCESS
    reason="swarm node active"
else
    status=FAILURE
    reason="swarm node state is $state; see /var/log/cloud-init-output.log"
fi
@WAIT_CURL@ --data-binary "{\"status\": \"$status\", \"reason\": \"$reason\"}"
