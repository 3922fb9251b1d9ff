/** Octavia objects as the fake stores and serves them (`_`-free wire names; internal fields documented). */
interface Status {
  provisioning_status: string
  operating_status: string
  project_id: string
  created_at: string
  updated_at: string | null
  /** Clock time at which PENDING_* becomes ACTIVE. */
  activeAt: number
}

export interface LoadBalancerRecord extends Status {
  id: string
  name: string
  description: string
  vip_address: string
  vip_port_id: string
  vip_subnet_id: string
  vip_network_id: string
  admin_state_up: boolean
  provider: string
  flavor_id: string | null
  availability_zone: string | null
  tags: string[]
}

export interface ListenerRecord extends Status {
  id: string
  name: string
  description: string
  protocol: string
  protocol_port: number
  loadbalancerId: string
  default_pool_id: string | null
  connection_limit: number
  admin_state_up: boolean
  allowed_cidrs: string[] | null
  timeout_client_data: number
  timeout_member_connect: number
  timeout_member_data: number
  timeout_tcp_inspect: number
  tags: string[]
}

export interface PoolRecord extends Status {
  id: string
  name: string
  description: string
  protocol: string
  lb_algorithm: string
  loadbalancerId: string
  listenerIds: string[]
  session_persistence: unknown
  admin_state_up: boolean
  tags: string[]
}

export interface MemberRecord extends Status {
  id: string
  poolId: string
  name: string
  address: string
  protocol_port: number
  subnet_id: string | null
  weight: number
  backup: boolean
  admin_state_up: boolean
  monitor_address: string | null
  monitor_port: number | null
  tags: string[]
}

export interface HealthMonitorRecord extends Status {
  id: string
  poolId: string
  name: string
  type: string
  delay: number
  timeout: number
  max_retries: number
  max_retries_down: number
  http_method: string | null
  url_path: string | null
  expected_codes: string | null
  admin_state_up: boolean
  tags: string[]
}

/** Octavia's share of the fake cloud's state. */
export interface LoadBalancerState {
  loadBalancers: Map<string, LoadBalancerRecord>
  listeners: Map<string, ListenerRecord>
  pools: Map<string, PoolRecord>
  members: Map<string, MemberRecord>
  healthMonitors: Map<string, HealthMonitorRecord>
}

/** An empty Octavia. */
export function emptyLoadBalancerState(): LoadBalancerState {
  return {
    loadBalancers: new Map(),
    listeners: new Map(),
    pools: new Map(),
    members: new Map(),
    healthMonitors: new Map(),
  }
}
