import { randomUUID } from 'node:crypto'
import { isoSeconds } from '../server/time.js'
import type { ImageRecord, ImageState } from './state.js'

/** Creates an image; with `active` it is uploaded already (as seeded images are). */
export function createImage(
  s: ImageState,
  input: {
    name: string | null
    owner: string
    now: number
    visibility?: ImageRecord['visibility']
    diskFormat?: string | null
    containerFormat?: string | null
    minDisk?: number
    minRam?: number
    tags?: string[]
    properties?: Record<string, unknown>
    active?: boolean
    size?: number
    id?: string
    protected?: boolean
  },
): ImageRecord {
  const t = isoSeconds(input.now)
  const image: ImageRecord = {
    ...input.properties,
    id: input.id ?? randomUUID(),
    name: input.name,
    status: input.active ? 'active' : 'queued',
    visibility: input.visibility ?? 'shared',
    owner: input.owner,
    container_format: input.containerFormat ?? (input.active ? 'bare' : null),
    disk_format: input.diskFormat ?? (input.active ? 'qcow2' : null),
    min_disk: input.minDisk ?? 0,
    min_ram: input.minRam ?? 0,
    protected: input.protected ?? false,
    tags: input.tags ?? [],
    size: input.active ? (input.size ?? 1_073_741_824) : null,
    checksum: input.active ? 'd41d8cd98f00b204e9800998ecf8427e' : null,
    os_hidden: false,
    created_at: t,
    updated_at: t,
  }
  s.images.set(image.id, image)
  return image
}
