import { isAdmin } from '../../identity/validate.js'
import { badRequest, notFound } from '../../server/api-error.js'
import { atLeast } from '../../server/microversion.js'
import { empty, json } from '../../server/reply.js'
import { type Route, type RouteContext, route } from '../../server/service.js'
import { createServerGroup } from '../ops.js'
import { novaVersion } from '../version.js'
import { serverGroupView } from '../views.js'

function groupOr404(ctx: RouteContext) {
  const group = ctx.cloud.state.compute.serverGroups.get(ctx.params.id ?? '')
  if (!group || (!isAdmin(ctx.auth) && group.project_id !== ctx.auth?.projectId)) {
    throw notFound(`Instance group ${ctx.params.id} could not be found.`)
  }
  return group
}

/** Server groups, availability zones and limits. */
export const miscRoutes: Route[] = [
  route('GET', '/os-server-groups', (ctx) => {
    const version = novaVersion(ctx)
    const groups = [...ctx.cloud.state.compute.serverGroups.values()].filter(
      (g) => g.project_id === ctx.auth?.projectId,
    )
    return json(200, { server_groups: groups.map((g) => serverGroupView(g, version)) })
  }),
  route('POST', '/os-server-groups', (ctx) => {
    const version = novaVersion(ctx)
    const input = (ctx.body as { server_group?: Record<string, unknown> } | undefined)?.server_group
    if (!input || typeof input.name !== 'string') {
      throw badRequest("Invalid input for field/attribute server_group. 'name' is a required property")
    }
    const policy = atLeast(version, '2.64') ? input.policy : (input.policies as string[] | undefined)?.[0]
    if (typeof policy !== 'string') {
      throw badRequest(
        `Invalid input for field/attribute server_group. '${atLeast(version, '2.64') ? 'policy' : 'policies'}' is a required property`,
      )
    }
    const group = createServerGroup(ctx.cloud.state, {
      name: input.name,
      policy,
      projectId: ctx.auth?.projectId ?? '',
      userId: ctx.auth?.userId ?? '',
      ...(input.rules ? { rules: input.rules as Record<string, unknown> } : {}),
    })
    return json(200, { server_group: serverGroupView(group, version) })
  }),
  route('GET', '/os-server-groups/:id', (ctx) =>
    json(200, { server_group: serverGroupView(groupOr404(ctx), novaVersion(ctx)) }),
  ),
  route('DELETE', '/os-server-groups/:id', (ctx) => {
    ctx.cloud.state.compute.serverGroups.delete(groupOr404(ctx).id)
    return empty(204)
  }),
  route('GET', '/os-availability-zone', (ctx) =>
    json(200, {
      availabilityZoneInfo: ctx.cloud.state.compute.availabilityZones.map((zoneName) => ({
        zoneName,
        zoneState: { available: true },
        hosts: null,
      })),
    }),
  ),
  route('GET', '/limits', (ctx) => {
    const s = ctx.cloud.state
    const projectId = ctx.auth?.projectId
    const servers = [...s.compute.servers.values()].filter((x) => x.tenant_id === projectId)
    let cores = 0
    let ram = 0
    for (const server of servers) {
      const flavor = s.compute.flavors.get(server.flavorId)
      cores += flavor?.vcpus ?? 0
      ram += flavor?.ram ?? 0
    }
    const groups = [...s.compute.serverGroups.values()].filter((g) => g.project_id === projectId).length
    const l = s.compute.limits
    return json(200, {
      limits: {
        rate: [],
        absolute: {
          maxTotalInstances: l.maxTotalInstances,
          totalInstancesUsed: servers.length,
          maxTotalCores: l.maxTotalCores,
          totalCoresUsed: cores,
          maxTotalRAMSize: l.maxTotalRAMSize,
          totalRAMUsed: ram,
          maxTotalKeypairs: l.maxTotalKeypairs,
          maxServerGroups: l.maxServerGroups,
          totalServerGroupsUsed: groups,
          maxServerGroupMembers: l.maxServerGroupMembers,
          maxServerMeta: 128,
          maxImageMeta: 128,
          maxPersonality: 5,
          maxPersonalitySize: 10240,
        },
      },
    })
  }),
]
