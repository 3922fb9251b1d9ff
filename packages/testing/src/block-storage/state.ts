/** Cinder objects as the fake stores and serves them. */
export interface VolumeTypeRecord {
  id: string
  name: string
  description: string | null
  is_public: boolean
  'os-volume-type-access:is_public': boolean
  extra_specs: Record<string, string>
  qos_specs_id: string | null
}

export interface VolumeAttachment {
  id: string
  attachment_id: string
  volume_id: string
  server_id: string
  host_name: string | null
  device: string
  attached_at: string
}

export interface VolumeRecord {
  id: string
  name: string | null
  description: string | null
  size: number
  status: string
  volume_type: string
  availability_zone: string
  bootable: 'true' | 'false'
  encrypted: boolean
  multiattach: boolean
  attachments: VolumeAttachment[]
  metadata: Record<string, string>
  project_id: string
  user_id: string
  snapshot_id: string | null
  source_volid: string | null
  created_at: string
  updated_at: string | null
  /** Clock time at which `creating` becomes `available`. */
  availableAt: number
  /** Set when Nova created it from a block device mapping with delete_on_termination. */
  deleteWithServer: string | undefined
}

/** Cinder's share of the fake cloud's state. */
export interface BlockStorageState {
  volumeTypes: Map<string, VolumeTypeRecord>
  /** Name or id of the default volume type (`GET /types/default`). */
  defaultVolumeType: string | undefined
  volumes: Map<string, VolumeRecord>
}

/** An empty Cinder. */
export function emptyBlockStorageState(): BlockStorageState {
  return { volumeTypes: new Map(), defaultVolumeType: undefined, volumes: new Map() }
}
