/** A Glance v2 image: core fields plus any additional property (`os_distro`, `hw_*`, …) at the top level. */
export interface ImageRecord {
  id: string
  name: string | null
  status: string
  visibility: 'public' | 'private' | 'shared' | 'community'
  owner: string
  container_format: string | null
  disk_format: string | null
  min_disk: number
  min_ram: number
  protected: boolean
  tags: string[]
  size: number | null
  checksum: string | null
  created_at: string
  updated_at: string
  [property: string]: unknown
}

/** Glance's share of the fake cloud's state. */
export interface ImageState {
  images: Map<string, ImageRecord>
}

/** An empty Glance. */
export function emptyImageState(): ImageState {
  return { images: new Map() }
}
