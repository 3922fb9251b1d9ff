import type { Link } from '../common/links.js'

/** One stack or resource status change, as `GET /stacks/{name}/{id}/events` lists it. */
export interface StackEvent {
  id: string
  event_time: string
  resource_name: string
  logical_resource_id: string
  physical_resource_id: string
  resource_status: string
  resource_status_reason: string
  /** Links: `self`, `resource`, `stack`, and with `nestedDepth` also `root_stack`. */
  links: Link[]
  resource_type?: string
  resource_properties?: Record<string, unknown>
}

export interface ListEventsOptions {
  /**
   * Only events after this event id, in time order. Heat ignores a marker it does not know
   * (and returns every event), so callers that need "each event once" also de-duplicate.
   */
  marker?: string
  /** Page size; with a limit, pages are fetched with `marker` until one is short. */
  limit?: number
  /** `asc` (default here: oldest first, the order a marker follows) or `desc`. */
  sortDir?: 'asc' | 'desc'
  /** Include events of nested stacks down to this depth. */
  nestedDepth?: number
  resourceName?: string | string[]
  resourceStatus?: string | string[]
  resourceAction?: string | string[]
  resourceType?: string | string[]
  signal?: AbortSignal
}
