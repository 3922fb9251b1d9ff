import type { components } from '../generated/compute.js'

type AnyServer = components['schemas']['ServerShowResponse_290']['server']

/**
 * A server as `GET /servers/detail` and `GET /servers/{id}` return it (typed at microversion
 * 2.90; older clouds omit the fields later microversions added). A server in a cell that is
 * down (2.69+) comes back with only id, status `UNKNOWN` and a few more fields: check `status`.
 */
export type Server = Extract<AnyServer, { name: unknown }>

/** Filters of `listServers` (camelCase here, Nova's names on the wire). */
export interface ListServersOptions {
  /** A regular expression Nova matches against server names. */
  name?: string
  status?: string
  /** Image id. */
  image?: string
  /** Flavor id. */
  flavor?: string
  /** A regular expression on fixed IPv4 addresses. */
  ip?: string
  /** Servers having all these tags (microversion 2.26+). */
  tags?: string[]
  /** Servers having any of these tags (microversion 2.26+). */
  tagsAny?: string[]
  /** Servers of every project (admin). */
  allTenants?: boolean
  /** Servers of one project (admin, with `allTenants`). */
  projectId?: string
  /** Only servers changed since this time (ISO 8601). */
  changesSince?: string
  sortKey?: string
  sortDir?: 'asc' | 'desc'
  /** Page size; every page is fetched regardless. */
  limit?: number
  signal?: AbortSignal
}
