import type { Session } from '@magnum-ts/auth'
import type { components } from '../generated/block-storage.js'
import { volumes } from '../internal/collections.js'
import { type CallOptions, deleteOne, getOne, listAll } from '../internal/crud.js'

/** A Cinder volume, with details. */
export type Volume = NonNullable<components['schemas']['VolumeShowResponse']['volume']> & { id: string }

export interface ListVolumesOptions {
  name?: string
  status?: string
  /** Every project's volumes (admin). */
  allTenants?: boolean
  /** Volumes carrying these metadata pairs (e.g. Magnum's cluster id). */
  metadata?: Record<string, string>
  sort?: string
  /** Page size; every page is fetched regardless. */
  limit?: number
  signal?: AbortSignal
}

/** Lists volumes with details (`GET /v3/volumes/detail`), across pages. */
export function listVolumes(session: Session, options: ListVolumesOptions = {}): AsyncGenerator<Volume> {
  return listAll<Volume>(
    session,
    volumes,
    {
      name: options.name,
      status: options.status,
      all_tenants: options.allTenants ? 1 : undefined,
      // Cinder reads the metadata filter as a Python-literal dict; JSON is a valid one.
      metadata: options.metadata ? JSON.stringify(options.metadata) : undefined,
      sort: options.sort,
      limit: options.limit,
    },
    { ...options, segment: 'volumes/detail' },
  )
}

/** Gets one volume (`GET /v3/volumes/{id}`). */
export function getVolume(session: Session, id: string, options: CallOptions = {}): Promise<Volume> {
  return getOne<Volume>(session, volumes, id, options)
}

/** Deletes a volume (`DELETE /v3/volumes/{id}`); `cascade` also deletes its snapshots. */
export function deleteVolume(
  session: Session,
  id: string,
  options: CallOptions & { cascade?: boolean } = {},
): Promise<void> {
  return deleteOne(session, volumes, id, {
    ...options,
    ...(options.cascade ? { query: { cascade: true } } : {}),
  })
}
