import { homedir } from 'node:os'
import { resolve } from 'node:path'
import { ConfigError } from '../errors/errors.js'
import { envCloudName, envLayer, hasEnvCloud, OVERRIDE_KEYS } from './env.js'
import { candidatePaths, defaultSearchPath, isPlainMap, type LoadedFile, readFirstFile } from './files.js'
import {
  configErrorAt,
  describe,
  emptyLayer,
  type Layer,
  layerFromEntry,
  overlay,
  present,
  type Sourced,
} from './layer.js'
import { toCloudConfig } from './normalize.js'
import { selectRegion } from './region.js'
import type { CloudConfig } from './types.js'

/** Where to look and what to pick; every field defaults to the process's own. */
export interface LoadCloudConfigOptions {
  /** Cloud name in clouds.yaml; default OS_CLOUD, else the environment's cloud, else the only cloud. */
  cloud?: string
  /** Region to use; default OS_REGION_NAME, else the cloud's first region. */
  regionName?: string
  /** Environment to read OS_* from (default `process.env`). */
  env?: Record<string, string | undefined>
  /** Working directory: first search directory, base of relative OS_* paths (default `process.cwd()`). */
  cwd?: string
  /** Home directory for `~/.config/openstack` (default `os.homedir()`). */
  homeDir?: string
  /** Directories to search instead of openstacksdk's default list. */
  searchPath?: string[]
  /** clouds.yaml to read before any other (like OS_CLIENT_CONFIG_FILE); must exist. */
  configFile?: string
  /** secure.yaml to read before any other (like OS_CLIENT_SECURE_FILE); must exist. */
  secureFile?: string
  /** clouds-public.yaml to read before any other; must exist when a profile is used. */
  vendorFile?: string
}

interface Context {
  env: Record<string, string | undefined>
  cwd: string
  homeDir: string
  searchPath: string[]
  files: Record<'clouds' | 'secure' | 'clouds-public', { paths: string[]; explicit: Map<string, string> }>
}

interface LoadedClouds {
  ctx: Context
  clouds?: LoadedFile | undefined
  secure?: LoadedFile | undefined
  /** Cloud name → [entry in clouds file, entry in secure file]. */
  fileClouds: Map<string, { clouds?: unknown; secure?: unknown }>
  envCloud?: string | undefined
}

/**
 * Resolves one cloud from clouds.yaml, secure.yaml, clouds-public.yaml and OS_* variables,
 * the way openstacksdk does.
 *
 * @example const config = await loadCloudConfig({ cloud: 'mycloud' }); const session = await createSession(config)
 */
export async function loadCloudConfig(options: LoadCloudConfigOptions = {}): Promise<CloudConfig> {
  const loaded = await loadClouds(options)
  const { ctx, fileClouds, envCloud } = loaded
  const names = cloudNames(loaded)
  const requested = options.cloud
    ? { name: options.cloud, key: 'cloud option' }
    : ctx.env.OS_CLOUD
      ? { name: ctx.env.OS_CLOUD, key: 'OS_CLOUD' }
      : undefined

  let name: string
  if (requested) {
    name = requested.name
    if (!names.includes(name)) throw unknownCloud(name, requested.key, loaded, names)
  } else if (envCloud) {
    name = envCloud
  } else if (names.length === 1) {
    name = names[0]!
  } else if (names.length === 0) {
    throw new ConfigError(
      `no cloud is configured: no clouds.yaml was found (searched ${ctx.searchPath.join(', ')}) and OS_AUTH_URL is not set. Fix: write a clouds.yaml in one of those directories and set OS_CLOUD, or export OS_AUTH_URL and the other OS_* variables (source your openrc file)`,
      { key: 'OS_CLOUD' },
    )
  } else {
    throw new ConfigError(
      `several clouds are defined (${names.join(', ')}) and none is selected. Fix: set OS_CLOUD to one of them, or pass { cloud }`,
      { file: loaded.clouds?.path ?? loaded.secure?.path, key: 'OS_CLOUD' },
    )
  }

  const env = envLayer(ctx.env, ctx.cwd)
  const wantedRegion: Sourced | undefined = options.regionName
    ? { value: options.regionName, source: 'option:regionName', dir: ctx.cwd, key: 'regionName option' }
    : env.top.get('region_name')

  if (name === envCloud) {
    // OS_REGION_NAME names one region, never a comma list.
    const top = new Map(env.top)
    top.delete('region_name')
    const layer = selectRegion({ top, auth: env.auth }, wantedRegion, name)
    return toCloudConfig(layer, { name, homeDir: ctx.homeDir })
  }

  const entries = fileClouds.get(name)!
  let layer = emptyLayer()
  if (loaded.clouds && entries.clouds !== undefined) {
    layer = layerFromEntry(entries.clouds, loaded.clouds, `clouds.${name}`)
  }
  if (loaded.secure && entries.secure !== undefined) {
    layer = overlay(layer, layerFromEntry(entries.secure, loaded.secure, `clouds.${name}`))
  }
  const profiled = await expandProfile(layer, ctx, name)
  layer = selectRegion(profiled.layer, wantedRegion, name)
  layer = applyEnvOverrides(layer, env)
  return toCloudConfig(layer, {
    name,
    file: entries.clouds !== undefined ? loaded.clouds?.path : loaded.secure?.path,
    authUrlHint: profiled.hint,
    homeDir: ctx.homeDir,
  })
}

/** Names of every cloud the files and the environment define, clouds.yaml order first. */
export async function listClouds(options: LoadCloudConfigOptions = {}): Promise<string[]> {
  return cloudNames(await loadClouds(options))
}

function cloudNames(loaded: LoadedClouds): string[] {
  return [...loaded.fileClouds.keys(), ...(loaded.envCloud ? [loaded.envCloud] : [])]
}

function makeContext(options: LoadCloudConfigOptions): Context {
  const env = options.env ?? process.env
  const cwd = resolve(options.cwd ?? process.cwd())
  const homeDir = options.homeDir ?? homedir()
  const searchPath = options.searchPath
    ? options.searchPath.map((d) => resolve(cwd, d))
    : defaultSearchPath({ cwd, homeDir, env })
  const explicitFor = (pairs: [string | undefined, string][]) => {
    const explicit = new Map<string, string>()
    for (const [path, namedBy] of pairs) {
      if (path && !explicit.has(resolve(cwd, path))) explicit.set(resolve(cwd, path), namedBy)
    }
    return explicit
  }
  const kinds = {
    clouds: explicitFor([
      [options.configFile, 'configFile option'],
      [env.OS_CLIENT_CONFIG_FILE, 'OS_CLIENT_CONFIG_FILE'],
    ]),
    secure: explicitFor([
      [options.secureFile, 'secureFile option'],
      [env.OS_CLIENT_SECURE_FILE, 'OS_CLIENT_SECURE_FILE'],
    ]),
    'clouds-public': explicitFor([[options.vendorFile, 'vendorFile option']]),
  }
  const files = Object.fromEntries(
    Object.entries(kinds).map(([kind, explicit]) => [
      kind,
      { paths: candidatePaths(kind as keyof typeof kinds, searchPath, [...explicit.keys()]), explicit },
    ]),
  ) as Context['files']
  return { env, cwd, homeDir, searchPath, files }
}

async function loadClouds(options: LoadCloudConfigOptions): Promise<LoadedClouds> {
  const ctx = makeContext(options)
  const [clouds, secure] = await Promise.all([
    readFirstFile(ctx.files.clouds.paths, ctx.files.clouds.explicit),
    readFirstFile(ctx.files.secure.paths, ctx.files.secure.explicit),
  ])
  const fileClouds = new Map<string, { clouds?: unknown; secure?: unknown }>()
  for (const [file, slot] of [
    [clouds, 'clouds'],
    [secure, 'secure'],
  ] as const) {
    if (!file) continue
    const map = file.data.clouds
    if (map === undefined || map === null) continue
    if (!isPlainMap(map)) {
      throw new ConfigError(
        `must be a mapping of cloud names to settings, not ${describe(map)}. Fix: write each cloud as "name:" indented under clouds:`,
        {
          file: file.path,
          key: 'clouds',
        },
      )
    }
    for (const [name, entry] of Object.entries(map)) {
      fileClouds.set(name, { ...fileClouds.get(name), [slot]: entry })
    }
  }
  let envCloud: string | undefined
  if (hasEnvCloud(ctx.env)) {
    envCloud = envCloudName(ctx.env)
    if (fileClouds.has(envCloud)) {
      throw new ConfigError(
        `defines a cloud named "${envCloud}", and the OS_* variables define one by that name too. Fix: rename that cloud, or set OS_CLOUD_NAME to another name for the environment's cloud`,
        { file: clouds?.path ?? secure?.path, key: `clouds.${envCloud}` },
      )
    }
  }
  return { ctx, clouds, secure, fileClouds, envCloud }
}

function unknownCloud(name: string, key: string, loaded: LoadedClouds, names: string[]): ConfigError {
  const file = loaded.clouds?.path ?? loaded.secure?.path
  const known = names.length > 0 ? `Known clouds: ${names.join(', ')}` : 'No clouds are defined'
  const where = file ? ` (read ${file})` : ` (no clouds.yaml found in ${loaded.ctx.searchPath.join(', ')})`
  return new ConfigError(
    `cloud "${name}" is not defined. ${known}${where}. Fix: set ${key === 'OS_CLOUD' ? 'OS_CLOUD' : 'the cloud option'} to one of them, or add "${name}:" under clouds: in clouds.yaml`,
    { file, key },
  )
}

/**
 * `profile:` (or the legacy `cloud:`) names an entry of clouds-public.yaml's
 * `public-clouds:`; the cloud's own settings win over it, `auth:` key by key.
 */
async function expandProfile(
  layer: Layer,
  ctx: Context,
  cloudName: string,
): Promise<{ layer: Layer; hint?: string }> {
  const entry = present(layer.top.get('profile')) ?? present(layer.top.get('cloud'))
  const own: Layer = { top: new Map(layer.top), auth: layer.auth }
  own.top.delete('profile')
  own.top.delete('cloud')
  if (!entry) return { layer: own }
  if (typeof entry.value !== 'string') {
    throw configErrorAt(
      entry,
      `must be the name of a profile in clouds-public.yaml, not ${describe(entry.value)}. Fix: write profile: <name under public-clouds:>`,
    )
  }
  const profile = entry.value
  const vendor = await readFirstFile(ctx.files['clouds-public'].paths, ctx.files['clouds-public'].explicit)
  const publicClouds = vendor?.data['public-clouds']
  if (vendor && publicClouds !== undefined && publicClouds !== null && !isPlainMap(publicClouds)) {
    throw new ConfigError(
      `must be a mapping of profile names to settings, not ${describe(publicClouds)}. Fix: indent each profile under public-clouds:`,
      {
        file: vendor.path,
        key: 'public-clouds',
      },
    )
  }
  if (!vendor || !isPlainMap(publicClouds) || !Object.hasOwn(publicClouds, profile)) {
    // openstacksdk only warns here; we carry on too, and say so if auth_url then is missing.
    return {
      layer: own,
      hint: `Cloud "${cloudName}" uses profile "${profile}" (${entry.key} in ${entry.source}), which is not in ${vendor ? `${vendor.path} under public-clouds:` : 'any clouds-public.yaml'}; magnum-ts does not bundle openstacksdk's vendor profiles`,
    }
  }
  const profileLayer = layerFromEntry(publicClouds[profile], vendor, `public-clouds.${profile}`)
  return { layer: overlay(profileLayer, own) }
}

/**
 * OS_REGION_NAME (handled by selectRegion), OS_INTERFACE / OS_ENDPOINT_TYPE and the TLS
 * variables override a cloud chosen from clouds.yaml, as they do for the `openstack` CLI.
 * Credentials in OS_* never mix into such a cloud (openstacksdk keeps them in "envvars").
 */
function applyEnvOverrides(layer: Layer, env: Layer): Layer {
  const top = new Map(layer.top)
  const envInterface = present(env.top.get('interface')) ?? present(env.top.get('endpoint_type'))
  if (envInterface) {
    top.delete('endpoint_type')
    top.set('interface', envInterface)
  }
  for (const key of OVERRIDE_KEYS) {
    if (key === 'region_name' || key === 'interface' || key === 'endpoint_type') continue
    const s = present(env.top.get(key))
    if (!s) continue
    top.set(key, s)
    // OS_CACERT replaces a `verify: /path` CA bundle; OS_INSECURE replaces `verify: false`.
    if (key === 'cacert' || key === 'insecure') top.delete('verify')
  }
  return { top, auth: layer.auth }
}
