#!/bin/sh
# Run on every master by the SoftwareDeploymentGroup, with the group's inputs in the
# environment: ZooKeeper on all masters, a Mesos master with a majority quorum, Marathon.
set -eu
: "${MESOS_MASTERS_IPS:?}" "${CLUSTER_NAME:?}"
HTTP_PROXY=${HTTP_PROXY:-}
HTTPS_PROXY=${HTTPS_PROXY:-}
NO_PROXY=${NO_PROXY:-}

# This master's private address is the one of the group's addresses it holds.
own_ip=''
for ip in $(hostname -I); do
    case ",$MESOS_MASTERS_IPS," in
        *",$ip,"*) own_ip=$ip ;;
    esac
done
if [ -z "$own_ip" ]; then
    echo "none of $(hostname -I) is in the masters' addresses $MESOS_MASTERS_IPS" >&2
    exit 1
fi

# ZooKeeper: server.N for each master, this one's id is its position in the list.
zk=''
myid=0
n=0
sed -i '/^server\./d' /etc/zookeeper/conf/zoo.cfg
for ip in $(echo "$MESOS_MASTERS_IPS" | tr ',' ' '); do
    n=$((n + 1))
    echo "server.$n=$ip:2888:3888" >> /etc/zookeeper/conf/zoo.cfg
    zk="${zk:+$zk,}$ip:2181"
    if [ "$ip" = "$own_ip" ]; then myid=$n; fi
done
echo "$myid" > /etc/zookeeper/conf/myid
echo "zk://$zk/mesos" > /etc/mesos/zk

# A majority of the masters.
echo $((n / 2 + 1)) > /etc/mesos-master/quorum
echo "$own_ip" > /etc/mesos-master/ip
echo "$own_ip" > /etc/mesos-master/hostname
echo "$CLUSTER_NAME" > /etc/mesos-master/cluster

mkdir -p /etc/marathon/conf
echo "$own_ip" > /etc/marathon/conf/hostname
echo "zk://$zk/mesos" > /etc/marathon/conf/master
echo "zk://$zk/marathon" > /etc/marathon/conf/zk

for service in zookeeper mesos-master marathon; do
    mkdir -p "/etc/systemd/system/$service.service.d"
    {
        echo "[Service]"
        if [ -n "$HTTP_PROXY" ]; then echo "Environment=HTTP_PROXY=$HTTP_PROXY"; fi
        if [ -n "$HTTPS_PROXY" ]; then echo "Environment=HTTPS_PROXY=$HTTPS_PROXY"; fi
        if [ -n "$NO_PROXY" ]; then echo "Environment=NO_PROXY=$NO_PROXY"; fi
    } > "/etc/systemd/system/$service.service.d/proxy.conf"
done
systemctl daemon-reload
for service in zookeeper mesos-master marathon; do
    systemctl enable "$service"
    systemctl restart "$service"
done
