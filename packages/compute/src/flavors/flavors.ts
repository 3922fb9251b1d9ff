import {
  AmbiguousResourceError,
  matchNameOrId,
  paginate,
  ResourceNotFoundError,
  type Session,
  toArray,
} from '@magnum-ts/auth'
import { COMPUTE, novaPath } from '../internal/nova.js'
import type { Flavor, ListFlavorsOptions } from './types.js'

/** Lists flavors with details (`GET /flavors/detail`), following `flavors_links` across pages. */
export async function* listFlavors(
  session: Session,
  options: ListFlavorsOptions = {},
): AsyncGenerator<Flavor> {
  const path = await novaPath(session, '/flavors/detail')
  yield* paginate<Flavor>(session, COMPUTE, path, {
    itemsKey: 'flavors',
    query: {
      is_public:
        options.isPublic === undefined ? undefined : options.isPublic === 'all' ? 'None' : options.isPublic,
      minDisk: options.minDisk,
      minRam: options.minRam,
      sort_key: options.sortKey,
      sort_dir: options.sortDir,
      limit: options.limit,
    },
    ...(options.signal ? { signal: options.signal } : {}),
  })
}

/** Gets one flavor by id (`GET /flavors/{id}`); a missing flavor throws `NotFoundError`. */
export async function getFlavor(session: Session, id: string, options: { signal?: AbortSignal } = {}) {
  const path = await novaPath(session, `/flavors/${encodeURIComponent(id)}`)
  const response = await session.request<{ flavor: Flavor }>(COMPUTE, 'GET', path, { ...options })
  return response.body.flavor
}

/**
 * Finds a flavor by id or exact name. Flavor ids are free-form in Nova ("m1.small" can be an
 * id), so the id is tried first; names are then matched over every page of the list.
 * Throws `AmbiguousResourceError` when several flavors share the name and
 * `ResourceNotFoundError` (listing the flavor names) when none matches.
 */
export async function findFlavor(session: Session, nameOrId: string, options: { signal?: AbortSignal } = {}) {
  const path = await novaPath(session, `/flavors/${encodeURIComponent(nameOrId)}`)
  // The id lookup and the list go out together: a name then costs one round trip, not two.
  const [direct, flavors] = await Promise.all([
    session.request<{ flavor: Flavor }>(COMPUTE, 'GET', path, { ...options, okStatuses: [404] }),
    toArray(listFlavors(session, options)),
  ])
  if (direct.status === 200 && direct.body?.flavor) return direct.body.flavor
  const match = matchNameOrId(flavors, nameOrId)
  switch (match.kind) {
    case 'id':
    case 'name':
      return match.item
    case 'ambiguous':
      throw new AmbiguousResourceError({
        resource: 'flavor',
        searched: nameOrId,
        matches: match.items.map((f) => ({ id: f.id, name: f.name })),
      })
    case 'none':
      throw new ResourceNotFoundError({
        resource: 'flavor',
        searched: nameOrId,
        available: [...new Set(flavors.map((f) => f.name))],
        hint: 'pass one of the available flavor names or ids (openstack flavor list).',
      })
  }
}
