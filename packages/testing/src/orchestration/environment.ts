import { type HotEnvironment, parseEnvironment, TemplateError } from '@magnum-ts/orchestration'
import { validationFailed } from './errors.js'

const isMap = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v)

/** Reads an environment, turning a YAML error into Heat's 400. */
export function readEnvironment(input: unknown, source: string): HotEnvironment {
  if (input === undefined || input === null) return {}
  try {
    return parseEnvironment(input as string | HotEnvironment, source)
  } catch (error) {
    if (error instanceof TemplateError) throw validationFailed(`Failed to parse ${source}: ${error.message}`)
    throw error
  }
}

/** Merges environments in order, later ones winning key by key (as Heat merges environment_files). */
export function mergeEnvironments(...environments: HotEnvironment[]): HotEnvironment {
  const merged: HotEnvironment = {}
  for (const env of environments) {
    for (const key of ['parameters', 'parameter_defaults', 'resource_registry'] as const) {
      const value = env[key]
      if (!isMap(value)) continue
      const current = (merged[key] ?? {}) as Record<string, unknown>
      if (key === 'resource_registry' && isMap(value.resources) && isMap(current.resources)) {
        merged[key] = { ...current, ...value, resources: { ...current.resources, ...value.resources } }
      } else merged[key] = { ...current, ...value }
    }
  }
  return merged
}

/** The environment of a request: each of `environment_files` (from `files`), then `environment`. */
export function requestEnvironment(
  files: Record<string, string>,
  environmentFiles: unknown,
  environment: unknown,
): HotEnvironment {
  const names = Array.isArray(environmentFiles) ? environmentFiles.map(String) : []
  const fromFiles = names.map((name) => {
    const text = files[name]
    if (text === undefined) throw validationFailed(`Could not fetch remote template "${name}": not in files`)
    return readEnvironment(text, name)
  })
  return mergeEnvironments(...fromFiles, readEnvironment(environment, 'environment'))
}

function lookup(registry: Record<string, unknown>, type: string): string | undefined {
  const exact = registry[type]
  if (typeof exact === 'string') return exact
  // `"OS::Neutron::*": "OS::Heat::None"` maps a family of types.
  for (const [key, target] of Object.entries(registry)) {
    if (key.endsWith('*') && typeof target === 'string' && type.startsWith(key.slice(0, -1))) {
      return target.endsWith('*') ? target.slice(0, -1) + type.slice(key.length - 1) : target
    }
  }
  return undefined
}

/**
 * The type a resource really is after `resource_registry`: a per-resource override
 * (`resources: { name: { type: target } }`) first, then the global mappings, followed
 * until a type maps to itself or to nothing.
 */
export function implementationOf(env: HotEnvironment, type: string, resourceName: string): string {
  const registry = isMap(env.resource_registry) ? env.resource_registry : {}
  const perResource = isMap(registry.resources) ? registry.resources[resourceName] : undefined
  let current = type
  if (isMap(perResource)) {
    const target = lookup(perResource, current)
    if (target) current = target
  }
  for (let hops = 0; hops < 10; hops++) {
    const target = lookup(registry, current)
    if (!target || target === current) return current
    current = target
  }
  return current
}
