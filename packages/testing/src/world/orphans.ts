import type { CloudState } from '../state.js'

/** Ids present right after seeding, per tracked collection. */
export type Baseline = Record<string, Set<string>>

/** The collections `assertNoOrphans` watches, with a label and how to describe a leftover. */
const tracked: [string, (s: CloudState) => Map<string, { name?: string | null }>][] = [
  ['servers', (s) => s.compute.servers],
  ['server groups', (s) => s.compute.serverGroups],
  ['ports', (s) => s.network.ports as never],
  ['floating IPs', (s) => s.network.floatingIps as never],
  ['networks', (s) => s.network.networks],
  ['subnets', (s) => s.network.subnets],
  ['routers', (s) => s.network.routers],
  ['volumes', (s) => s.blockStorage.volumes],
  ['load balancers', (s) => s.loadBalancer.loadBalancers],
  ['trusts', (s) => s.identity.trusts as never],
  ['users', (s) => s.identity.users],
  ['application credentials', (s) => s.identity.applicationCredentials],
  ['secrets', (s) => s.keyManager.secrets],
  ['containers', (s) => s.keyManager.containers],
]

/** Records what the seeded world holds. */
export function takeBaseline(state: CloudState): Baseline {
  return Object.fromEntries(tracked.map(([label, get]) => [label, new Set(get(state).keys())]))
}

/** Objects created since the baseline and still present, by collection. */
export function findOrphans(state: CloudState, baseline: Baseline): Record<string, string[]> {
  const result: Record<string, string[]> = {}
  for (const [label, get] of tracked) {
    const known = baseline[label] ?? new Set()
    const extra = [...get(state).entries()]
      .filter(([id]) => !known.has(id))
      .map(([id, item]) => (item.name ? `${id} (${item.name})` : id))
    if (extra.length > 0) result[label] = extra
  }
  return result
}
