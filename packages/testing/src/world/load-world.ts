import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import type { WorldSpec } from './types.js'
import { WorldError } from './world-error.js'

const listKeys = [
  'domains',
  'projects',
  'roles',
  'users',
  'flavors',
  'images',
  'networks',
  'routers',
  'volumeTypes',
  'keypairs',
  'availabilityZones',
] as const
const knownKeys = new Set<string>([...listKeys, 'region', 'computeLimits', 'networkQuotas'])

/** Checks the shape of a world read from YAML or JSON (references are checked when seeding). */
export function parseWorld(value: unknown, source = 'world'): WorldSpec {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new WorldError(
      source,
      'must be a mapping of `users`, `projects`, `flavors`, `images`, `networks`, …',
    )
  }
  const record = value as Record<string, unknown>
  for (const key of Object.keys(record)) {
    if (!knownKeys.has(key)) {
      throw new WorldError(`${source}.${key}`, `unknown key; expected one of ${[...knownKeys].join(', ')}`)
    }
  }
  for (const key of listKeys) {
    if (record[key] !== undefined && !Array.isArray(record[key]))
      throw new WorldError(`${source}.${key}`, 'must be a list')
  }
  for (const [key, required] of [
    ['users', ['name', 'password']],
    ['flavors', ['name', 'vcpus', 'ram', 'disk']],
    ['images', ['name']],
    ['networks', ['name']],
    ['projects', ['name']],
    ['volumeTypes', ['name']],
    ['keypairs', ['name', 'user']],
  ] as const) {
    ;((record[key] as Record<string, unknown>[] | undefined) ?? []).forEach((item, i) => {
      for (const field of required) {
        if (item?.[field] === undefined)
          throw new WorldError(`${source}.${key}[${i}].${field}`, 'is required')
      }
    })
  }
  if (record.region !== undefined && typeof record.region !== 'string') {
    throw new WorldError(`${source}.region`, 'must be a string such as RegionOne')
  }
  return record as WorldSpec
}

/** Reads a YAML (or JSON) world file. */
export function loadWorld(path: string): WorldSpec {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw new WorldError(path, `cannot be read: ${(error as Error).message}`)
  }
  let value: unknown
  try {
    value = parse(text)
  } catch (error) {
    throw new WorldError(path, `is not valid YAML: ${(error as Error).message}`)
  }
  return parseWorld(value, path)
}
