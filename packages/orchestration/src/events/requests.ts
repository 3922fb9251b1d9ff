import type { Session } from '@magnum-ts/auth'
import { compact } from '../common/options.js'
import { getFollowingRedirect, lookupPath, type StackRef } from '../common/stack-ref.js'
import type { ListEventsOptions, StackEvent } from './types.js'

/**
 * The events of a stack, oldest first (`GET …/events`). Heat's event list carries no next
 * link, so with `limit` the pages are chained by `marker` (the last id of each page).
 */
export async function* listEvents(
  session: Session,
  stack: StackRef,
  options: ListEventsOptions = {},
): AsyncGenerator<StackEvent, void, undefined> {
  let marker = options.marker
  for (;;) {
    const page = await listEventsPage(session, stack, {
      ...options,
      ...(marker === undefined ? {} : { marker }),
    })
    for (const event of page) yield event
    if (options.limit === undefined || page.length < options.limit) return
    const last = page.at(-1)?.id
    if (!last || last === marker) return
    marker = last
  }
}

/** One request's worth of events (`GET …/events` with the filters as given). */
export async function listEventsPage(
  session: Session,
  stack: StackRef,
  options: ListEventsOptions = {},
): Promise<StackEvent[]> {
  const query = compact({
    marker: options.marker,
    limit: options.limit,
    sort_dir: options.sortDir ?? 'asc',
    nested_depth: options.nestedDepth,
    resource_name: options.resourceName,
    resource_status: options.resourceStatus,
    resource_action: options.resourceAction,
    resource_type: options.resourceType,
  })
  const body = await getFollowingRedirect<{ events: StackEvent[] }>(session, `${lookupPath(stack)}/events`, {
    query,
    signal: options.signal,
  })
  return body.events
}

/** The id of the newest event of a stack: a marker for "what happens from now on". */
export async function latestEventId(
  session: Session,
  stack: StackRef,
  options: { nestedDepth?: number; signal?: AbortSignal } = {},
): Promise<string | undefined> {
  const page = await listEventsPage(session, stack, { ...options, sortDir: 'desc', limit: 1 })
  return page[0]?.id
}
