import { randomUUID } from 'node:crypto'
import { attachVolume, createVolume, detachVolume } from '../../block-storage/ops.js'
import { createPort, deletePort } from '../../network/ops.js'
import { ApiError, badRequest, conflict, forbidden, notFound } from '../../server/api-error.js'
import { isoSeconds } from '../../server/time.js'
import type { CloudState } from '../../state.js'
import type { FlavorRecord, ServerRecord } from '../state.js'
import { type ComputeStamp, findFlavor } from './resources.js'

/** Input of `POST /servers` the fake acts on. */
export interface ServerInput {
  name: string
  flavorRef: string
  imageRef?: string
  keyName?: string
  networks?: 'auto' | 'none' | { uuid?: string; port?: string; fixed_ip?: string }[]
  securityGroups?: string[]
  metadata?: Record<string, string>
  availabilityZone?: string
  serverGroupId?: string
  userData?: string
  configDrive?: boolean
  blockDevices?: {
    source_type?: string
    destination_type?: string
    uuid?: string
    volume_size?: number
    boot_index?: number | string
    delete_on_termination?: boolean
  }[]
}

/** Creates a server with its ports, volume attachments and server-group membership, as Nova does. */
export function createServer(s: CloudState, stamp: ComputeStamp, input: ServerInput): ServerRecord {
  const flavor = findFlavor(s, input.flavorRef)
  if (!flavor) throw badRequest(`Flavor ${input.flavorRef} could not be found.`)
  const bootFromVolume = input.blockDevices?.some(
    (b) => String(b.boot_index) === '0' && b.destination_type === 'volume',
  )
  if (input.imageRef && !s.image.images.has(input.imageRef))
    throw badRequest(`Image ${input.imageRef} could not be found.`)
  if (!input.imageRef && !bootFromVolume) throw badRequest('Missing imageRef attribute')
  if (input.keyName && !s.compute.keypairs.has(`${stamp.userId}/${input.keyName}`)) {
    throw badRequest('Invalid key_name provided.')
  }
  if (input.availabilityZone && !s.compute.availabilityZones.includes(input.availabilityZone)) {
    throw badRequest(`The requested availability zone is not available`)
  }
  checkQuota(s, stamp.projectId, flavor)
  const group = input.serverGroupId ? s.compute.serverGroups.get(input.serverGroupId) : undefined
  if (input.serverGroupId && !group) throw badRequest(`Invalid server group ${input.serverGroupId}`)
  const securityGroupIds = (input.securityGroups ?? ['default']).map((name) => {
    const found = [...s.network.securityGroups.values()].find(
      (g) => (g.name === name || g.id === name) && g.project_id === stamp.projectId,
    )
    if (!found && name !== 'default')
      throw badRequest(`Security group ${name} not found for project ${stamp.projectId}.`)
    return found?.id
  })

  const serverId = randomUUID()
  const netStamp = { now: stamp.now, projectId: stamp.projectId }
  const portIds: string[] = []
  const ownedPortIds: string[] = []
  const requested = resolveNetworks(s, stamp.projectId, input.networks)
  try {
    for (const request of requested) {
      if (request.port) {
        const port = s.network.ports.get(request.port)
        if (!port) throw badRequest(`Port id ${request.port} could not be found.`)
        if (port.device_id) throw conflict(`Port ${port.id} is still in use.`)
        Object.assign(port, {
          device_id: serverId,
          device_owner: `compute:${input.availabilityZone ?? 'nova'}`,
          status: 'ACTIVE',
        })
        portIds.push(port.id)
        continue
      }
      const network = s.network.networks.get(request.uuid ?? '')
      if (!network) throw badRequest(`Network ${request.uuid} could not be found.`)
      const ids = securityGroupIds.filter((id): id is string => id !== undefined)
      const port = createPort(s.network, netStamp, {
        networkId: network.id,
        deviceId: serverId,
        deviceOwner: `compute:${input.availabilityZone ?? 'nova'}`,
        ...(request.fixed_ip ? { fixedIps: [{ ip_address: request.fixed_ip }] } : {}),
        ...(ids.length > 0 ? { securityGroups: ids } : {}),
      })
      portIds.push(port.id)
      ownedPortIds.push(port.id)
    }
  } catch (error) {
    for (const id of ownedPortIds) s.network.ports.delete(id)
    throw error
  }

  const volumeIds: string[] = []
  for (const bdm of input.blockDevices ?? []) {
    if (bdm.destination_type !== 'volume') continue
    let volumeId = bdm.uuid ?? ''
    if (bdm.source_type === 'image' || bdm.source_type === 'blank') {
      const volume = createVolume(
        s.blockStorage,
        { now: stamp.now, projectId: stamp.projectId, userId: stamp.userId, readyAt: stamp.now },
        {
          size: bdm.volume_size ?? flavor.disk,
          ...(bdm.source_type === 'image' && bdm.uuid ? { imageId: bdm.uuid } : {}),
        },
      )
      if (bdm.delete_on_termination) volume.deleteWithServer = serverId
      volumeId = volume.id
    }
    attachVolume(s.blockStorage, volumeId, serverId, stamp.now)
    volumeIds.push(volumeId)
  }

  const t = isoSeconds(stamp.now)
  const server: ServerRecord = {
    id: serverId,
    name: input.name,
    status: stamp.readyAt > stamp.now ? 'BUILD' : 'ACTIVE',
    tenant_id: stamp.projectId,
    user_id: stamp.userId,
    flavorId: flavor.id,
    imageId: input.imageRef ?? '',
    key_name: input.keyName ?? null,
    metadata: input.metadata ?? {},
    created: t,
    updated: t,
    availability_zone: input.availabilityZone ?? 'nova',
    security_groups: (input.securityGroups ?? ['default']).map((name) => ({ name })),
    portIds,
    ownedPortIds,
    volumeIds,
    serverGroupId: group?.id,
    config_drive: input.configDrive ? 'True' : '',
    user_data: input.userData,
    activeAt: stamp.readyAt,
  }
  s.compute.servers.set(server.id, server)
  if (group) {
    if (group.members.length >= s.compute.limits.maxServerGroupMembers) {
      throw forbidden(`Quota exceeded, too many servers in group`)
    }
    group.members.push(server.id)
  }
  return server
}

type NetworkRequest = { uuid?: string; port?: string; fixed_ip?: string }

function resolveNetworks(
  s: CloudState,
  projectId: string,
  networks: ServerInput['networks'],
): NetworkRequest[] {
  if (networks === 'none') return []
  if (Array.isArray(networks)) return networks
  const candidates = [...s.network.networks.values()].filter(
    (n) => !n['router:external'] && (n.project_id === projectId || n.shared),
  )
  if (candidates.length > 1) {
    throw new ApiError(409, 'Multiple possible networks found, use a Network ID to be more specific.')
  }
  return candidates.map((n) => ({ uuid: n.id }))
}

function checkQuota(s: CloudState, projectId: string, flavor: FlavorRecord) {
  const limits = s.compute.limits
  const mine = [...s.compute.servers.values()].filter((x) => x.tenant_id === projectId)
  const used = { instances: mine.length, cores: 0, ram: 0 }
  for (const server of mine) {
    const f = s.compute.flavors.get(server.flavorId)
    used.cores += f?.vcpus ?? 0
    used.ram += f?.ram ?? 0
  }
  const checks: [string, number, number, number][] = [
    ['instances', 1, used.instances, limits.maxTotalInstances],
    ['cores', flavor.vcpus, used.cores, limits.maxTotalCores],
    ['ram', flavor.ram, used.ram, limits.maxTotalRAMSize],
  ]
  for (const [name, requested, inUse, max] of checks) {
    if (inUse + requested > max) {
      throw forbidden(
        `Quota exceeded for ${name}: Requested ${requested}, but already used ${inUse} of ${max} ${name}`,
      )
    }
  }
}

/** Moves a server whose build time has passed from BUILD to ACTIVE. */
export function settleServer(server: ServerRecord, now: number) {
  if (server.status === 'BUILD' && now >= server.activeAt) server.status = 'ACTIVE'
}

/** Deletes a server: its own ports go, other ports are detached, volumes detached (or deleted). */
export function deleteServer(s: CloudState, id: string) {
  const server = s.compute.servers.get(id)
  if (!server) throw notFound(`Instance ${id} could not be found.`)
  for (const portId of server.portIds) {
    if (server.ownedPortIds.includes(portId)) {
      if (s.network.ports.has(portId)) deletePort(s.network, portId)
    } else {
      const port = s.network.ports.get(portId)
      if (port) Object.assign(port, { device_id: '', device_owner: '', status: 'DOWN' })
    }
  }
  for (const volumeId of server.volumeIds) {
    detachVolume(s.blockStorage, volumeId, server.id)
    if (s.blockStorage.volumes.get(volumeId)?.deleteWithServer === server.id)
      s.blockStorage.volumes.delete(volumeId)
  }
  for (const group of s.compute.serverGroups.values())
    group.members = group.members.filter((m) => m !== server.id)
  s.compute.servers.delete(id)
}
