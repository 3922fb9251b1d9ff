import { attachVolume, createVolume, detachVolume } from '../../block-storage/ops.js'
import {
  createHealthMonitor,
  createListener,
  createLoadBalancer,
  createMember,
  createPool,
  deleteLoadBalancer,
  deletePool,
} from '../../load-balancer/ops.js'
import { ResourceFailure } from '../errors.js'
import {
  defined,
  findNamed,
  ignoreGone,
  num,
  type ResourceType,
  str,
  type TypeContext,
  viaService,
} from './registry.js'

const lbOf = (ctx: TypeContext, v: unknown) =>
  findNamed(ctx.state.loadBalancer.loadBalancers.values(), v, 'loadbalancer')
const attributeOf = (record: object | undefined, name: string) =>
  record ? (name === 'show' ? record : (record as Record<string, unknown>)[name]) : null

/** `OS::Octavia::LoadBalancer`: a load balancer with its VIP port. */
export const octaviaLoadBalancer: ResourceType = {
  create(ctx, p) {
    const subnet = p.vip_subnet
      ? findNamed(ctx.state.network.subnets.values(), p.vip_subnet, 'subnet').id
      : undefined
    const network = p.vip_network
      ? findNamed(ctx.state.network.networks.values(), p.vip_network, 'network').id
      : undefined
    const lb = viaService('octavia', () =>
      createLoadBalancer(ctx.state, ctx.stamp, {
        name: str(p.name) ?? ctx.physicalName(),
        ...defined({
          vipSubnetId: subnet,
          vipNetworkId: network,
          vipAddress: str(p.vip_address),
          provider: str(p.provider),
          description: str(p.description),
        }),
      }),
    )
    ctx.resource.physicalId = lb.id
  },
  delete(ctx) {
    ignoreGone(() => deleteLoadBalancer(ctx.state, ctx.resource.physicalId, true))
  },
  attribute(ctx, name) {
    return attributeOf(ctx.state.loadBalancer.loadBalancers.get(ctx.resource.physicalId), name)
  },
}

/** `OS::Octavia::Listener`. */
export const octaviaListener: ResourceType = {
  create(ctx, p) {
    const listener = viaService('octavia', () =>
      createListener(ctx.state, ctx.stamp, {
        loadbalancerId: lbOf(ctx, p.loadbalancer).id,
        protocol: String(p.protocol ?? 'TCP'),
        protocolPort: Number(p.protocol_port),
        name: str(p.name) ?? ctx.physicalName(),
        ...defined({
          allowedCidrs: Array.isArray(p.allowed_cidrs) ? p.allowed_cidrs.map(String) : undefined,
        }),
      }),
    )
    ctx.resource.physicalId = listener.id
  },
  delete(ctx) {
    const st = ctx.state.loadBalancer
    for (const pool of st.pools.values())
      pool.listenerIds = pool.listenerIds.filter((id) => id !== ctx.resource.physicalId)
    st.listeners.delete(ctx.resource.physicalId)
  },
  attribute(ctx, name) {
    return attributeOf(ctx.state.loadBalancer.listeners.get(ctx.resource.physicalId), name)
  },
}

/** `OS::Octavia::Pool`. */
export const octaviaPool: ResourceType = {
  create(ctx, p) {
    const pool = viaService('octavia', () =>
      createPool(ctx.state, ctx.stamp, {
        protocol: String(p.protocol ?? 'TCP'),
        lbAlgorithm: String(p.lb_algorithm ?? 'ROUND_ROBIN'),
        name: str(p.name) ?? ctx.physicalName(),
        ...defined({
          listenerId: p.listener
            ? findNamed(ctx.state.loadBalancer.listeners.values(), p.listener, 'listener').id
            : undefined,
          loadbalancerId: p.loadbalancer ? lbOf(ctx, p.loadbalancer).id : undefined,
        }),
      }),
    )
    ctx.resource.physicalId = pool.id
  },
  delete(ctx) {
    ignoreGone(() => deletePool(ctx.state, ctx.resource.physicalId))
  },
  attribute(ctx, name) {
    return attributeOf(ctx.state.loadBalancer.pools.get(ctx.resource.physicalId), name)
  },
}

/** `OS::Octavia::PoolMember`. */
export const octaviaPoolMember: ResourceType = {
  create(ctx, p) {
    const member = viaService('octavia', () =>
      createMember(ctx.state, ctx.stamp, {
        poolId: findNamed(ctx.state.loadBalancer.pools.values(), p.pool, 'pool').id,
        address: String(p.address),
        protocolPort: Number(p.protocol_port),
        ...defined({
          subnetId: p.subnet
            ? findNamed(ctx.state.network.subnets.values(), p.subnet, 'subnet').id
            : undefined,
          weight: num(p.weight),
        }),
      }),
    )
    ctx.resource.physicalId = member.id
  },
  delete(ctx) {
    ctx.state.loadBalancer.members.delete(ctx.resource.physicalId)
  },
}

/** `OS::Octavia::HealthMonitor`. */
export const octaviaHealthMonitor: ResourceType = {
  create(ctx, p) {
    const monitor = viaService('octavia', () =>
      createHealthMonitor(ctx.state, ctx.stamp, {
        poolId: findNamed(ctx.state.loadBalancer.pools.values(), p.pool, 'pool').id,
        type: String(p.type ?? 'TCP'),
        delay: Number(p.delay ?? 5),
        timeout: Number(p.timeout ?? 5),
        maxRetries: Number(p.max_retries ?? 3),
        ...defined({
          urlPath: str(p.url_path),
          httpMethod: str(p.http_method),
          expectedCodes: str(p.expected_codes),
        }),
      }),
    )
    ctx.resource.physicalId = monitor.id
  },
  delete(ctx) {
    ctx.state.loadBalancer.healthMonitors.delete(ctx.resource.physicalId)
  },
}

/** `OS::Cinder::Volume`. */
export const cinderVolume: ResourceType = {
  create(ctx, p) {
    const volume = viaService('cinder', () =>
      createVolume(ctx.state.blockStorage, ctx.stamp, {
        size: Number(p.size),
        name: str(p.name) ?? ctx.physicalName(),
        ...defined({
          description: str(p.description),
          volumeType: str(p.volume_type),
          availabilityZone: str(p.availability_zone),
          imageId: p.image ? findNamed(ctx.state.image.images.values(), p.image, 'image').id : undefined,
          metadata: p.metadata as Record<string, string> | undefined,
        }),
      }),
    )
    ctx.resource.physicalId = volume.id
  },
  delete(ctx) {
    const volume = ctx.state.blockStorage.volumes.get(ctx.resource.physicalId)
    if (volume && volume.attachments.length > 0)
      throw new ResourceFailure('Conflict', `Volume ${volume.id} is still attached, detach volume first.`)
    ctx.state.blockStorage.volumes.delete(ctx.resource.physicalId)
  },
  attribute(ctx, name) {
    return attributeOf(ctx.state.blockStorage.volumes.get(ctx.resource.physicalId), name)
  },
}

/** `OS::Cinder::VolumeAttachment`. */
export const cinderVolumeAttachment: ResourceType = {
  create(ctx, p) {
    const serverId = String(p.instance_uuid)
    const volumeId = String(p.volume_id)
    const server = ctx.state.compute.servers.get(serverId)
    if (!server) throw new ResourceFailure('NotFound', `The server (${serverId}) could not be found.`)
    const attachment = viaService('cinder', () =>
      attachVolume(ctx.state.blockStorage, volumeId, serverId, ctx.now, str(p.mountpoint)),
    )
    server.volumeIds.push(volumeId)
    ctx.resource.physicalId = attachment.attachment_id
    ctx.resource.data = { serverId, volumeId }
  },
  delete(ctx) {
    const { serverId, volumeId } = ctx.resource.data as { serverId?: string; volumeId?: string }
    if (!serverId || !volumeId) return
    detachVolume(ctx.state.blockStorage, volumeId, serverId)
    const server = ctx.state.compute.servers.get(serverId)
    if (server) server.volumeIds = server.volumeIds.filter((id) => id !== volumeId)
  },
}
