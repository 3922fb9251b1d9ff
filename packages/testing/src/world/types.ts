/**
 * What the fake cloud holds before any test touches it. Names refer to each other
 * (a user's roles name projects, an image's owner names a project), so a YAML world file
 * stays readable. Every list replaces the default one when given.
 */
export interface WorldSpec {
  /** Region of every catalog endpoint. Default `RegionOne`. */
  region?: string
  domains?: { name: string; id?: string; description?: string }[]
  projects?: { name: string; id?: string; domain?: string; description?: string }[]
  roles?: string[]
  users?: {
    name: string
    password: string
    id?: string
    domain?: string
    defaultProject?: string
    /** Project name → role names. */
    roles?: Record<string, string[]>
    /** Domain name → role names. */
    domainRoles?: Record<string, string[]>
  }[]
  flavors?: {
    name: string
    vcpus: number
    ram: number
    disk: number
    id?: string
    ephemeral?: number
    extraSpecs?: Record<string, string>
  }[]
  images?: {
    name: string
    id?: string
    /** Owning project name. Default `admin`. */
    owner?: string
    visibility?: 'public' | 'private' | 'shared' | 'community'
    diskFormat?: string
    containerFormat?: string
    minDisk?: number
    minRam?: number
    tags?: string[]
    /** Additional properties served at the top level (`os_distro`, `hw_rng_model`, …). */
    properties?: Record<string, unknown>
  }[]
  networks?: {
    name: string
    id?: string
    /** Owning project name. Default `admin`. */
    project?: string
    external?: boolean
    shared?: boolean
    mtu?: number
    subnets?: {
      cidr: string
      name?: string
      id?: string
      gatewayIp?: string
      allocationPools?: { start: string; end: string }[]
      dnsNameservers?: string[]
    }[]
  }[]
  routers?: { name: string; project?: string; externalNetwork?: string; subnets?: string[] }[]
  volumeTypes?: {
    name: string
    id?: string
    default?: boolean
    description?: string
    extraSpecs?: Record<string, string>
  }[]
  keypairs?: { name: string; user: string; publicKey?: string }[]
  availabilityZones?: string[]
  /** Neutron per-project limits (-1 = unlimited). */
  networkQuotas?: {
    network?: number
    subnet?: number
    port?: number
    router?: number
    floatingip?: number
    security_group?: number
    security_group_rule?: number
  }
  computeLimits?: {
    maxTotalInstances?: number
    maxTotalCores?: number
    maxTotalRAMSize?: number
    maxTotalKeypairs?: number
    maxServerGroups?: number
    maxServerGroupMembers?: number
  }
}
