import {
  AmbiguousResourceError,
  looksLikeUuid,
  matchNameOrId,
  paginate,
  ResourceNotFoundError,
  type Session,
  toArray,
} from '@magnum-ts/auth'
import { glancePath, IMAGE } from '../internal/glance.js'
import { toImage } from './properties.js'
import type { GlanceImage, Image, ListImagesOptions } from './types.js'

/** Lists images (`GET /v2/images`) with filters, following Glance's `next` across pages. */
export async function* listImages(session: Session, options: ListImagesOptions = {}): AsyncGenerator<Image> {
  const query: Record<string, string | number | string[] | undefined> = {
    name: options.name,
    status: options.status,
    visibility: options.visibility,
    os_distro: options.osDistro,
    tag: options.tags,
    sort_key: options.sortKey,
    sort_dir: options.sortDir,
    limit: options.limit,
  }
  // Extra properties fill in around the named filters without overriding a given one.
  for (const [key, value] of Object.entries(options.properties ?? {})) query[key] ??= value
  for await (const raw of paginate<GlanceImage>(session, IMAGE, await glancePath(session, '/images'), {
    itemsKey: 'images',
    query,
    ...(options.signal ? { signal: options.signal } : {}),
  })) {
    yield toImage(raw)
  }
}

/** Gets one image (`GET /v2/images/{id}`); a missing image throws `NotFoundError`. */
export async function getImage(session: Session, id: string, options: { signal?: AbortSignal } = {}) {
  const path = await glancePath(session, `/images/${encodeURIComponent(id)}`)
  const response = await session.request<GlanceImage>(IMAGE, 'GET', path, { ...options })
  return toImage(response.body)
}

/**
 * Finds an image by id or exact name: a UUID-shaped argument is tried as an id first, then
 * Glance filters by name server-side (all visibilities). Throws `AmbiguousResourceError` when
 * several images share the name, `ResourceNotFoundError` when none matches.
 */
export async function findImage(session: Session, nameOrId: string, options: { signal?: AbortSignal } = {}) {
  if (looksLikeUuid(nameOrId)) {
    const path = await glancePath(session, `/images/${encodeURIComponent(nameOrId)}`)
    const direct = await session.request<GlanceImage>(IMAGE, 'GET', path, { ...options, okStatuses: [404] })
    if (direct.status === 200 && direct.body?.id) return toImage(direct.body)
  }
  const images = await toArray(listImages(session, { ...options, name: nameOrId, visibility: 'all' }))
  const match = matchNameOrId(images, nameOrId)
  switch (match.kind) {
    case 'id':
    case 'name':
      return match.item
    case 'ambiguous':
      throw new AmbiguousResourceError({
        resource: 'image',
        searched: nameOrId,
        matches: match.items.map((i) => ({ id: i.id, name: i.name ?? '' })),
      })
    case 'none':
      throw new ResourceNotFoundError({
        resource: 'image',
        searched: nameOrId,
        hint: 'check the name (openstack image list), or that the image is visible to this project.',
      })
  }
}
