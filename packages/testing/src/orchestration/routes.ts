import { ApiError, conflict, notFound } from '../server/api-error.js'
import { empty, json, type Reply } from '../server/reply.js'
import { type Route, type RouteContext, route } from '../server/service.js'
import type { HeatRuntime } from './engine.js'
import { createStackRecord, outputsOf, settle, startDelete, startUpdate } from './engine.js'
import { validationFailed } from './errors.js'
import { bodyOf, projectStacks, stackByIdentity, stackByRef, tagsOf, templateOf } from './request.js'
import { resourceRoutes } from './resource-routes.js'
import { validateRoute } from './validate.js'
import { stackDetail, stackHref, stackSummary } from './views.js'

const NAME = /^[a-zA-Z][a-zA-Z0-9_.-]{0,254}$/

function redirect(ctx: RouteContext, h: HeatRuntime, suffix: string): Reply {
  const stack = stackByRef(h, ctx, ctx.params.name ?? '')
  const location = `${stackHref(ctx.serviceUrl, stack)}${suffix}${ctx.url.search}`
  return {
    status: 302,
    headers: { Location: location, 'content-type': 'text/html; charset=UTF-8' },
    body: `<html><body>302 Found: ${location}</body></html>`,
  }
}

function matches(values: string[], actual: string): boolean {
  return values.length === 0 || values.some((v) => v === actual)
}

function listStacksRoute(h: HeatRuntime) {
  return (ctx: RouteContext): Reply => {
    const q = ctx.query
    const multi = (key: string) => q.getAll(key).flatMap((v) => v.split(','))
    const truthy = (key: string) => ['true', '1', 'True'].includes(q.get(key) ?? '')
    let stacks = projectStacks(h, ctx, { deleted: truthy('show_deleted') })
    if (!truthy('show_nested')) stacks = stacks.filter((s) => !s.parentId)
    const ids = multi('id')
    const names = multi('stack_name').concat(multi('name'))
    const statuses = multi('status')
    const actions = multi('action')
    stacks = stacks.filter(
      (s) =>
        matches(ids, s.id) &&
        matches(names, s.name) &&
        (statuses.length === 0 || statuses.some((v) => v === `${s.action}_${s.status}` || v === s.status)) &&
        matches(actions, s.action),
    )
    const tags = (s: { tags: string[] | null }) => s.tags ?? []
    const all = multi('tags')
    const any = multi('tags_any')
    const notAll = multi('not_tags')
    const notAny = multi('not_tags_any')
    stacks = stacks.filter(
      (s) =>
        all.every((t) => tags(s).includes(t)) &&
        (any.length === 0 || any.some((t) => tags(s).includes(t))) &&
        (notAll.length === 0 || !notAll.every((t) => tags(s).includes(t))) &&
        !notAny.some((t) => tags(s).includes(t)),
    )
    const key = (q.get('sort_keys') ?? 'creation_time').split(',')[0] as string
    const dir = q.get('sort_dir') === 'asc' ? 1 : -1
    const value = (s: (typeof stacks)[number]) =>
      key === 'stack_name'
        ? s.name
        : key === 'stack_status'
          ? `${s.action}_${s.status}`
          : key === 'updated_time'
            ? (s.updatedAt ?? 0)
            : s.createdAt
    stacks.sort((a, b) => (value(a) < value(b) ? -dir : value(a) > value(b) ? dir : 0))
    const marker = q.get('marker')
    if (marker) {
      const index = stacks.findIndex((s) => s.id === marker)
      if (index < 0) throw notFound(`The Stack (${marker}) could not be found.`, 'EntityNotFound')
      stacks = stacks.slice(index + 1)
    }
    const limitText = q.get('limit')
    const limit = limitText === null ? undefined : Number(limitText)
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 0))
      throw validationFailed(`Invalid limit: ${limitText}`)
    const page = limit === undefined ? stacks : stacks.slice(0, limit)
    const body: Record<string, unknown> = { stacks: page.map((s) => stackSummary(h, ctx.serviceUrl, s)) }
    const last = page.at(-1)
    if (limit !== undefined && last && page.length === limit) {
      const next = new URL(ctx.url)
      next.searchParams.set('marker', last.id)
      body.links = [{ rel: 'next', href: `${ctx.serviceUrl}/stacks${next.search}` }]
    }
    return json(200, body)
  }
}

function createRoute(h: HeatRuntime) {
  return (ctx: RouteContext): Reply => {
    const body = bodyOf(ctx)
    const name = body.stack_name
    if (typeof name !== 'string' || !NAME.test(name))
      throw validationFailed(
        `Invalid stack name ${String(name)} must contain only alphanumeric or "_-." characters, must start with alpha and must be 255 characters or less.`,
      )
    if (projectStacks(h, ctx).some((s) => s.name === name))
      throw conflict(`The Stack (${name}) already exists.`, 'StackExists')
    const { template, files, environment } = templateOf(body)
    const now = ctx.cloud.clock.now()
    const stack = createStackRecord(
      h,
      {
        name,
        projectId: ctx.auth?.projectId ?? '',
        userId: ctx.auth?.userId ?? '',
        userName: ctx.cloud.state.identity.users.get(ctx.auth?.userId ?? '')?.name ?? '',
        template,
        files,
        environment,
        parameters: (body.parameters ?? {}) as Record<string, unknown>,
        tags: tagsOf(body.tags) ?? null,
        timeoutMins: body.timeout_mins === undefined ? null : Number(body.timeout_mins),
        // Heat's API default: no rollback.
        disableRollback: body.disable_rollback === undefined ? true : body.disable_rollback === true,
      },
      now,
    )
    settle(h, stack, now)
    return json(201, {
      stack: { id: stack.id, links: [{ href: stackHref(ctx.serviceUrl, stack), rel: 'self' }] },
    })
  }
}

function updateRoute(h: HeatRuntime, existing: boolean) {
  return (ctx: RouteContext): Reply => {
    const stack = stackByIdentity(h, ctx)
    if (stack.deletedAt !== null)
      throw notFound(`The Stack (${stack.name}) could not be found.`, 'EntityNotFound')
    const body = bodyOf(ctx)
    if (!existing && body.template === undefined && body.template_url === undefined)
      throw validationFailed('No template specified')
    const { template, files, environment } = templateOf(body, existing ? stack : undefined)
    let parameters = (body.parameters ?? {}) as Record<string, unknown>
    if (existing) {
      parameters = { ...stack.givenParameters, ...parameters }
      const clear = Array.isArray(body.clear_parameters) ? body.clear_parameters.map(String) : []
      for (const name of clear) delete parameters[name]
    }
    const now = ctx.cloud.clock.now()
    const tags = tagsOf(body.tags)
    startUpdate(
      h,
      stack,
      {
        template,
        files,
        environment,
        parameters,
        ...(tags === undefined ? {} : { tags }),
        ...(body.timeout_mins === undefined ? {} : { timeoutMins: Number(body.timeout_mins) }),
      },
      now,
    )
    if (body.disable_rollback !== undefined) stack.disableRollback = body.disable_rollback === true
    settle(h, stack, now)
    return empty(202)
  }
}

/** Heat's stack routes. */
export function heatRoutes(h: HeatRuntime): Route[] {
  return [
    route('POST', '/validate', validateRoute(h)),
    route('GET', '/stacks', listStacksRoute(h)),
    route('POST', '/stacks', createRoute(h)),
    route('GET', '/stacks/:name', (ctx) => redirect(ctx, h, '')),
    route('GET', '/stacks/:name/resources', (ctx) => redirect(ctx, h, '/resources')),
    route('GET', '/stacks/:name/events', (ctx) => redirect(ctx, h, '/events')),
    ...resourceRoutes(h),
    route('GET', '/stacks/:name/:id/outputs', (ctx) => {
      const stack = stackByIdentity(h, ctx)
      return json(200, {
        outputs: outputsOf(h, stack).map(({ output_key, description }) => ({ output_key, description })),
      })
    }),
    route('GET', '/stacks/:name/:id/outputs/:key', (ctx) => {
      const stack = stackByIdentity(h, ctx)
      const output = outputsOf(h, stack, [ctx.params.key ?? ''])[0]
      if (!output)
        throw notFound(`The Referenced Attribute (${stack.name} ${ctx.params.key}) is incorrect.`, 'NotFound')
      return json(200, { output })
    }),
    route('GET', '/stacks/:name/:id/template', (ctx) => json(200, stackByIdentity(h, ctx).template)),
    route('GET', '/stacks/:name/:id', (ctx) => {
      const stack = stackByIdentity(h, ctx)
      const resolve = !['false', '0', 'False'].includes(ctx.query.get('resolve_outputs') ?? '')
      return json(200, { stack: stackDetail(h, ctx.serviceUrl, stack, resolve) })
    }),
    route('PUT', '/stacks/:name/:id', updateRoute(h, false)),
    route('PATCH', '/stacks/:name/:id', updateRoute(h, true)),
    route('DELETE', '/stacks/:name/:id', (ctx) => {
      const stack = stackByIdentity(h, ctx)
      if (stack.deletedAt !== null)
        throw notFound(`The Stack (${stack.name}) could not be found.`, 'EntityNotFound')
      if (stack.parentId)
        throw new ApiError(400, 'Nested stacks are deleted with their parent', 'NotSupported')
      const now = ctx.cloud.clock.now()
      startDelete(h, stack, now)
      settle(h, stack, now)
      return empty(204)
    }),
  ]
}
