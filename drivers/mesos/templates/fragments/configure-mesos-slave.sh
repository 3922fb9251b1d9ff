#!/bin/sh
# The Mesos agent: found through the masters' ZooKeeper, registered under its private address
# (the address Marathon reports as a task's host, and the one scale-down removes by).
set -eu
# shellcheck disable=SC1091
. /etc/sysconfig/heat-params

zk=''
for ip in $(echo "$MESOS_MASTERS_IPS" | tr ',' ' '); do
    zk="${zk:+$zk,}$ip:2181"
done
echo "zk://$zk/mesos" > /etc/mesos/zk

mkdir -p /etc/mesos-slave
echo "$NODE_IP" > /etc/mesos-slave/ip
echo "$NODE_IP" > /etc/mesos-slave/hostname
echo "docker,mesos" > /etc/mesos-slave/containerizers
echo "5mins" > /etc/mesos-slave/executor_registration_timeout
# Label values Magnum sends as null arrive as "None".
set_option() {
    if [ -n "$2" ] && [ "$2" != "None" ]; then
        printf '%s\n' "$2" > "/etc/mesos-slave/$1"
    else
        rm -f "/etc/mesos-slave/$1"
    fi
}
set_option isolation "$ISOLATION"
set_option image_providers "$IMAGE_PROVIDERS"
set_option work_dir "$WORK_DIR"
set_option executor_environment_variables "$EXECUTOR_ENV_VARIABLES"
if [ ! -s /etc/mesos-slave/work_dir ]; then echo /tmp/mesos > /etc/mesos-slave/work_dir; fi

mkdir -p /etc/systemd/system/mesos-slave.service.d
{
    echo "[Service]"
    if [ -n "$HTTP_PROXY" ]; then echo "Environment=HTTP_PROXY=$HTTP_PROXY"; fi
    if [ -n "$HTTPS_PROXY" ]; then echo "Environment=HTTPS_PROXY=$HTTPS_PROXY"; fi
    if [ -n "$NO_PROXY" ]; then echo "Environment=NO_PROXY=$NO_PROXY"; fi
} > /etc/systemd/system/mesos-slave.service.d/proxy.conf

# The agent runs only on slaves.
systemctl disable --now zookeeper mesos-master marathon 2> /dev/null || true
systemctl daemon-reload
systemctl enable mesos-slave
systemctl restart mesos-slave
