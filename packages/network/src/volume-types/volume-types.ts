import type { Session } from '@magnum-ts/auth'
import { ResourceNotFoundError } from '@magnum-ts/auth'
import type { components } from '../generated/block-storage.js'
import { volumeTypes } from '../internal/collections.js'
import { type CallOptions, getOne, listAll } from '../internal/crud.js'
import { pickOne } from '../internal/find.js'

/** A Cinder volume type. */
export type VolumeType = NonNullable<components['schemas']['TypeShowResponse']['volume_type']>

/** Lists the volume types visible to the project (`GET /v3/types`), across pages. */
export function listVolumeTypes(
  session: Session,
  options: { isPublic?: boolean | 'all'; signal?: AbortSignal } = {},
): AsyncGenerator<VolumeType> {
  const isPublic = options.isPublic === 'all' ? 'None' : options.isPublic
  return listAll<VolumeType>(session, volumeTypes, { is_public: isPublic }, options)
}

/** Gets one volume type by id (`GET /v3/types/{id}`). */
export function getVolumeType(session: Session, id: string, options: CallOptions = {}): Promise<VolumeType> {
  return getOne<VolumeType>(session, volumeTypes, id, options)
}

/** The type Cinder uses when none is given (`GET /v3/types/default`; `__DEFAULT__` on a fresh cloud). */
export function defaultVolumeType(session: Session, options: CallOptions = {}): Promise<VolumeType> {
  return getOne<VolumeType>(session, volumeTypes, 'default', options)
}

/**
 * Finds a volume type by exact name or id, before Heat is asked to use it: Heat's own error
 * ("The VolumeType () could not be found") names neither the field nor the choices. The
 * not-found error lists the available types and the default, and an empty name is refused
 * the same way.
 */
export async function findVolumeType(
  session: Session,
  name: string,
  options: CallOptions = {},
): Promise<VolumeType> {
  const types: VolumeType[] = []
  for await (const type of listVolumeTypes(session, options)) types.push(type)
  const available = types.map((t) => t.name)
  const fallback = await defaultVolumeType(session, options).catch(() => undefined)
  const hint = `use one of the available volume types${
    fallback ? `, or leave it unset to use the cloud's default ("${fallback.name}")` : ''
  } (openstack volume type list).`
  if (name.trim() === '') {
    throw new ResourceNotFoundError({ resource: 'volume type', searched: name, available, hint })
  }
  return pickOne(types, name, 'volume type', { available, hint })
}
