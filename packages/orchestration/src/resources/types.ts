import type { Link } from '../common/links.js'

/** A resource of a stack, as `GET /stacks/{name}/{id}/resources` lists it. */
export interface StackResource {
  resource_name: string
  logical_resource_id: string
  physical_resource_id: string
  resource_type: string
  /** `CREATE_COMPLETE`, `CREATE_FAILED`, `CHECK_FAILED` (marked unhealthy), … */
  resource_status: string
  resource_status_reason: string
  creation_time: string | null
  updated_time: string | null
  required_by: string[]
  /** Links: `self`, `stack` (the stack holding it) and `nested` (the stack it is, if any). */
  links: Link[]
  /** With `nestedDepth`: the resource in the parent stack whose nested stack holds this one. */
  parent_resource?: string | null
  /** With `withDetail` or on show: the resource's attributes. */
  attributes?: Record<string, unknown>
  description?: string
}

export interface ListResourcesOptions {
  /** Also list resources of nested stacks down to this depth. */
  nestedDepth?: number
  /** Include attributes and properties (slower). */
  withDetail?: boolean
  /** Filters: match any of the values given. */
  name?: string | string[]
  status?: string | string[]
  action?: string | string[]
  type?: string | string[]
  id?: string | string[]
  signal?: AbortSignal
}
