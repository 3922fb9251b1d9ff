import { paginate, type Session } from '@magnum-ts/auth'
import { type CallOptions, compact, withSignal } from '../common/options.js'
import {
  getFollowingRedirect,
  lookupPath,
  resolveStack,
  type StackIdentity,
  type StackRef,
  stackPath,
} from '../common/stack-ref.js'
import { stackFields } from './body.js'
import type {
  CreatedStack,
  CreateStackInput,
  ListStacksOptions,
  Stack,
  StackSummary,
  UpdateStackInput,
} from './types.js'

const SERVICE = 'orchestration'

/** Creates a stack (`POST /stacks`); resolves once Heat accepted it, not when it is built. */
export async function createStack(
  session: Session,
  input: CreateStackInput,
  options?: CallOptions,
): Promise<CreatedStack> {
  if (input.template === undefined && input.templateUrl === undefined) {
    throw new TypeError('createStack: give `template` (a HOT object or YAML text) or `templateUrl`')
  }
  const res = await session.request<{ stack: { id: string; links: CreatedStack['links'] } }>(
    SERVICE,
    'POST',
    '/stacks',
    { body: { stack_name: input.name, ...stackFields(input) }, ...withSignal(options) },
  )
  return { id: res.body.stack.id, name: input.name, links: res.body.stack.links }
}

export interface GetStackOptions extends CallOptions {
  /** `false` skips resolving outputs, which is much cheaper on big stacks. Heat's default is true. */
  resolveOutputs?: boolean
}

/** One stack by name, id, or `{ name, id }` (`GET /stacks/{name}/{id}`, following Heat's redirect). */
export async function getStack(session: Session, ref: StackRef, options?: GetStackOptions): Promise<Stack> {
  const body = await getFollowingRedirect<{ stack: Stack }>(session, lookupPath(ref), {
    ...(options?.resolveOutputs === undefined ? {} : { query: { resolve_outputs: options.resolveOutputs } }),
    signal: options?.signal,
  })
  return body.stack
}

/** `{ name, id }` of a stack given by either (one GET for a string). */
export function stackIdentity(
  session: Session,
  ref: StackRef,
  options?: CallOptions,
): Promise<StackIdentity> {
  return resolveStack(session, ref, options?.signal)
}

/** Every stack matching the filters, page after page (`GET /stacks`, following `links` rel=next). */
export function listStacks(session: Session, options: ListStacksOptions = {}): AsyncGenerator<StackSummary> {
  const join = (v: string[] | undefined) => (v === undefined ? undefined : v.join(','))
  // Heat (seen on Zed) answers `tags` combined with id/name/status/action with an empty list
  // or a 500, so with `tags` those filters are applied here instead.
  const local =
    options.tags !== undefined &&
    [options.ids, options.name, options.status, options.action].some((f) => f !== undefined)
  const query = compact({
    id: local ? undefined : options.ids,
    stack_name: local ? undefined : options.name,
    status: local ? undefined : options.status,
    action: local ? undefined : options.action,
    tags: join(options.tags),
    tags_any: join(options.tagsAny),
    not_tags: join(options.notTags),
    not_tags_any: join(options.notTagsAny),
    global_tenant: options.globalTenant,
    show_nested: options.showNested,
    show_deleted: options.showDeleted,
    show_hidden: options.showHidden,
    limit: options.limit,
    marker: options.marker,
    sort_keys: options.sortKeys,
    sort_dir: options.sortDir,
  })
  const pages = paginate<StackSummary>(session, SERVICE, '/stacks', {
    itemsKey: 'stacks',
    query,
    ...withSignal(options),
  })
  return local ? filterStacks(pages, options) : pages
}

const list = (v: string | string[] | undefined) =>
  v === undefined ? undefined : typeof v === 'string' ? [v] : v

/** Heat's own matching of id, stack_name, status (full or state only) and action, done locally. */
async function* filterStacks(
  stacks: AsyncGenerator<StackSummary>,
  options: ListStacksOptions,
): AsyncGenerator<StackSummary> {
  const names = list(options.name)
  const statuses = list(options.status)
  const actions = list(options.action)
  for await (const stack of stacks) {
    if (options.ids && !options.ids.includes(stack.id)) continue
    if (names && !names.includes(stack.stack_name)) continue
    if (statuses && !statuses.some((v) => stack.stack_status === v || stack.stack_status.endsWith(`_${v}`)))
      continue
    if (actions && !actions.some((v) => stack.stack_status.startsWith(`${v}_`))) continue
    yield stack
  }
}

/**
 * Updates a stack: PUT (full update, `template` required) or, with `existing: true`, PATCH
 * (Heat's update-existing: what is not given is kept). Resolves when Heat accepted it (202).
 */
export async function updateStack(
  session: Session,
  ref: StackRef,
  input: UpdateStackInput,
  options?: CallOptions,
): Promise<void> {
  if (!input.existing && input.template === undefined && input.templateUrl === undefined) {
    throw new TypeError(
      'updateStack: a full update (PUT) needs `template` or `templateUrl`; pass `existing: true` to keep the current template',
    )
  }
  const identity = await resolveStack(session, ref, options?.signal)
  const body = stackFields(input)
  if (input.clearParameters !== undefined) body.clear_parameters = input.clearParameters
  if (input.converge !== undefined) body.converge = input.converge
  await session.request(SERVICE, input.existing ? 'PATCH' : 'PUT', stackPath(identity), {
    body,
    ...withSignal(options),
  })
}

/** Deletes a stack (`DELETE /stacks/{name}/{id}`); resolves when Heat accepted it. */
export async function deleteStack(session: Session, ref: StackRef, options?: CallOptions): Promise<void> {
  const identity = await resolveStack(session, ref, options?.signal)
  await session.request(SERVICE, 'DELETE', stackPath(identity), {
    ...withSignal(options),
  })
}

/** A stack with the resources Heat would create, without creating anything (`POST /stacks/preview`). */
export async function previewStack(
  session: Session,
  input: CreateStackInput,
  options?: CallOptions,
): Promise<Stack & { resources: Record<string, unknown>[] }> {
  const res = await session.request<{ stack: Stack & { resources: Record<string, unknown>[] } }>(
    SERVICE,
    'POST',
    '/stacks/preview',
    {
      body: { stack_name: input.name, ...stackFields(input) },
      ...withSignal(options),
    },
  )
  return res.body.stack
}
