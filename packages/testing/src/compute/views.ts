import { atLeast, type Version } from '../server/microversion.js'
import type { RouteContext } from '../server/service.js'
import type { CloudState } from '../state.js'
import type { FlavorRecord, KeypairRecord, ServerGroupRecord, ServerRecord } from './state.js'

const link = (ctx: RouteContext, path: string) => [
  { rel: 'self', href: `${ctx.serviceUrl}/${path}` },
  { rel: 'bookmark', href: `${ctx.origin}/compute/${path}` },
]

/** A flavor in the `/flavors/detail` shape. */
export function flavorView(ctx: RouteContext, f: FlavorRecord, version: Version) {
  const { extra_specs, ...rest } = f
  return {
    ...rest,
    ...(atLeast(version, '2.61') ? { extra_specs } : {}),
    'OS-FLV-DISABLED:disabled': false,
    links: link(ctx, `flavors/${f.id}`),
  }
}

/** A key pair as `GET /os-keypairs/{name}` serves it. */
export function keypairView(k: KeypairRecord, version: Version) {
  return {
    name: k.name,
    public_key: k.public_key,
    fingerprint: k.fingerprint,
    ...(atLeast(version, '2.2') ? { type: k.type } : {}),
    ...(atLeast(version, '2.10') ? { user_id: k.user_id } : {}),
  }
}

/** A server group; `policies` before 2.64, `policy` + `rules` from 2.64. */
export function serverGroupView(g: ServerGroupRecord, version: Version) {
  const base = { id: g.id, name: g.name, members: g.members, project_id: g.project_id, user_id: g.user_id }
  return atLeast(version, '2.64')
    ? { ...base, policy: g.policy, rules: g.rules }
    : { ...base, policies: [g.policy], metadata: {} }
}

function addresses(s: CloudState, server: ServerRecord) {
  const result: Record<string, unknown[]> = {}
  for (const portId of server.portIds) {
    const port = s.network.ports.get(portId)
    if (!port) continue
    const network = s.network.networks.get(port.network_id)
    const key = network?.name ?? port.network_id
    const list = result[key] ?? []
    result[key] = list
    for (const ip of port.fixed_ips) {
      list.push({
        version: 4,
        addr: ip.ip_address,
        'OS-EXT-IPS:type': 'fixed',
        'OS-EXT-IPS-MAC:mac_addr': port.mac_address,
      })
      for (const fip of s.network.floatingIps.values()) {
        if (fip.port_id === port.id && fip.fixed_ip_address === ip.ip_address) {
          list.push({
            version: 4,
            addr: fip.floating_ip_address,
            'OS-EXT-IPS:type': 'floating',
            'OS-EXT-IPS-MAC:mac_addr': port.mac_address,
          })
        }
      }
    }
  }
  return result
}

/** A server in the `/servers/detail` shape for the requested microversion. */
export function serverView(ctx: RouteContext, server: ServerRecord, version: Version) {
  const s = ctx.cloud.state
  const flavor = s.compute.flavors.get(server.flavorId)
  const flavorBlock = atLeast(version, '2.47')
    ? {
        original_name: flavor?.name ?? server.flavorId,
        vcpus: flavor?.vcpus ?? 0,
        ram: flavor?.ram ?? 0,
        disk: flavor?.disk ?? 0,
        ephemeral: flavor?.['OS-FLV-EXT-DATA:ephemeral'] ?? 0,
        swap: flavor?.swap ?? 0,
        extra_specs: flavor?.extra_specs ?? {},
      }
    : {
        id: server.flavorId,
        links: [{ rel: 'bookmark', href: `${ctx.origin}/compute/flavors/${server.flavorId}` }],
      }
  const active = server.status === 'ACTIVE'
  return {
    id: server.id,
    name: server.name,
    status: server.status,
    tenant_id: server.tenant_id,
    user_id: server.user_id,
    metadata: server.metadata,
    hostId: active ? '8f0c3d6e5b4a39281706f5e4d3c2b1a0f9e8d7c6b5a4938271605f4e' : '',
    image: server.imageId
      ? {
          id: server.imageId,
          links: [{ rel: 'bookmark', href: `${ctx.origin}/compute/images/${server.imageId}` }],
        }
      : '',
    flavor: flavorBlock,
    created: server.created,
    updated: server.updated,
    addresses: addresses(s, server),
    accessIPv4: '',
    accessIPv6: '',
    links: link(ctx, `servers/${server.id}`),
    key_name: server.key_name,
    config_drive: server.config_drive,
    progress: active ? 100 : 0,
    security_groups: server.security_groups,
    'OS-DCF:diskConfig': 'MANUAL',
    'OS-EXT-AZ:availability_zone': server.availability_zone,
    'OS-EXT-STS:task_state': active ? null : 'spawning',
    'OS-EXT-STS:vm_state': active ? 'active' : server.status === 'ERROR' ? 'error' : 'building',
    'OS-EXT-STS:power_state': active ? 1 : 0,
    'OS-SRV-USG:launched_at': active ? server.created.replace('Z', '.000000') : null,
    'OS-SRV-USG:terminated_at': null,
    'os-extended-volumes:volumes_attached': server.volumeIds.map((id) => ({
      id,
      delete_on_termination: s.blockStorage.volumes.get(id)?.deleteWithServer === server.id,
    })),
    ...(atLeast(version, '2.9') ? { locked: false } : {}),
    ...(atLeast(version, '2.19') ? { description: null } : {}),
    ...(atLeast(version, '2.26') ? { tags: [] } : {}),
  }
}
