import { badRequest } from './api-error.js'

/** One page of a list, and whether a next page exists. */
export interface Page<T> {
  items: T[]
  /** The last item's id when the page is full (a next page may exist), else undefined. */
  nextMarker: string | undefined
}

/**
 * Applies `limit` and `marker` as Nova, Neutron, Glance, Cinder and Octavia do: items after the
 * one whose id is `marker`; an unknown marker is a 400 (Nova, Glance) or 404 depending on service.
 */
export function paginate<T extends { id: string }>(
  items: T[],
  query: URLSearchParams,
  maxLimit = 1000,
): Page<T> {
  const limitText = query.get('limit')
  const marker = query.get('marker')
  let start = 0
  if (marker) {
    const index = items.findIndex((item) => item.id === marker)
    if (index < 0) throw badRequest(`marker [${marker}] not found`, 'MarkerNotFound')
    start = index + 1
  }
  let limit = maxLimit
  if (limitText !== null) {
    limit = Number(limitText)
    if (!Number.isInteger(limit) || limit < 0) throw badRequest(`Invalid limit: ${limitText}`)
  }
  const page = items.slice(start, start + limit)
  const full = limitText !== null && page.length === limit && start + limit < items.length
  return { items: page, nextMarker: full ? page[page.length - 1]?.id : undefined }
}

/** The URL of the next page: same path and query, `marker` replaced. */
export function nextHref(url: URL, marker: string): string {
  const next = new URL(url)
  next.searchParams.set('marker', marker)
  return next.toString()
}

/** `{ <key>_links: [{ rel: 'next', href }] }` when there is a next page (Nova, Neutron, Cinder, Octavia). */
export function pageLinks(
  key: string,
  url: URL,
  page: Page<unknown & { id: string }>,
): Record<string, unknown> {
  return page.nextMarker ? { [`${key}_links`]: [{ rel: 'next', href: nextHref(url, page.nextMarker) }] } : {}
}

/** Equality filters from the query string (`?name=public&status=ACTIVE`) over top-level fields. */
export function filterByQuery<T extends object>(items: T[], query: URLSearchParams, fields: string[]): T[] {
  let result = items
  for (const field of fields) {
    const wanted = query.getAll(field)
    if (wanted.length === 0) continue
    result = result.filter((item) => wanted.includes(String((item as Record<string, unknown>)[field])))
  }
  return result
}
