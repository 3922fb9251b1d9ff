import { isAdmin } from '../identity/validate.js'
import { ApiError, badRequest, forbidden, notFound } from '../server/api-error.js'
import { paginate } from '../server/pagination.js'
import { empty, json } from '../server/reply.js'
import { type Route, type RouteContext, route } from '../server/service.js'
import { isoSeconds } from '../server/time.js'
import { createImage } from './ops.js'
import type { ImageRecord } from './state.js'

const core = new Set([
  'id',
  'status',
  'owner',
  'created_at',
  'updated_at',
  'size',
  'checksum',
  'file',
  'self',
  'schema',
])
const reserved = new Set(['limit', 'marker', 'sort_key', 'sort_dir', 'sort', 'member_status'])

function canSee(ctx: RouteContext, image: ImageRecord): boolean {
  return (
    isAdmin(ctx.auth) ||
    image.visibility === 'public' ||
    image.visibility === 'community' ||
    image.owner === ctx.auth?.projectId
  )
}

/** An image as Glance serves it: flat, with `self`, `file` and `schema`. */
function imageView(image: ImageRecord) {
  return {
    ...image,
    self: `/v2/images/${image.id}`,
    file: `/v2/images/${image.id}/file`,
    schema: '/v2/schemas/image',
  }
}

function imageOr404(ctx: RouteContext): ImageRecord {
  const image = ctx.cloud.state.image.images.get(ctx.params.id ?? '')
  if (!image || !canSee(ctx, image)) throw notFound(`No image found with ID ${ctx.params.id}`)
  return image
}

function applyPatch(image: ImageRecord, operations: unknown) {
  if (!Array.isArray(operations)) throw badRequest('Request body must be a JSON array of operation objects.')
  for (const raw of operations as { op?: string; path?: string; value?: unknown }[]) {
    const key = raw.path?.replace(/^\//, '') ?? ''
    if (!key || key.includes('/') || core.has(key)) throw forbidden(`Attribute '${key}' is read-only.`)
    if (raw.op === 'add' || raw.op === 'replace') {
      if (raw.op === 'replace' && !(key in image)) throw new ApiError(409, `Property ${key} does not exist.`)
      image[key] = raw.value
    } else if (raw.op === 'remove') {
      if (!(key in image)) throw new ApiError(409, `Property ${key} does not exist.`)
      delete image[key]
    } else {
      throw badRequest(
        `Operation objects must contain exactly one member named "add", "remove", or "replace".`,
      )
    }
  }
}

/** Glance v2 images. */
export const imageRoutes: Route[] = [
  route('GET', '/v2/images', (ctx) => {
    let images = [...ctx.cloud.state.image.images.values()].filter((i) => canSee(ctx, i))
    const visibility = ctx.query.get('visibility')
    // Glance lists community images only when asked for them.
    if (!visibility || visibility === 'all')
      images = images.filter((i) => i.visibility !== 'community' || i.owner === ctx.auth?.projectId)
    for (const key of new Set(ctx.query.keys())) {
      if (reserved.has(key)) continue
      const wanted = ctx.query.getAll(key)
      if (key === 'tag') images = images.filter((i) => wanted.every((t) => i.tags.includes(t)))
      else if (key === 'visibility' && wanted[0] === 'all') continue
      else images = images.filter((i) => wanted.includes(String(i[key])))
    }
    const page = paginate(images, ctx.query, 25)
    const limit = ctx.query.get('limit')
    const next =
      page.nextMarker ??
      (limit === null && images.length > 25 ? page.items[page.items.length - 1]?.id : undefined)
    const nextUrl = new URL(ctx.url)
    if (next) nextUrl.searchParams.set('marker', next)
    return json(200, {
      images: page.items.map(imageView),
      first: '/v2/images',
      schema: '/v2/schemas/images',
      ...(next ? { next: `/v2/images${nextUrl.search}` } : {}),
    })
  }),
  route('POST', '/v2/images', (ctx) => {
    const input = (ctx.body ?? {}) as Record<string, unknown>
    for (const key of Object.keys(input))
      if (core.has(key) && key !== 'id') throw forbidden(`Attribute '${key}' is read-only.`)
    const {
      name,
      visibility,
      disk_format,
      container_format,
      min_disk,
      min_ram,
      tags,
      protected: prot,
      id,
      ...properties
    } = input
    if (visibility === 'public' && !isAdmin(ctx.auth)) {
      throw forbidden('You are not authorized to complete publicize_image action.')
    }
    const image = createImage(ctx.cloud.state.image, {
      name: typeof name === 'string' ? name : null,
      owner: ctx.auth?.projectId ?? '',
      now: ctx.cloud.clock.now(),
      ...(typeof visibility === 'string' ? { visibility: visibility as ImageRecord['visibility'] } : {}),
      ...(typeof disk_format === 'string' ? { diskFormat: disk_format } : {}),
      ...(typeof container_format === 'string' ? { containerFormat: container_format } : {}),
      ...(typeof min_disk === 'number' ? { minDisk: min_disk } : {}),
      ...(typeof min_ram === 'number' ? { minRam: min_ram } : {}),
      ...(Array.isArray(tags) ? { tags: tags as string[] } : {}),
      ...(typeof prot === 'boolean' ? { protected: prot } : {}),
      ...(typeof id === 'string' ? { id } : {}),
      properties,
    })
    return json(201, imageView(image), { Location: `${ctx.serviceUrl}/v2/images/${image.id}` })
  }),
  route('GET', '/v2/images/:id', (ctx) => json(200, imageView(imageOr404(ctx)))),
  route('PATCH', '/v2/images/:id', (ctx) => {
    const image = imageOr404(ctx)
    if (image.owner !== ctx.auth?.projectId && !isAdmin(ctx.auth))
      throw forbidden('You are not permitted to modify this image.')
    applyPatch(image, ctx.body)
    image.updated_at = isoSeconds(ctx.cloud.clock.now())
    return json(200, imageView(image))
  }),
  route('PUT', '/v2/images/:id/file', (ctx) => {
    const image = imageOr404(ctx)
    if (image.status !== 'queued')
      throw new ApiError(409, `Image status transition from ${image.status} to saving is not allowed`)
    Object.assign(image, {
      status: 'active',
      size: Buffer.byteLength(ctx.text),
      disk_format: image.disk_format ?? 'raw',
      container_format: image.container_format ?? 'bare',
    })
    return empty(204)
  }),
  route('DELETE', '/v2/images/:id', (ctx) => {
    const image = imageOr404(ctx)
    if (image.owner !== ctx.auth?.projectId && !isAdmin(ctx.auth))
      throw forbidden('You are not permitted to delete this image.')
    if (image.protected) throw forbidden(`Image ${image.id} is protected and cannot be deleted.`)
    ctx.cloud.state.image.images.delete(image.id)
    return empty(204)
  }),
]
