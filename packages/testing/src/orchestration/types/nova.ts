import { createServer, createServerGroup, deleteServer } from '../../compute/ops.js'
import type { ServerRecord } from '../../compute/state.js'
import { createPort, deletePort } from '../../network/ops.js'
import type { CloudState } from '../../state.js'
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

type NetworkEntry = { network?: unknown; subnet?: unknown; port?: unknown; fixed_ip?: unknown }

function serverOf(ctx: TypeContext): ServerRecord | undefined {
  return ctx.state.compute.servers.get(ctx.resource.physicalId)
}

function addresses(state: CloudState, server: ServerRecord) {
  const byNetwork: Record<
    string,
    { addr: string; version: number; 'OS-EXT-IPS:type': string; port: string }[]
  > = {}
  for (const portId of server.portIds) {
    const port = state.network.ports.get(portId)
    if (!port) continue
    const name = state.network.networks.get(port.network_id)?.name ?? port.network_id
    const list = byNetwork[name] ?? []
    for (const ip of port.fixed_ips) {
      list.push({ addr: ip.ip_address, version: 4, 'OS-EXT-IPS:type': 'fixed', port: port.id })
      for (const fip of state.network.floatingIps.values()) {
        if (fip.port_id === port.id && fip.fixed_ip_address === ip.ip_address)
          list.push({
            addr: fip.floating_ip_address,
            version: 4,
            'OS-EXT-IPS:type': 'floating',
            port: port.id,
          })
      }
    }
    byNetwork[name] = list
  }
  return byNetwork
}

/** `OS::Nova::Server`: a Nova server with ports on the networks, subnets or ports it names. */
export const novaServer: ResourceType = {
  updatable: ['name', 'metadata', 'user_data', 'user_data_update_policy', 'software_config_transport'],
  create(ctx, p) {
    const s = ctx.state
    const image = p.image ? findNamed(s.image.images.values(), p.image, 'image').id : undefined
    const flavor = findNamed(s.compute.flavors.values(), p.flavor, 'flavor').id
    const owned: string[] = []
    const networks = Array.isArray(p.networks)
      ? (p.networks as NetworkEntry[]).map((entry) => {
          if (entry.port) return { port: findNamed(s.network.ports.values(), entry.port, 'port').id }
          if (entry.subnet) {
            const subnet = findNamed(s.network.subnets.values(), entry.subnet, 'subnet')
            const port = viaService('neutron', () =>
              createPort(s.network, ctx.stamp, {
                networkId: subnet.network_id,
                fixedIps: [{ subnet_id: subnet.id, ...defined({ ip_address: str(entry.fixed_ip) }) }],
              }),
            )
            owned.push(port.id)
            return { port: port.id }
          }
          const network = findNamed(s.network.networks.values(), entry.network, 'network')
          return { uuid: network.id, ...defined({ fixed_ip: str(entry.fixed_ip) }) }
        })
      : undefined
    const hints = (p.scheduler_hints ?? {}) as Record<string, unknown>
    const bdms = Array.isArray(p.block_device_mapping_v2)
      ? (p.block_device_mapping_v2 as Record<string, unknown>[]).map((b) =>
          defined({
            source_type: str(b.source_type) ?? (b.image ? 'image' : 'volume'),
            destination_type: str(b.destination_type) ?? 'volume',
            uuid: str(b.volume_id) ?? str(b.image) ?? str(b.image_id),
            volume_size: num(b.volume_size),
            boot_index: num(b.boot_index),
            delete_on_termination: b.delete_on_termination === true,
          }),
        )
      : undefined
    let server: ServerRecord
    try {
      server = viaService('nova', () =>
        createServer(s, ctx.stamp, {
          name: str(p.name) ?? ctx.physicalName(),
          flavorRef: flavor,
          ...defined({
            imageRef: image,
            keyName: str(p.key_name),
            networks,
            securityGroups: Array.isArray(p.security_groups) ? p.security_groups.map(String) : undefined,
            metadata: p.metadata as Record<string, string> | undefined,
            availabilityZone: str(p.availability_zone),
            serverGroupId: str(hints.group),
            userData: str(p.user_data),
            configDrive: p.config_drive === true || p.config_drive === 'true' ? true : undefined,
            blockDevices: bdms,
          }),
        }),
      )
    } catch (error) {
      for (const id of owned) ignoreGone(() => deletePort(s.network, id))
      throw error
    }
    // Ports Heat made for `subnet:` entries go with the server, as Nova's own do.
    server.ownedPortIds.push(...owned)
    ctx.resource.physicalId = server.id
  },
  update(ctx, p) {
    const server = serverOf(ctx)
    if (!server)
      throw new ResourceFailure('NotFound', `The server (${ctx.resource.physicalId}) could not be found.`)
    if (p.name !== undefined) server.name = String(p.name)
    if (p.metadata !== undefined) server.metadata = p.metadata as Record<string, string>
  },
  delete(ctx) {
    ignoreGone(() => deleteServer(ctx.state, ctx.resource.physicalId))
  },
  attribute(ctx, name) {
    const server = serverOf(ctx)
    if (!server) return null
    const byNetwork = addresses(ctx.state, server)
    switch (name) {
      case 'first_address':
        return Object.values(byNetwork)[0]?.[0]?.addr ?? ''
      case 'addresses':
        return byNetwork
      case 'networks': {
        const out: Record<string, string[]> = {}
        for (const portId of server.portIds) {
          const port = ctx.state.network.ports.get(portId)
          if (!port) continue
          const name = ctx.state.network.networks.get(port.network_id)?.name ?? port.network_id
          const ips = (byNetwork[name] ?? []).map((a) => a.addr)
          out[name] = ips
          out[port.network_id] = ips
        }
        return out
      }
      case 'name':
        return server.name
      case 'instance_name':
        return `instance-${server.id.slice(0, 8)}`
      case 'accessIPv4':
        return ''
      case 'console_urls':
        return {}
      case 'show':
        return { id: server.id, name: server.name, status: server.status, addresses: byNetwork }
      default:
        return undefined
    }
  },
}

/** `OS::Nova::ServerGroup`. */
export const novaServerGroup: ResourceType = {
  create(ctx, p) {
    const policies = Array.isArray(p.policies) ? p.policies.map(String) : []
    const group = viaService('nova', () =>
      createServerGroup(ctx.state, {
        name: str(p.name) ?? ctx.physicalName(),
        policy: policies[0] ?? str(p.policy) ?? 'anti-affinity',
        projectId: ctx.stamp.projectId,
        userId: ctx.stamp.userId,
      }),
    )
    ctx.resource.physicalId = group.id
  },
  delete(ctx) {
    ctx.state.compute.serverGroups.delete(ctx.resource.physicalId)
  },
}
