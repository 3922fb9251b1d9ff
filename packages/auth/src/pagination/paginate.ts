import type { QueryValue, RequestOptions, Session } from '../session/types.js'
import { resolveRelativeLink } from '../transport/relative-link.js'

export interface PaginateOptions extends Omit<RequestOptions, 'body' | 'query'> {
  /** Key of the item array in each page, e.g. "flavors", "networks", "stacks". */
  itemsKey: string
  query?: Record<string, QueryValue>
}

/**
 * Iterates every item of a list call across pages, following whichever "next" link the
 * service uses: `<items>_links` rel=next (Nova, Neutron, Octavia, Cinder), `links` as an
 * array (Heat) or an object (Keystone), or a top-level `next` (Glance, Barbican). Root-relative
 * links are resolved against the endpoint without doubling a shared version segment.
 */
export async function* paginate<T>(
  session: Session,
  service: string,
  path: string,
  options: PaginateOptions,
): AsyncGenerator<T, void, undefined> {
  const { itemsKey, query, ...requestOptions } = options
  let next: string | undefined = path
  let first = true
  const seen = new Set<string>()
  while (next) {
    const page: { body: Record<string, unknown> | undefined } = await session.request<
      Record<string, unknown>
    >(service, 'GET', next, first && query ? { ...requestOptions, query } : requestOptions)
    first = false
    const items = page.body?.[itemsKey]
    if (!Array.isArray(items)) return
    for (const item of items) yield item as T
    const link = nextLink(page.body, itemsKey)
    // A service that hands back the same link (or an empty page with a link) would loop forever.
    if (!link || seen.has(link) || items.length === 0) return
    seen.add(link)
    next = link.startsWith('/')
      ? resolveRelativeLink(await session.endpoint(service, requestOptions), link)
      : link
  }
}

/** The "next" link of a page, in any of the shapes OpenStack services use. */
export function nextLink(body: Record<string, unknown> | undefined, itemsKey: string): string | undefined {
  if (!body) return undefined
  const fromArray = (links: unknown) =>
    Array.isArray(links)
      ? (links as { rel?: string; href?: string }[]).find((l) => l.rel === 'next')?.href
      : undefined
  const typed = fromArray(body[`${itemsKey}_links`])
  if (typed) return typed
  const links = body.links
  const fromLinks =
    fromArray(links) ?? (links && typeof links === 'object' ? (links as { next?: unknown }).next : undefined)
  if (typeof fromLinks === 'string' && fromLinks) return fromLinks
  return typeof body.next === 'string' && body.next ? body.next : undefined
}
