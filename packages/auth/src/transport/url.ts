import type { QueryValue } from '../session/types.js'

/** Joins an endpoint and a path ("/flavors"), or returns an absolute URL (a `next` link) as is. */
export function joinUrl(endpoint: string, path: string): string {
  if (/^https?:\/\//i.test(path)) return path
  if (!path) return endpoint
  return `${endpoint.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`
}

/** Appends query parameters; arrays repeat the key, undefined and null are left out. */
export function withQuery(url: string, query: Record<string, QueryValue> | undefined): string {
  if (!query) return url
  const parsed = new URL(url)
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue
    if (Array.isArray(value)) for (const v of value) parsed.searchParams.append(key, String(v))
    else parsed.searchParams.append(key, String(value))
  }
  return parsed.toString()
}
