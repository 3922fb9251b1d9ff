/** `2026-01-01T00:00:00Z`: the timestamp format Neutron, Octavia and Glance serve. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/** `2026-01-01T00:00:00.000000`: Nova's and Cinder's format (microseconds, no zone). */
export function isoMicros(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000')
}
