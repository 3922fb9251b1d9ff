import { join, resolve } from 'node:path'
import { asString, configErrorAt, describe, type Layer, present, type Sourced } from './layer.js'
import type { CloudConfig } from './types.js'

/** Reads cacert / cert / key (as absolute paths), verify and insecure into the config. */
export function readTls(
  layer: Layer,
  config: CloudConfig,
  sources: Record<string, string>,
  homeDir: string,
): void {
  const verify = present(layer.top.get('verify'))
  for (const key of ['cacert', 'cert', 'key'] as const) {
    const s = present(layer.top.get(key))
    if (!s) continue
    config[key] = filePath(s, key, homeDir)
    sources[key] = s.source
  }
  let insecure: { value: boolean; source: string } | undefined
  if (verify) {
    if (typeof verify.value === 'boolean') insecure = { value: !verify.value, source: verify.source }
    else if (typeof verify.value === 'string') {
      // `verify: /path/ca.pem` is requests' way of naming a CA bundle.
      const parsed = parseBoolean(verify.value)
      if (parsed !== undefined) insecure = { value: !parsed, source: verify.source }
      else if (config.cacert === undefined) {
        config.cacert = filePath(verify, 'verify', homeDir)
        sources.cacert = verify.source
      }
    } else {
      throw configErrorAt(
        verify,
        `verify must be true, false or the path of a CA bundle, not ${describe(verify.value)}. Fix: write verify: false, or cacert: /path/to/ca.pem`,
      )
    }
  }
  const insecureEntry = present(layer.top.get('insecure'))
  if (insecureEntry) {
    const value =
      typeof insecureEntry.value === 'boolean'
        ? insecureEntry.value
        : typeof insecureEntry.value === 'string'
          ? parseBoolean(insecureEntry.value)
          : undefined
    if (value === undefined) {
      throw configErrorAt(
        insecureEntry,
        `insecure must be true or false, not ${describe(insecureEntry.value)}. Fix: write insecure: true or insecure: false`,
      )
    }
    insecure = { value, source: insecureEntry.source }
  }
  if (insecure) {
    config.insecure = insecure.value
    sources.insecure = insecure.source
  }
}

function filePath(s: Sourced, key: string, homeDir: string): string {
  const value = asString(s, key)
  if (value === '~' || value.startsWith('~/')) return join(homeDir, value.slice(1))
  // Relative to the file that named it (or the working directory, for OS_* variables).
  return resolve(s.dir, value)
}

function parseBoolean(value: string): boolean | undefined {
  const v = value.trim().toLowerCase()
  if (['true', 'yes', '1', 'on'].includes(v)) return true
  if (['false', 'no', '0', 'off', ''].includes(v)) return false
  return undefined
}
