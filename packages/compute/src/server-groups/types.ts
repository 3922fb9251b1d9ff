import type { components } from '../generated/compute.js'

type Schemas = components['schemas']

/** Scheduling policy of a server group; the `soft-` ones need microversion 2.15. */
export type ServerGroupPolicy = 'affinity' | 'anti-affinity' | 'soft-affinity' | 'soft-anti-affinity'

type Common = Omit<Schemas['Os_Server_GroupShowResponse_264']['server_group'], 'policy' | 'rules'>

/**
 * A server group. Before microversion 2.64 Nova answers `policies: [policy]`; from 2.64 on,
 * `policy` and `rules`. Read `serverGroupPolicy(group)` to get the policy either way.
 */
export type ServerGroup = Common & {
  policy?: ServerGroupPolicy
  policies?: ServerGroupPolicy[]
  rules?: { max_server_per_host?: number }
  metadata?: Record<string, never>
}

export interface CreateServerGroupOptions {
  name: string
  policy: ServerGroupPolicy
  /** At most this many members per host; `anti-affinity` only, microversion 2.64+. */
  maxServerPerHost?: number
  signal?: AbortSignal
}
