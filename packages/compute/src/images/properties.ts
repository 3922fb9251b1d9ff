import type { GlanceImage, Image } from './types.js'

// The fields Glance's image schema defines; everything else on an image is a user property.
const STANDARD_FIELDS = new Set([
  'checksum',
  'container_format',
  'created_at',
  'direct_url',
  'disk_format',
  'file',
  'id',
  'locations',
  'min_disk',
  'min_ram',
  'name',
  'os_hash_algo',
  'os_hash_value',
  'os_hidden',
  'owner',
  'protected',
  'schema',
  'self',
  'size',
  'status',
  'stores',
  'tags',
  'updated_at',
  'virtual_size',
  'visibility',
])

/** Adds `osDistro` and `properties` (the non-standard fields) to an image from Glance. */
export function toImage(raw: GlanceImage): Image {
  const properties: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(raw)) {
    if (!STANDARD_FIELDS.has(key)) properties[key] = value
  }
  const osDistro = typeof raw.os_distro === 'string' && raw.os_distro !== '' ? raw.os_distro : undefined
  return { ...raw, osDistro, properties }
}
