import { notFound } from '../server/api-error.js'
import { json, type Reply } from '../server/reply.js'
import { type Route, type RouteContext, route } from '../server/service.js'
import { attributeOf, type HeatRuntime } from './engine.js'
import { validationFailed } from './errors.js'
import { bodyOf, stackByIdentity } from './request.js'
import type { ResourceRecord, StackRecord } from './state.js'
import { eventView, resourceView } from './views.js'

/** A stack and the nested ones below it, down to `depth`, each with the resource that holds it. */
function withNested(
  h: HeatRuntime,
  stack: StackRecord,
  depth: number,
): { stack: StackRecord; parentResource?: string }[] {
  const out: { stack: StackRecord; parentResource?: string }[] = [{ stack }]
  const walk = (s: StackRecord, level: number) => {
    if (level >= depth) return
    for (const r of s.resources.values()) {
      const child = r.nestedStackId ? h.state.orchestration.stacks.get(r.nestedStackId) : undefined
      if (!child || child.deletedAt !== null) continue
      out.push({ stack: child, parentResource: r.name })
      walk(child, level + 1)
    }
  }
  walk(stack, 0)
  return out
}

function depthOf(ctx: RouteContext): number {
  const text = ctx.query.get('nested_depth')
  if (text === null) return 0
  const n = Number(text)
  if (!Number.isInteger(n) || n < 0) throw validationFailed(`Invalid nested_depth: ${text}`)
  return n
}

function resourceOr404(stack: StackRecord, name: string): ResourceRecord {
  const r = stack.resources.get(name)
  if (!r)
    throw notFound(`The Resource (${name}) could not be found in Stack ${stack.name}.`, 'EntityNotFound')
  return r
}

function filterBy(ctx: RouteContext, key: string, actual: string): boolean {
  const wanted = ctx.query.getAll(key).flatMap((v) => v.split(','))
  return wanted.length === 0 || wanted.includes(actual)
}

function attributesOf(h: HeatRuntime, stack: StackRecord, r: ResourceRecord, names: string[]) {
  const out: Record<string, unknown> = {}
  for (const n of names) out[n] = attributeOf(h, stack, r.name, n, [])
  return out
}

const COMMON_ATTRIBUTES: Record<string, string[]> = {
  'OS::Nova::Server': ['first_address', 'networks', 'addresses', 'name'],
  'OS::Heat::RandomString': ['value'],
  'OS::Heat::Value': ['value'],
  'OS::Heat::ResourceGroup': ['refs'],
  'OS::Neutron::FloatingIP': ['floating_ip_address'],
  'OS::Octavia::LoadBalancer': ['vip_address', 'vip_port_id'],
}

function eventsReply(h: HeatRuntime, ctx: RouteContext, stack: StackRecord, onlyResource?: string): Reply {
  const depth = depthOf(ctx)
  let events = withNested(h, stack, depth).flatMap(({ stack: s }) => s.events.map((e) => ({ e, s })))
  events = events.filter(
    ({ e }) =>
      (onlyResource === undefined || (e.resourceName === onlyResource && e.stackId === stack.id)) &&
      filterBy(ctx, 'resource_name', e.resourceName) &&
      (ctx.query.getAll('resource_status').length === 0 ||
        ctx.query.getAll('resource_status').some((v) => e.status === v || e.status.endsWith(`_${v}`))) &&
      (ctx.query.getAll('resource_action').length === 0 ||
        ctx.query.getAll('resource_action').some((v) => e.status.startsWith(`${v}_`))) &&
      filterBy(ctx, 'resource_type', e.type),
  )
  events.sort((a, b) => a.e.time - b.e.time || a.e.seq - b.e.seq)
  if (ctx.query.get('sort_dir') !== 'asc') events.reverse()
  const marker = ctx.query.get('marker')
  if (marker) {
    const index = events.findIndex(({ e }) => e.id === marker)
    // Heat ignores a marker it does not know.
    if (index >= 0) events = events.slice(index + 1)
  }
  const limit = ctx.query.get('limit')
  if (limit !== null) events = events.slice(0, Number(limit))
  return json(200, { events: events.map(({ e, s }) => eventView(ctx.serviceUrl, s, stack, e)) })
}

/** Resources, events, signals and health marks of a stack. */
export function resourceRoutes(h: HeatRuntime): Route[] {
  return [
    route('GET', '/stacks/:name/:id/resources', (ctx) => {
      const stack = stackByIdentity(h, ctx)
      const detail = ['true', '1', 'True'].includes(ctx.query.get('with_detail') ?? '')
      const resources = withNested(h, stack, depthOf(ctx)).flatMap(({ stack: s, parentResource }) =>
        [...s.resources.values()]
          .filter((r) => r.action !== 'INIT' || !!s.operation)
          .map((r) => ({ r, s, parentResource })),
      )
      const items = resources
        .filter(
          ({ r }) =>
            filterBy(ctx, 'name', r.name) &&
            filterBy(ctx, 'type', r.type) &&
            filterBy(ctx, 'action', r.action) &&
            (ctx.query.getAll('status').length === 0 ||
              ctx.query.getAll('status').some((v) => `${r.action}_${r.status}` === v || r.status === v)) &&
            filterBy(ctx, 'id', r.physicalId),
        )
        .map(({ r, s, parentResource }) => ({
          ...resourceView(h, ctx.serviceUrl, s, r, s === stack ? undefined : parentResource),
          ...(detail ? { attributes: attributesOf(h, s, r, COMMON_ATTRIBUTES[r.implementation] ?? []) } : {}),
        }))
      return json(200, { resources: items })
    }),
    route('GET', '/stacks/:name/:id/resources/:resource', (ctx) => {
      const stack = stackByIdentity(h, ctx)
      const r = resourceOr404(stack, ctx.params.resource ?? '')
      const wanted = ctx.query.getAll('with_attr')
      const names = [...new Set([...(COMMON_ATTRIBUTES[r.implementation] ?? []), ...wanted])]
      return json(200, {
        resource: {
          ...resourceView(h, ctx.serviceUrl, stack, r),
          attributes: attributesOf(h, stack, r, names),
          description: '',
          metadata: r.definition.metadata ?? {},
        },
      })
    }),
    route('PATCH', '/stacks/:name/:id/resources/:resource', (ctx) => {
      const stack = stackByIdentity(h, ctx)
      const r = resourceOr404(stack, ctx.params.resource ?? '')
      const body = bodyOf(ctx)
      if (typeof body.mark_unhealthy !== 'boolean')
        throw validationFailed('"mark_unhealthy" must be true or false')
      const reason = typeof body.resource_status_reason === 'string' ? body.resource_status_reason : ''
      if (body.mark_unhealthy) Object.assign(r, { action: 'CHECK', status: 'FAILED', statusReason: reason })
      else if (r.action === 'CHECK' && r.status === 'FAILED')
        Object.assign(r, { status: 'COMPLETE', statusReason: reason })
      return json(200, null)
    }),
    route('POST', '/stacks/:name/:id/resources/:resource/signal', (ctx) => {
      const stack = stackByIdentity(h, ctx)
      const r = resourceOr404(stack, ctx.params.resource ?? '')
      const data = (ctx.body ?? {}) as Record<string, unknown>
      r.signals.push({ id: typeof data.id === 'string' ? data.id : String(r.signals.length + 1), ...data })
      return json(200, null)
    }),
    route('GET', '/stacks/:name/:id/resources/:resource/events', (ctx) =>
      eventsReply(h, ctx, stackByIdentity(h, ctx), ctx.params.resource),
    ),
    route('GET', '/stacks/:name/:id/events', (ctx) => eventsReply(h, ctx, stackByIdentity(h, ctx))),
  ]
}
