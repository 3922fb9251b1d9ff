#!/bin/sh
# Docker listens on unix and on tcp://0.0.0.0:<swarm_port>, requiring client certificates signed
# by the cluster CA unless TLS is disabled; proxies go to the daemon's environment.
set -eu
# shellcheck disable=SC1091
. /etc/sysconfig/heat-params
# shellcheck disable=SC1091
. /usr/local/lib/swarm-common.sh

options="-H unix:///var/run/docker.sock -H tcp://0.0.0.0:$SWARM_PORT"
if ! is_true "$TLS_DISABLED"; then
    options="$options --tlsverify --tlscacert=/etc/docker/ca.crt --tlscert=/etc/docker/server.crt --tlskey=/etc/docker/server.key"
fi
sed -i '/^OPTIONS=/d' /etc/sysconfig/docker
echo "OPTIONS='--selinux-enabled --log-driver=journald $options'" >> /etc/sysconfig/docker

mkdir -p /etc/systemd/system/docker.service.d
{
    echo "[Service]"
    if [ -n "$HTTP_PROXY" ]; then echo "Environment=HTTP_PROXY=$HTTP_PROXY"; fi
    if [ -n "$HTTPS_PROXY" ]; then echo "Environment=HTTPS_PROXY=$HTTPS_PROXY"; fi
    if [ -n "$NO_PROXY" ]; then echo "Environment=NO_PROXY=$NO_PROXY"; fi
} > /etc/systemd/system/docker.service.d/proxy.conf

systemctl daemon-reload
systemctl enable docker
systemctl restart docker
