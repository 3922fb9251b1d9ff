import type { CloudState } from '../state.js'
import type {
  HealthMonitorRecord,
  ListenerRecord,
  LoadBalancerRecord,
  MemberRecord,
  PoolRecord,
} from './state.js'

const ids = (list: { id: string }[]) => list.map((x) => ({ id: x.id }))

function common<T extends { activeAt: number }>(record: T) {
  const { activeAt: _activeAt, ...rest } = record
  return rest
}

/** A load balancer as Octavia serves it. */
export function loadBalancerView(s: CloudState, lb: LoadBalancerRecord) {
  const listeners = [...s.loadBalancer.listeners.values()].filter((l) => l.loadbalancerId === lb.id)
  const pools = [...s.loadBalancer.pools.values()].filter((p) => p.loadbalancerId === lb.id)
  return {
    ...common(lb),
    tenant_id: lb.project_id,
    vip_qos_policy_id: null,
    listeners: ids(listeners),
    pools: ids(pools),
  }
}

/** A listener as Octavia serves it. */
export function listenerView(l: ListenerRecord) {
  const { loadbalancerId, ...rest } = common(l)
  return {
    ...rest,
    loadbalancers: [{ id: loadbalancerId }],
    l7policies: [],
    insert_headers: {},
    sni_container_refs: [],
    default_tls_container_ref: null,
    tenant_id: l.project_id,
  }
}

/** A pool as Octavia serves it. */
export function poolView(s: CloudState, p: PoolRecord) {
  const { loadbalancerId, listenerIds, ...rest } = common(p)
  const members = [...s.loadBalancer.members.values()].filter((m) => m.poolId === p.id)
  const monitor = [...s.loadBalancer.healthMonitors.values()].find((h) => h.poolId === p.id)
  return {
    ...rest,
    loadbalancers: [{ id: loadbalancerId }],
    listeners: listenerIds.map((id) => ({ id })),
    members: ids(members),
    healthmonitor_id: monitor?.id ?? null,
    tenant_id: p.project_id,
  }
}

/** A member as Octavia serves it. */
export function memberView(m: MemberRecord) {
  const { poolId: _poolId, ...rest } = common(m)
  return { ...rest, tenant_id: m.project_id }
}

/** A health monitor as Octavia serves it. */
export function healthMonitorView(h: HealthMonitorRecord) {
  const { poolId, ...rest } = common(h)
  return { ...rest, pools: [{ id: poolId }], tenant_id: h.project_id }
}
