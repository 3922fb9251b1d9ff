import { isAdmin } from '../identity/validate.js'
import { badRequest, forbidden, notFound } from '../server/api-error.js'
import { pageLinks, paginate } from '../server/pagination.js'
import { empty, json } from '../server/reply.js'
import { type Route, type RouteContext, route } from '../server/service.js'
import { isoMicros } from '../server/time.js'
import { createVolume, createVolumeType, defaultVolumeType, findVolumeType, settleVolume } from './ops.js'
import type { VolumeRecord, VolumeTypeRecord } from './state.js'

function volumeView(ctx: RouteContext, v: VolumeRecord) {
  const { availableAt: _a, deleteWithServer: _d, project_id, ...rest } = v
  return {
    ...rest,
    'os-vol-tenant-attr:tenant_id': project_id,
    links: [{ rel: 'self', href: `${ctx.serviceUrl}/volumes/${v.id}` }],
  }
}

function typeView(t: VolumeTypeRecord) {
  return t
}

function volumeOr404(ctx: RouteContext): VolumeRecord {
  const volume = ctx.cloud.state.blockStorage.volumes.get(ctx.params.id ?? '')
  if (!volume || (!isAdmin(ctx.auth) && volume.project_id !== ctx.auth?.projectId)) {
    throw notFound(`Volume ${ctx.params.id} could not be found.`)
  }
  settleVolume(volume, ctx.cloud.clock.now())
  return volume
}

function listVolumes(ctx: RouteContext, detail: boolean) {
  const now = ctx.cloud.clock.now()
  const allTenants = isAdmin(ctx.auth) && ['1', 'true', 'True'].includes(ctx.query.get('all_tenants') ?? '')
  let volumes = [...ctx.cloud.state.blockStorage.volumes.values()].filter(
    (v) => allTenants || v.project_id === ctx.auth?.projectId,
  )
  for (const v of volumes) settleVolume(v, now)
  for (const key of ['name', 'status'] as const) {
    const wanted = ctx.query.get(key)
    if (wanted) volumes = volumes.filter((v) => v[key] === wanted)
  }
  const page = paginate(volumes, ctx.query)
  const items = page.items.map((v) =>
    detail ? volumeView(ctx, v) : { id: v.id, name: v.name, links: volumeView(ctx, v).links },
  )
  return json(200, { volumes: items, ...pageLinks('volumes', ctx.url, page) })
}

/** Cinder v3: volume types (with `/types/default`) and volumes. */
export const blockStorageRoutes: Route[] = [
  route('GET', '/types', (ctx) =>
    json(200, { volume_types: [...ctx.cloud.state.blockStorage.volumeTypes.values()].map(typeView) }),
  ),
  route('GET', '/types/default', (ctx) =>
    json(200, { volume_type: typeView(defaultVolumeType(ctx.cloud.state.blockStorage)) }),
  ),
  route('GET', '/types/:id', (ctx) =>
    json(200, { volume_type: typeView(findVolumeType(ctx.cloud.state.blockStorage, ctx.params.id ?? '')) }),
  ),
  route('POST', '/types', (ctx) => {
    if (!isAdmin(ctx.auth))
      throw forbidden("Policy doesn't allow volume_extension:types_manage to be performed.")
    const input = (
      ctx.body as {
        volume_type?: { name?: string; description?: string; extra_specs?: Record<string, string> }
      }
    )?.volume_type
    if (!input?.name) throw badRequest('Missing required element volume_type in request body.')
    const type = createVolumeType(ctx.cloud.state.blockStorage, {
      name: input.name,
      ...(input.description ? { description: input.description } : {}),
      ...(input.extra_specs ? { extraSpecs: input.extra_specs } : {}),
    })
    return json(200, { volume_type: type })
  }),
  route('GET', '/volumes', (ctx) => listVolumes(ctx, false)),
  route('GET', '/volumes/detail', (ctx) => listVolumes(ctx, true)),
  route('POST', '/volumes', (ctx) => {
    const input = (ctx.body as { volume?: Record<string, unknown> } | undefined)?.volume
    if (!input) throw badRequest('Missing required element volume in request body.')
    const now = ctx.cloud.clock.now()
    const volume = createVolume(
      ctx.cloud.state.blockStorage,
      {
        now,
        projectId: ctx.auth?.projectId ?? '',
        userId: ctx.auth?.userId ?? '',
        readyAt: now + ctx.cloud.settings.buildSeconds * 1000,
      },
      {
        size: Number(input.size),
        ...(typeof input.name === 'string' ? { name: input.name } : {}),
        ...(typeof input.description === 'string' ? { description: input.description } : {}),
        ...(typeof input.volume_type === 'string' ? { volumeType: input.volume_type } : {}),
        ...(typeof input.availability_zone === 'string' ? { availabilityZone: input.availability_zone } : {}),
        ...(typeof input.imageRef === 'string' ? { imageId: input.imageRef } : {}),
        ...(input.metadata ? { metadata: input.metadata as Record<string, string> } : {}),
      },
    )
    return json(202, { volume: volumeView(ctx, volume) })
  }),
  route('GET', '/volumes/:id', (ctx) => json(200, { volume: volumeView(ctx, volumeOr404(ctx)) })),
  route('PUT', '/volumes/:id', (ctx) => {
    const volume = volumeOr404(ctx)
    const input = (ctx.body as { volume?: { name?: string; description?: string } } | undefined)?.volume ?? {}
    if (typeof input.name === 'string') volume.name = input.name
    if (typeof input.description === 'string') volume.description = input.description
    volume.updated_at = isoMicros(ctx.cloud.clock.now())
    return json(200, { volume: volumeView(ctx, volume) })
  }),
  route('DELETE', '/volumes/:id', (ctx) => {
    const volume = volumeOr404(ctx)
    if (
      !['available', 'error', 'error_restoring', 'error_extending', 'error_managing'].includes(volume.status)
    ) {
      throw badRequest(
        'Invalid volume: Volume status must be available or error or error_restoring or error_extending or error_managing and must not be migrating, attached, belong to a group, have snapshots or be disassociated from snapshots after volume transfer.',
      )
    }
    ctx.cloud.state.blockStorage.volumes.delete(volume.id)
    return empty(202)
  }),
  route('POST', '/volumes/:id/action', (ctx) => {
    const volume = volumeOr404(ctx)
    const body = (ctx.body ?? {}) as Record<string, { new_size?: number } | undefined>
    if (body['os-extend']) {
      const size = Number(body['os-extend'].new_size)
      if (!(size > volume.size))
        throw badRequest(
          `Invalid input received: New size for extend must be greater than current size. (current: ${volume.size}, extended: ${size}).`,
        )
      volume.size = size
      return empty(202)
    }
    throw badRequest(`There is no such action: ${Object.keys(body)[0]}`)
  }),
]
