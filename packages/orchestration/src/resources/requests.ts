import type { Session } from '@magnum-ts/auth'
import { type CallOptions, compact, withSignal } from '../common/options.js'
import {
  getFollowingRedirect,
  lookupPath,
  resolveStack,
  type StackRef,
  stackPath,
} from '../common/stack-ref.js'
import type { ListResourcesOptions, StackResource } from './types.js'

const SERVICE = 'orchestration'

/** The resources of a stack, nested ones too with `nestedDepth` (`GET …/resources`). */
export async function listResources(
  session: Session,
  stack: StackRef,
  options: ListResourcesOptions = {},
): Promise<StackResource[]> {
  const query = compact({
    nested_depth: options.nestedDepth,
    with_detail: options.withDetail,
    name: options.name,
    status: options.status,
    action: options.action,
    type: options.type,
    id: options.id,
  })
  const body = await getFollowingRedirect<{ resources: StackResource[] }>(
    session,
    `${lookupPath(stack)}/resources`,
    { query, signal: options.signal },
  )
  return body.resources
}

/** One resource by its name in the template (`GET …/resources/{name}`). */
export async function getResource(
  session: Session,
  stack: StackRef,
  resourceName: string,
  options?: CallOptions & { withAttributes?: string[] },
): Promise<StackResource> {
  const identity = await resolveStack(session, stack, options?.signal)
  const res = await session.request<{ resource: StackResource }>(
    SERVICE,
    'GET',
    `${stackPath(identity)}/resources/${encodeURIComponent(resourceName)}`,
    {
      ...(options?.withAttributes ? { query: { with_attr: options.withAttributes } } : {}),
      ...withSignal(options),
    },
  )
  return res.body.resource
}

/** Sends a signal (any JSON data) to a resource that accepts them, e.g. a wait condition handle. */
export async function signalResource(
  session: Session,
  stack: StackRef,
  resourceName: string,
  data?: unknown,
  options?: CallOptions,
): Promise<void> {
  const identity = await resolveStack(session, stack, options?.signal)
  await session.request(
    SERVICE,
    'POST',
    `${stackPath(identity)}/resources/${encodeURIComponent(resourceName)}/signal`,
    { ...(data === undefined ? {} : { body: data }), ...withSignal(options) },
  )
}

/**
 * Marks a resource unhealthy (its status becomes CHECK_FAILED) so the next stack update
 * replaces it; `unhealthy: false` clears the mark.
 */
export async function markResourceUnhealthy(
  session: Session,
  stack: StackRef,
  resourceName: string,
  input: { reason?: string; unhealthy?: boolean } = {},
  options?: CallOptions,
): Promise<void> {
  const identity = await resolveStack(session, stack, options?.signal)
  await session.request(
    SERVICE,
    'PATCH',
    `${stackPath(identity)}/resources/${encodeURIComponent(resourceName)}`,
    {
      body: {
        mark_unhealthy: input.unhealthy ?? true,
        ...(input.reason === undefined ? {} : { resource_status_reason: input.reason }),
      },
      ...withSignal(options),
    },
  )
}
