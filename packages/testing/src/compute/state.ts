/** Nova objects as the fake stores them (wire field names; `_`-prefixed fields are never served). */
export interface FlavorRecord {
  id: string
  name: string
  vcpus: number
  ram: number
  disk: number
  'OS-FLV-EXT-DATA:ephemeral': number
  swap: number
  rxtx_factor: number
  'os-flavor-access:is_public': boolean
  description: string | null
  extra_specs: Record<string, string>
}

export interface KeypairRecord {
  id: number
  name: string
  user_id: string
  public_key: string
  fingerprint: string
  type: 'ssh' | 'x509'
  created_at: string
}

export interface ServerRecord {
  id: string
  name: string
  status: string
  tenant_id: string
  user_id: string
  flavorId: string
  imageId: string
  key_name: string | null
  metadata: Record<string, string>
  created: string
  updated: string
  availability_zone: string
  security_groups: { name: string }[]
  /** Ports the server is attached to. */
  portIds: string[]
  /** Ports Nova created for `networks: [{uuid}]` and deletes with the server. */
  ownedPortIds: string[]
  volumeIds: string[]
  serverGroupId: string | undefined
  config_drive: string
  user_data: string | undefined
  /** Clock time at which BUILD becomes ACTIVE. */
  activeAt: number
}

export interface ServerGroupRecord {
  id: string
  name: string
  policy: string
  rules: Record<string, unknown>
  members: string[]
  project_id: string
  user_id: string
}

/** Nova's share of the fake cloud's state. */
export interface ComputeState {
  flavors: Map<string, FlavorRecord>
  /** Keyed by `<user id>/<name>`: key pairs belong to users. */
  keypairs: Map<string, KeypairRecord>
  servers: Map<string, ServerRecord>
  serverGroups: Map<string, ServerGroupRecord>
  availabilityZones: string[]
  /** Absolute limits per project (defaults apply to projects not listed). */
  limits: {
    maxTotalInstances: number
    maxTotalCores: number
    maxTotalRAMSize: number
    maxTotalKeypairs: number
    maxServerGroups: number
    maxServerGroupMembers: number
  }
}

/** An empty Nova. */
export function emptyComputeState(): ComputeState {
  return {
    flavors: new Map(),
    keypairs: new Map(),
    servers: new Map(),
    serverGroups: new Map(),
    availabilityZones: ['nova'],
    limits: {
      maxTotalInstances: 10,
      maxTotalCores: 20,
      maxTotalRAMSize: 51200,
      maxTotalKeypairs: 100,
      maxServerGroups: 10,
      maxServerGroupMembers: 10,
    },
  }
}
