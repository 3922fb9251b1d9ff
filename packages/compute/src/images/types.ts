import type { components } from '../generated/image.js'

/** A Glance v2 image as the service sends it (standard fields plus any extra properties). */
export type GlanceImage = components['schemas']['ImageShowResponse'] & { id: string }

/**
 * A Glance image with the extra properties Magnum reads pulled out: `osDistro` (the
 * `os_distro` property Magnum picks the COE driver from) and `properties` (every
 * non-standard property, e.g. `os_distro`, `hw_disk_bus`, `kube_version`).
 */
export type Image = GlanceImage & {
  osDistro: string | undefined
  properties: Record<string, unknown>
}

/** Filters of `listImages` (camelCase here, Glance's names on the wire). */
export interface ListImagesOptions {
  name?: string
  status?:
    | 'queued'
    | 'saving'
    | 'active'
    | 'killed'
    | 'deleted'
    | 'pending_delete'
    | 'deactivated'
    | 'importing'
  visibility?: 'public' | 'private' | 'shared' | 'community' | 'all'
  /** The `os_distro` property (e.g. `fedora-atomic`, `fedora-coreos`). */
  osDistro?: string
  /** Any other image property, matched exactly (e.g. `{ hw_disk_bus: 'scsi' }`). */
  properties?: Record<string, string>
  tags?: string[]
  sortKey?: string
  sortDir?: 'asc' | 'desc'
  /** Page size; every page is fetched regardless. */
  limit?: number
  signal?: AbortSignal
}
