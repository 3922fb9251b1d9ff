/** Neutron objects as the fake stores and serves them (wire field names). */
export interface NetworkRecord {
  id: string
  name: string
  project_id: string
  tenant_id: string
  admin_state_up: boolean
  status: string
  shared: boolean
  'router:external': boolean
  subnets: string[]
  mtu: number
  port_security_enabled: boolean
  availability_zones: string[]
  description: string
  tags: string[]
  created_at: string
  updated_at: string
  revision_number: number
}

export interface SubnetRecord {
  id: string
  name: string
  network_id: string
  project_id: string
  tenant_id: string
  cidr: string
  ip_version: 4 | 6
  gateway_ip: string | null
  allocation_pools: { start: string; end: string }[]
  enable_dhcp: boolean
  dns_nameservers: string[]
  host_routes: { destination: string; nexthop: string }[]
  description: string
  tags: string[]
  created_at: string
  updated_at: string
  revision_number: number
}

export interface PortRecord {
  id: string
  name: string
  network_id: string
  project_id: string
  tenant_id: string
  mac_address: string
  fixed_ips: { subnet_id: string; ip_address: string }[]
  device_id: string
  device_owner: string
  status: string
  admin_state_up: boolean
  security_groups: string[]
  allowed_address_pairs: { ip_address: string; mac_address?: string }[]
  port_security_enabled: boolean
  'binding:vnic_type': string
  description: string
  tags: string[]
  created_at: string
  updated_at: string
  revision_number: number
}

export interface RouterRecord {
  id: string
  name: string
  project_id: string
  tenant_id: string
  status: string
  admin_state_up: boolean
  external_gateway_info: {
    network_id: string
    enable_snat: boolean
    external_fixed_ips: { subnet_id: string; ip_address: string }[]
  } | null
  routes: { destination: string; nexthop: string }[]
  description: string
  tags: string[]
  created_at: string
  updated_at: string
  revision_number: number
}

export interface FloatingIpRecord {
  id: string
  floating_ip_address: string
  floating_network_id: string
  router_id: string | null
  port_id: string | null
  fixed_ip_address: string | null
  status: string
  project_id: string
  tenant_id: string
  description: string
  tags: string[]
  created_at: string
  updated_at: string
  revision_number: number
}

export interface SecurityGroupRecord {
  id: string
  name: string
  description: string
  project_id: string
  tenant_id: string
  stateful: boolean
  tags: string[]
  created_at: string
  updated_at: string
  revision_number: number
}

export interface SecurityGroupRuleRecord {
  id: string
  security_group_id: string
  direction: 'ingress' | 'egress'
  ethertype: 'IPv4' | 'IPv6'
  protocol: string | null
  port_range_min: number | null
  port_range_max: number | null
  remote_ip_prefix: string | null
  remote_group_id: string | null
  project_id: string
  tenant_id: string
  description: string
  created_at: string
  updated_at: string
  revision_number: number
}

/** Neutron's share of the fake cloud's state. */
export interface NetworkState {
  networks: Map<string, NetworkRecord>
  subnets: Map<string, SubnetRecord>
  ports: Map<string, PortRecord>
  routers: Map<string, RouterRecord>
  floatingIps: Map<string, FloatingIpRecord>
  securityGroups: Map<string, SecurityGroupRecord>
  securityGroupRules: Map<string, SecurityGroupRuleRecord>
  /** Default per-project limits (-1 = unlimited), as Neutron's `[quotas]` section. */
  quotas: NetworkQuotas
}

/** Neutron quota limits by resource. */
export interface NetworkQuotas {
  network: number
  subnet: number
  port: number
  router: number
  floatingip: number
  security_group: number
  security_group_rule: number
}

/** An empty Neutron. */
export function emptyNetworkState(): NetworkState {
  return {
    networks: new Map(),
    subnets: new Map(),
    ports: new Map(),
    routers: new Map(),
    floatingIps: new Map(),
    securityGroups: new Map(),
    securityGroupRules: new Map(),
    quotas: {
      network: 100,
      subnet: 100,
      port: 500,
      router: 10,
      floatingip: 50,
      security_group: 10,
      security_group_rule: 100,
    },
  }
}
