import { ConfigError } from '../errors/errors.js'
import { isPlainMap } from './files.js'

/** One configuration value and where it came from. */
export interface Sourced {
  value: unknown
  /** File path, `env:OS_…`, or `option:<name>` for a loadCloudConfig option. */
  source: string
  /** Directory that relative paths in this value resolve against. */
  dir: string
  /** The key as the user wrote it (`clouds.mycloud.auth.auth_url`, `OS_AUTH_URL`), for messages. */
  key: string
}

/** A cloud's settings from one source: top-level keys and the `auth:` block, keys normalised. */
export interface Layer {
  top: Map<string, Sourced>
  auth: Map<string, Sourced>
}

/** An empty layer. */
export function emptyLayer(): Layer {
  return { top: new Map(), auth: new Map() }
}

/** Builds the layer for one cloud entry of a file, checking that it and its `auth:` are mappings. */
export function layerFromEntry(entry: unknown, file: { path: string; dir: string }, keyPath: string): Layer {
  const layer = emptyLayer()
  if (entry === null || entry === undefined) return layer
  if (!isPlainMap(entry)) {
    throw new ConfigError(
      `must be a mapping of settings (auth:, region_name:, …), not ${describe(entry)}. Fix: indent the cloud's settings under its name`,
      {
        file: file.path,
        key: keyPath,
      },
    )
  }
  for (const [rawKey, value] of Object.entries(entry)) {
    // openstacksdk accepts `auth-url` for `auth_url` everywhere.
    const key = normaliseKey(rawKey)
    if (key === 'auth') {
      if (value === null || value === undefined) continue
      if (!isPlainMap(value)) {
        throw new ConfigError(
          `must be a mapping (auth_url:, username:, …), not ${describe(value)}. Fix: put auth_url and the credentials indented under auth:`,
          {
            file: file.path,
            key: `${keyPath}.${rawKey}`,
          },
        )
      }
      for (const [authKey, authValue] of Object.entries(value)) {
        layer.auth.set(normaliseKey(authKey), {
          value: authValue,
          source: file.path,
          dir: file.dir,
          key: `${keyPath}.${rawKey}.${authKey}`,
        })
      }
      continue
    }
    layer.top.set(key, { value, source: file.path, dir: file.dir, key: `${keyPath}.${rawKey}` })
  }
  return layer
}

/** `over` wins key by key, and inside `auth:` key by key (openstacksdk's merge). */
export function overlay(base: Layer, over: Layer): Layer {
  return {
    top: new Map([...base.top, ...over.top]),
    auth: new Map([...base.auth, ...over.auth]),
  }
}

/** `auth-url` → `auth_url`. */
export function normaliseKey(key: string): string {
  return key.replaceAll('-', '_')
}

/** What a value is, for type errors: never the value itself (it may be a secret). */
export function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  if (value instanceof Uint8Array) return 'binary data'
  if (typeof value === 'object') return 'a mapping'
  return `a ${typeof value}`
}

/** A ConfigError pointing at the file and key a value came from. */
export function configErrorAt(s: Sourced, message: string): ConfigError {
  const notAFile = s.source.startsWith('env:') || s.source.startsWith('option:')
  return new ConfigError(message, notAFile ? { key: s.key } : { file: s.source, key: s.key })
}

/** The entry if it holds a value (null, undefined and '' count as unset, as in openstacksdk). */
export function present(s: Sourced | undefined): Sourced | undefined {
  return s && s.value !== null && s.value !== undefined && s.value !== '' ? s : undefined
}

/** The value as a string: numbers are taken as written, anything else is a ConfigError. */
export function asString(s: Sourced, key: string): string {
  if (typeof s.value === 'string') return s.value
  if (typeof s.value === 'number' || typeof s.value === 'bigint') return String(s.value)
  throw configErrorAt(
    s,
    `${key} must be a string, not ${describe(s.value)}. Fix: write a single value (quote it if needed)`,
  )
}
