import type { components } from '../generated/compute.js'

type Schemas = components['schemas']

/**
 * A Nova flavor as `GET /flavors/detail` returns it (typed at microversion 2.75; fields added by
 * later microversions, such as `description` (2.55) and `extra_specs` (2.61), may be absent).
 */
export type Flavor = Omit<Schemas['FlavorShowResponse_275']['flavor'], 'description' | 'extra_specs'> & {
  description?: string | null
  extra_specs?: Record<string, string>
}

/** Filters of `listFlavors` (camelCase here, Nova's names on the wire). */
export interface ListFlavorsOptions {
  /** `true` public only, `false` private only, `'all'` both (admin). Nova's default is public + own. */
  isPublic?: boolean | 'all'
  minDisk?: number
  minRam?: number
  sortKey?: string
  sortDir?: 'asc' | 'desc'
  /** Page size; every page is fetched regardless. */
  limit?: number
  signal?: AbortSignal
}
