import { randomUUID } from 'node:crypto'
import { badRequest, notFound } from '../server/api-error.js'
import { isoMicros } from '../server/time.js'
import type { BlockStorageState, VolumeRecord, VolumeTypeRecord } from './state.js'

/** Creates a public volume type. */
export function createVolumeType(
  s: BlockStorageState,
  input: { name: string; description?: string; extraSpecs?: Record<string, string>; id?: string },
): VolumeTypeRecord {
  const type: VolumeTypeRecord = {
    id: input.id ?? randomUUID(),
    name: input.name,
    description: input.description ?? null,
    is_public: true,
    'os-volume-type-access:is_public': true,
    extra_specs: input.extraSpecs ?? {},
    qos_specs_id: null,
  }
  s.volumeTypes.set(type.id, type)
  return type
}

/** A volume type by id or name, or Cinder's 404. */
export function findVolumeType(s: BlockStorageState, idOrName: string): VolumeTypeRecord {
  const found = s.volumeTypes.get(idOrName) ?? [...s.volumeTypes.values()].find((t) => t.name === idOrName)
  if (!found) throw notFound(`Volume type with name ${idOrName} could not be found.`, 'itemNotFound')
  return found
}

/** The default volume type (Cinder's `default_volume_type`), or 404 when none is set. */
export function defaultVolumeType(s: BlockStorageState): VolumeTypeRecord {
  if (!s.defaultVolumeType) throw notFound('Default volume type can not be found.', 'itemNotFound')
  return findVolumeType(s, s.defaultVolumeType)
}

/** Creates a volume (status `creating` until `availableAt`). */
export function createVolume(
  s: BlockStorageState,
  stamp: { now: number; projectId: string; userId: string; readyAt: number },
  input: {
    size: number
    name?: string | null
    description?: string | null
    volumeType?: string
    availabilityZone?: string
    imageId?: string
    metadata?: Record<string, string>
  },
): VolumeRecord {
  if (!Number.isInteger(input.size) || input.size < 1) {
    throw badRequest(
      `Invalid input received: Volume size '${input.size}' must be an integer and greater than 0.`,
    )
  }
  const type = input.volumeType
    ? findVolumeType(s, input.volumeType)
    : s.defaultVolumeType
      ? defaultVolumeType(s)
      : undefined
  const volume: VolumeRecord = {
    id: randomUUID(),
    name: input.name ?? null,
    description: input.description ?? null,
    size: input.size,
    status: stamp.readyAt > stamp.now ? 'creating' : 'available',
    volume_type: type?.name ?? '__DEFAULT__',
    availability_zone: input.availabilityZone ?? 'nova',
    bootable: input.imageId ? 'true' : 'false',
    encrypted: false,
    multiattach: false,
    attachments: [],
    metadata: input.metadata ?? {},
    project_id: stamp.projectId,
    user_id: stamp.userId,
    snapshot_id: null,
    source_volid: null,
    created_at: isoMicros(stamp.now),
    updated_at: null,
    availableAt: stamp.readyAt,
    deleteWithServer: undefined,
  }
  s.volumes.set(volume.id, volume)
  return volume
}

/** Moves volumes whose build time has passed from `creating` to `available`. */
export function settleVolume(volume: VolumeRecord, now: number) {
  if (volume.status === 'creating' && now >= volume.availableAt) volume.status = 'available'
}

/** Attaches a volume to a server (`in-use`), or Cinder's 400 when it is not `available`. */
export function attachVolume(
  s: BlockStorageState,
  volumeId: string,
  serverId: string,
  now: number,
  device?: string,
) {
  const volume = s.volumes.get(volumeId)
  if (!volume) throw notFound(`Volume ${volumeId} could not be found.`, 'itemNotFound')
  settleVolume(volume, now)
  if (volume.status !== 'available') {
    throw badRequest(
      `Invalid volume: volume ${volumeId} status must be available, but current status is: ${volume.status}.`,
    )
  }
  const index = volume.attachments.length
  const attachment = {
    id: volume.id,
    attachment_id: randomUUID(),
    volume_id: volume.id,
    server_id: serverId,
    host_name: null,
    device: device ?? `/dev/vd${String.fromCharCode(98 + index)}`,
    attached_at: isoMicros(now),
  }
  volume.attachments.push(attachment)
  volume.status = 'in-use'
  return attachment
}

/** Detaches a volume from a server (back to `available`). */
export function detachVolume(s: BlockStorageState, volumeId: string, serverId: string) {
  const volume = s.volumes.get(volumeId)
  if (!volume) return
  volume.attachments = volume.attachments.filter((a) => a.server_id !== serverId)
  if (volume.attachments.length === 0) volume.status = 'available'
}
