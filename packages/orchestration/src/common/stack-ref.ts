import type { QueryValue, Session } from '@magnum-ts/auth'

/** The two halves of a Heat stack identifier: `/stacks/{name}/{id}`. */
export interface StackIdentity {
  name: string
  id: string
}

/**
 * A stack given by name, by id, or by both. Heat's GET calls resolve a single name or id
 * with a redirect; PUT, PATCH, DELETE and some GETs (outputs) need both halves, so a string
 * reference costs one extra GET there.
 */
export type StackRef = string | StackIdentity

/** `/stacks/{name}/{id}` with both halves URL-encoded. */
export function stackPath(identity: StackIdentity): string {
  return `/stacks/${encodeURIComponent(identity.name)}/${encodeURIComponent(identity.id)}`
}

/** `/stacks/{ref}` for a string (Heat redirects it) or `/stacks/{name}/{id}` for an identity. */
export function lookupPath(ref: StackRef): string {
  return typeof ref === 'string' ? `/stacks/${encodeURIComponent(ref)}` : stackPath(ref)
}

const REDIRECTS = [301, 302, 303, 307, 308]

/**
 * GET on a path Heat may answer with a redirect (`/stacks/{name}` → `/stacks/{name}/{id}`).
 * A transport that follows redirects hands back the final answer; one that does not hands
 * back the 302, whose Location we follow here, once.
 */
export async function getFollowingRedirect<T>(
  session: Session,
  path: string,
  options: { query?: Record<string, QueryValue>; signal?: AbortSignal | undefined },
): Promise<T> {
  const first = await session.request<T>('orchestration', 'GET', path, {
    ...(options.query ? { query: options.query } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  })
  if (!REDIRECTS.includes(first.status)) return first.body
  const location = first.headers.get('location')
  if (!location) return first.body
  // Heat copies the query string into Location, so it is not sent a second time.
  const second = await session.request<T>('orchestration', 'GET', location, {
    ...(options.signal ? { signal: options.signal } : {}),
  })
  return second.body
}

/** Turns a name or id into `{ name, id }` with one GET; an identity is returned as is. */
export async function resolveStack(
  session: Session,
  ref: StackRef,
  signal?: AbortSignal,
): Promise<StackIdentity> {
  if (typeof ref !== 'string') return ref
  const body = await getFollowingRedirect<{ stack: { id: string; stack_name: string } }>(
    session,
    lookupPath(ref),
    {
      query: { resolve_outputs: false },
      signal,
    },
  )
  return { name: body.stack.stack_name, id: body.stack.id }
}
