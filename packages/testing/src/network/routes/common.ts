import { isAdmin } from '../../identity/validate.js'
import { ApiError, badRequest } from '../../server/api-error.js'
import { pageLinks, paginate } from '../../server/pagination.js'
import { json, type Reply } from '../../server/reply.js'
import type { RouteContext } from '../../server/service.js'
import type { Stamp } from '../ops.js'

const reserved = new Set(['limit', 'marker', 'fields', 'sort_key', 'sort_dir', 'page_reverse'])

/** The caller's project and the clock, for objects the request creates. */
export function stampOf(ctx: RouteContext, body?: Record<string, unknown>): Stamp {
  const asked =
    typeof body?.project_id === 'string'
      ? body.project_id
      : typeof body?.tenant_id === 'string'
        ? body.tenant_id
        : undefined
  if (asked && asked !== ctx.auth?.projectId && !isAdmin(ctx.auth)) {
    throw new ApiError(
      403,
      'Specifying a project other than your own requires the admin role.',
      'HTTPForbidden',
    )
  }
  return { now: ctx.cloud.clock.now(), projectId: asked ?? ctx.auth?.projectId ?? '' }
}

/** The object under `key` in a Neutron request body, or Neutron's 400. */
export function resourceBody(ctx: RouteContext, key: string): Record<string, unknown> {
  const value = (ctx.body as Record<string, unknown> | undefined)?.[key]
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw badRequest(`Resource body required: expected a '${key}' object.`, 'HTTPBadRequest')
  }
  return value as Record<string, unknown>
}

/** True when the caller may see an object of that project (its own, or any for admin). */
export function visible(ctx: RouteContext, item: { project_id: string }): boolean {
  return isAdmin(ctx.auth) || item.project_id === ctx.auth?.projectId
}

function matchesFilter(item: Record<string, unknown>, key: string, wanted: string[]): boolean {
  if (key === 'fixed_ips') {
    const ips = (item.fixed_ips as { subnet_id: string; ip_address: string }[] | undefined) ?? []
    return wanted.every((w) => {
      const [field, value] = w.split('=')
      return ips.some((ip) => (ip as Record<string, string>)[field ?? ''] === value)
    })
  }
  if (key === 'tags') return wanted.every((w) => ((item.tags as string[]) ?? []).includes(w))
  if (!(key in item)) return true
  const actual = item[key]
  if (Array.isArray(actual)) return wanted.some((w) => actual.includes(w))
  return wanted.includes(String(actual))
}

/** Neutron's list: equality filters on any field, `fields`, `limit`/`marker` and `<key>_links`. */
export function neutronList<T extends { id: string }>(ctx: RouteContext, key: string, items: T[]): Reply {
  let result = items
  const keys = new Set([...ctx.query.keys()].filter((k) => !reserved.has(k)))
  for (const k of keys) {
    const wanted = ctx.query.getAll(k)
    result = result.filter((item) => matchesFilter(item as Record<string, unknown>, k, wanted))
  }
  if (ctx.query.get('page_reverse') === 'true') result = [...result].reverse()
  const page = paginate(result, ctx.query)
  const fields = ctx.query.getAll('fields')
  const shaped = fields.length > 0 ? page.items.map((i) => pick(i, fields)) : page.items
  return json(200, { [key]: shaped, ...pageLinks(key, ctx.url, page) })
}

function pick(item: object, fields: string[]): Record<string, unknown> {
  const source = item as Record<string, unknown>
  return Object.fromEntries(fields.filter((f) => f in source).map((f) => [f, source[f]]))
}

/** Copies the updatable fields of a PUT body onto a record and bumps its revision. */
export function applyUpdate(
  record: Record<string, unknown>,
  input: Record<string, unknown>,
  fields: string[],
  now: string,
) {
  for (const f of fields) if (f in input) record[f] = input[f]
  record.updated_at = now
  record.revision_number = Number(record.revision_number ?? 0) + 1
}
