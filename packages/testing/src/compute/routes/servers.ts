import { attachVolume, detachVolume } from '../../block-storage/ops.js'
import { isAdmin } from '../../identity/validate.js'
import { badRequest, conflict, notFound } from '../../server/api-error.js'
import { atLeast, type Version } from '../../server/microversion.js'
import { pageLinks, paginate } from '../../server/pagination.js'
import { empty, json } from '../../server/reply.js'
import { type Route, type RouteContext, route } from '../../server/service.js'
import { isoSeconds } from '../../server/time.js'
import { createServer, deleteServer, type ServerInput, settleServer } from '../ops.js'
import type { ServerRecord } from '../state.js'
import { novaVersion } from '../version.js'
import { serverView } from '../views.js'

/** A server the caller may see, settled on the clock, or Nova's 404. */
export function serverOr404(ctx: RouteContext): ServerRecord {
  const server = ctx.cloud.state.compute.servers.get(ctx.params.id ?? '')
  if (!server || (!isAdmin(ctx.auth) && server.tenant_id !== ctx.auth?.projectId)) {
    throw notFound(`Instance ${ctx.params.id} could not be found.`)
  }
  settleServer(server, ctx.cloud.clock.now())
  return server
}

function listServers(ctx: RouteContext, detail: boolean) {
  const version = novaVersion(ctx)
  const now = ctx.cloud.clock.now()
  const allTenants = isAdmin(ctx.auth) && ['1', 'true', 'True'].includes(ctx.query.get('all_tenants') ?? '')
  let servers = [...ctx.cloud.state.compute.servers.values()].filter(
    (x) => allTenants || x.tenant_id === ctx.auth?.projectId,
  )
  for (const x of servers) settleServer(x, now)
  const name = ctx.query.get('name')
  // Nova's name filter is a regular expression, not an equality.
  if (name) servers = servers.filter((x) => new RegExp(name).test(x.name))
  const status = ctx.query.get('status')
  if (status) servers = servers.filter((x) => x.status === status.toUpperCase())
  const page = paginate(servers, ctx.query)
  const items = page.items.map((x) =>
    detail
      ? serverView(ctx, x, version)
      : { id: x.id, name: x.name, links: serverView(ctx, x, version).links },
  )
  return json(200, { servers: items, ...pageLinks('servers', ctx.url, page) })
}

function serverInput(body: unknown, version: Version): ServerInput {
  const input = (body as { server?: Record<string, unknown> } | undefined)?.server
  if (!input) throw badRequest("Invalid input for field/attribute server. 'server' is a required property")
  if (typeof input.name !== 'string' || input.name === '') {
    throw badRequest("Invalid input for field/attribute server. 'name' is a required property")
  }
  if (typeof input.flavorRef !== 'string' && typeof input.flavorRef !== 'number') {
    throw badRequest("Invalid input for field/attribute server. 'flavorRef' is a required property")
  }
  // From 2.37 Nova wants an explicit choice: a list, 'auto' or 'none'.
  if (atLeast(version, '2.37') && input.networks === undefined) {
    throw badRequest("Invalid input for field/attribute server. 'networks' is a required property")
  }
  if (typeof input.networks === 'string' && !['auto', 'none'].includes(input.networks)) {
    throw badRequest(
      `Invalid input for field/attribute networks. Value: ${input.networks}. '${input.networks}' is not one of ['auto', 'none']`,
    )
  }
  const hints = (body as Record<string, Record<string, unknown> | undefined>)['os:scheduler_hints']
  const groups = input.security_groups as { name: string }[] | undefined
  return {
    name: input.name,
    // Either an id or a link to one (`http://…/flavors/2`), as Nova accepts.
    flavorRef: lastSegment(String(input.flavorRef)),
    ...(typeof input.imageRef === 'string' && input.imageRef
      ? { imageRef: lastSegment(input.imageRef) }
      : {}),
    ...(typeof input.key_name === 'string' ? { keyName: input.key_name } : {}),
    ...(input.networks !== undefined ? { networks: input.networks as ServerInput['networks'] & object } : {}),
    ...(groups ? { securityGroups: groups.map((g) => g.name) } : {}),
    ...(input.metadata ? { metadata: input.metadata as Record<string, string> } : {}),
    ...(typeof input.availability_zone === 'string' ? { availabilityZone: input.availability_zone } : {}),
    ...(typeof hints?.group === 'string' ? { serverGroupId: hints.group } : {}),
    ...(typeof input.user_data === 'string' ? { userData: input.user_data } : {}),
    ...(input.config_drive === true ? { configDrive: true } : {}),
    ...(Array.isArray(input.block_device_mapping_v2)
      ? { blockDevices: input.block_device_mapping_v2 as ServerInput['blockDevices'] & object }
      : {}),
  }
}

function lastSegment(ref: string): string {
  return ref.split('/').filter(Boolean).pop() ?? ref
}

/** Servers: create, list, show, update, delete, actions and volume attachments. */
export const serverRoutes: Route[] = [
  route('GET', '/servers', (ctx) => listServers(ctx, false)),
  route('GET', '/servers/detail', (ctx) => listServers(ctx, true)),
  route('POST', '/servers', (ctx) => {
    const input = serverInput(ctx.body, novaVersion(ctx))
    const now = ctx.cloud.clock.now()
    const server = createServer(
      ctx.cloud.state,
      {
        now,
        projectId: ctx.auth?.projectId ?? '',
        userId: ctx.auth?.userId ?? '',
        readyAt: now + ctx.cloud.settings.buildSeconds * 1000,
      },
      input,
    )
    const view = serverView(ctx, server, novaVersion(ctx))
    return json(
      202,
      {
        server: {
          id: server.id,
          links: view.links,
          'OS-DCF:diskConfig': 'MANUAL',
          security_groups: server.security_groups,
          adminPass: 'fake-admin-pass',
        },
      },
      { Location: `${ctx.serviceUrl}/servers/${server.id}` },
    )
  }),
  route('GET', '/servers/:id', (ctx) =>
    json(200, { server: serverView(ctx, serverOr404(ctx), novaVersion(ctx)) }),
  ),
  route('PUT', '/servers/:id', (ctx) => {
    const server = serverOr404(ctx)
    const input = (ctx.body as { server?: { name?: string } } | undefined)?.server ?? {}
    if (typeof input.name === 'string') server.name = input.name
    server.updated = isoSeconds(ctx.cloud.clock.now())
    return json(200, { server: serverView(ctx, server, novaVersion(ctx)) })
  }),
  route('DELETE', '/servers/:id', (ctx) => {
    deleteServer(ctx.cloud.state, serverOr404(ctx).id)
    return empty(204)
  }),
  route('POST', '/servers/:id/action', (ctx) => {
    const server = serverOr404(ctx)
    const action = Object.keys((ctx.body ?? {}) as object)[0]
    switch (action) {
      case 'os-stop':
        if (server.status !== 'ACTIVE')
          throw conflict(
            `Cannot 'stop' instance ${server.id} while it is in vm_state ${server.status.toLowerCase()}`,
          )
        server.status = 'SHUTOFF'
        break
      case 'os-start':
        if (server.status !== 'SHUTOFF')
          throw conflict(
            `Cannot 'start' instance ${server.id} while it is in vm_state ${server.status.toLowerCase()}`,
          )
        server.status = 'ACTIVE'
        break
      case 'reboot':
      case 'rebuild':
        break
      default:
        throw badRequest(`There is no such action: ${action}`)
    }
    return empty(202)
  }),
  route('GET', '/servers/:id/os-volume_attachments', (ctx) => {
    const server = serverOr404(ctx)
    const volumes = ctx.cloud.state.blockStorage.volumes
    const attachments = server.volumeIds.map((volumeId) => {
      const attachment = volumes.get(volumeId)?.attachments.find((a) => a.server_id === server.id)
      return { id: volumeId, volumeId, serverId: server.id, device: attachment?.device ?? null }
    })
    return json(200, { volumeAttachments: attachments })
  }),
  route('POST', '/servers/:id/os-volume_attachments', (ctx) => {
    const server = serverOr404(ctx)
    const input = (ctx.body as { volumeAttachment?: { volumeId?: string; device?: string } } | undefined)
      ?.volumeAttachment
    if (!input?.volumeId)
      throw badRequest(
        "Invalid input for field/attribute volumeAttachment. 'volumeId' is a required property",
      )
    if (server.volumeIds.includes(input.volumeId))
      throw conflict(`Volume ${input.volumeId} is already attached.`)
    const attachment = attachVolume(
      ctx.cloud.state.blockStorage,
      input.volumeId,
      server.id,
      ctx.cloud.clock.now(),
      input.device,
    )
    server.volumeIds.push(input.volumeId)
    return json(200, {
      volumeAttachment: {
        id: input.volumeId,
        volumeId: input.volumeId,
        serverId: server.id,
        device: attachment.device,
      },
    })
  }),
  route('DELETE', '/servers/:id/os-volume_attachments/:volumeId', (ctx) => {
    const server = serverOr404(ctx)
    const volumeId = ctx.params.volumeId ?? ''
    if (!server.volumeIds.includes(volumeId)) {
      throw notFound(`volume_id not found: ${volumeId}`)
    }
    detachVolume(ctx.cloud.state.blockStorage, volumeId, server.id)
    server.volumeIds = server.volumeIds.filter((v) => v !== volumeId)
    return empty(202)
  }),
]
