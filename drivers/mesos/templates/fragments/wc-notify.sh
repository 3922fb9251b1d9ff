#!/bin/sh
# Tells Heat whether this slave's agent is running; the cluster waits for every slave.
set -u
if systemctl is-active --quiet mesos-slave; then
    status=SUCCESS
    reason="mesos agent running"
else
    status=FAILURE
    reason="mesos-slave is not running; see /var/log/cloud-init-output.log"
fi
@WAIT_CURL@ --data-binary "{\"status\": \"$status\", \"reason\": \"$reason\"}"
