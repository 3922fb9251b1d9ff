import { readFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { ConfigError } from '../errors/errors.js'
import { parseConfigText } from './parse.js'

/** A config file that was found and parsed. `dir` anchors the relative paths it contains. */
export interface LoadedFile {
  path: string
  dir: string
  data: Record<string, unknown>
}

/** The three kinds of file openstacksdk reads, by base name. */
export type ConfigFileKind = 'clouds' | 'secure' | 'clouds-public'

const EXTENSIONS = ['.yaml', '.yml', '.json'] as const

/**
 * openstacksdk's search path on Linux: the working directory, the user's config directory
 * (`$XDG_CONFIG_HOME/openstack`, then `~/.config/openstack`, `$SNAP_REAL_HOME` for snaps),
 * the XDG system directories, then `/etc/openstack`.
 */
export function defaultSearchPath(args: {
  cwd: string
  homeDir: string
  env: Record<string, string | undefined>
}): string[] {
  const dirs: string[] = [args.cwd]
  const xdgHome = args.env.XDG_CONFIG_HOME
  if (xdgHome) dirs.push(join(resolve(args.cwd, xdgHome), 'openstack'))
  dirs.push(join(args.env.SNAP_REAL_HOME || args.homeDir, '.config', 'openstack'))
  const xdgDirs = (args.env.XDG_CONFIG_DIRS || '/etc/xdg').split(':').filter(Boolean)
  for (const d of xdgDirs) dirs.push(join(d, 'openstack'))
  dirs.push('/etc/openstack')
  return [...new Set(dirs)]
}

/** Every path tried for one kind of file, in order: explicit files first, then each directory. */
export function candidatePaths(
  kind: ConfigFileKind,
  searchPath: readonly string[],
  explicit: readonly string[],
): string[] {
  const inDirs = searchPath.flatMap((d) => EXTENSIONS.map((ext) => join(d, kind + ext)))
  return [...new Set([...explicit, ...inDirs])]
}

/**
 * Reads the first file that exists among `paths`. A missing explicit file (named by an
 * option or OS_CLIENT_CONFIG_FILE / OS_CLIENT_SECURE_FILE) is an error, not a silent
 * fallback: a typo there would otherwise load some other cloud.
 */
export async function readFirstFile(
  paths: readonly string[],
  explicit: ReadonlyMap<string, string>,
): Promise<LoadedFile | undefined> {
  for (const path of paths) {
    let text: string
    try {
      text = await readFile(path, 'utf8')
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      const namedBy = explicit.get(path)
      if (code === 'ENOENT' || code === 'ENOTDIR') {
        if (namedBy) {
          throw new ConfigError(`file not found. Fix: create it, or correct or unset ${namedBy}`, {
            file: path,
            key: namedBy,
          })
        }
        continue
      }
      throw new ConfigError(
        `cannot read the file (${code ?? 'error'}). Fix: make it a readable file (chmod 600 for your user), or move it away`,
        { file: path, cause: error },
      )
    }
    return { path, dir: dirname(path), data: asDocument(parseConfigText(text, path), path) }
  }
  return undefined
}

function asDocument(value: unknown, path: string): Record<string, unknown> {
  // An empty file is no configuration, as in openstacksdk.
  if (value === null || value === undefined) return {}
  if (!isPlainMap(value)) {
    throw new ConfigError(
      'the file must hold a mapping at the top (e.g. "clouds:"). Fix: check the file is a clouds.yaml',
      {
        file: path,
      },
    )
  }
  return value
}

/** True for a YAML mapping / JSON object (not an array, date or binary). */
export function isPlainMap(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}
