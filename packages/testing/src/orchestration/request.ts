import type { HotEnvironment, HotTemplate } from '@magnum-ts/orchestration'
import { dumpTemplate } from '@magnum-ts/orchestration'
import { badRequest, notFound } from '../server/api-error.js'
import type { RouteContext } from '../server/service.js'
import type { HeatRuntime } from './engine.js'
import { readTemplate, settleAll } from './engine.js'
import { requestEnvironment } from './environment.js'
import { validationFailed } from './errors.js'
import type { StackRecord } from './state.js'

/** The JSON body as a map, or Heat's 400. */
export function bodyOf(ctx: RouteContext): Record<string, unknown> {
  const body = ctx.body
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw badRequest('The request body must be a JSON object')
  return body as Record<string, unknown>
}

/** `files` as text: a HOT object sent as JSON is read back as a template. */
export function filesOf(value: unknown): Record<string, string> {
  if (value === undefined || value === null) return {}
  if (typeof value !== 'object' || Array.isArray(value))
    throw validationFailed('"files" must be a map of name to content')
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, typeof v === 'string' ? v : dumpTemplate(v as HotTemplate)]),
  )
}

/** Template, files and environment of a create, update or validate body. */
export function templateOf(
  body: Record<string, unknown>,
  previous?: StackRecord,
): { template: HotTemplate; files: Record<string, string>; environment: HotEnvironment } {
  if (body.template_url !== undefined && body.template === undefined)
    throw validationFailed('The fake Heat cannot fetch template_url; send the template itself')
  const files = { ...(previous?.files ?? {}), ...filesOf(body.files) }
  const template = body.template === undefined && previous ? previous.template : readTemplate(body.template)
  const given = body.environment !== undefined || body.environment_files !== undefined
  const environment =
    given || !previous
      ? requestEnvironment(files, body.environment_files, body.environment)
      : previous.environment
  return { template, files, environment }
}

/** Heat takes tags as a comma-separated string (or a list). */
export function tagsOf(value: unknown): string[] | null | undefined {
  if (value === undefined) return undefined
  if (value === null || value === '') return null
  return (Array.isArray(value) ? value.map(String) : String(value).split(','))
    .map((t) => t.trim())
    .filter(Boolean)
}

/** The project's stacks (deleted ones excluded unless asked). */
export function projectStacks(
  h: HeatRuntime,
  ctx: RouteContext,
  options: { deleted?: boolean } = {},
): StackRecord[] {
  settleAll(h, ctx.cloud.clock.now())
  return [...h.state.orchestration.stacks.values()].filter(
    (s) => s.projectId === ctx.auth?.projectId && (options.deleted || s.deletedAt === null),
  )
}

const stackNotFound = (ref: string) => notFound(`The Stack (${ref}) could not be found.`, 'EntityNotFound')

/** A live stack by name or id (Heat's `/stacks/{ref}` lookup). */
export function stackByRef(h: HeatRuntime, ctx: RouteContext, ref: string): StackRecord {
  const stacks = projectStacks(h, ctx)
  const found = stacks.find((s) => s.id === ref) ?? stacks.find((s) => s.name === ref)
  if (!found) throw stackNotFound(ref)
  return found
}

/** A stack by `{name}/{id}`: found by id (deleted ones too), the name must match. */
export function stackByIdentity(h: HeatRuntime, ctx: RouteContext): StackRecord {
  const { name = '', id = '' } = ctx.params
  const stack = projectStacks(h, ctx, { deleted: true }).find((s) => s.id === id)
  if (!stack || (stack.name !== name && stack.id !== name)) throw stackNotFound(`${name}/${id}`)
  return stack
}
