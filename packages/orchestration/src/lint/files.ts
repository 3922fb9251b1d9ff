import type { HotEnvironment } from '../hot/types.js'
import { join } from './path.js'
import type { Finding } from './types.js'
import { resourceUses } from './uses.js'
import { findCalls, isMapping } from './walk.js'

/** A resource type that names a template file (Heat's template resources). */
export function isTemplatePath(type: string): boolean {
  return !type.includes('::') && /\.(ya?ml|template|json)$/i.test(type)
}

/** Heat fetches http(s) URLs itself; anything else must come in the files map. */
export function mustBeInFiles(path: string): boolean {
  return !/^https?:\/\//i.test(path)
}

/** The registry's target for a type: exact key first, then `Prefix::*` globs. */
export function registryTarget(registry: Record<string, unknown> | undefined, type: string): unknown {
  if (!registry) return undefined
  if (Object.hasOwn(registry, type)) return registry[type]
  for (const [key, target] of Object.entries(registry)) {
    if (key.endsWith('*') && type.startsWith(key.slice(0, -1))) {
      return typeof target === 'string' && target.endsWith('*')
        ? target.slice(0, -1) + type.slice(key.length - 1)
        : target
    }
  }
  return undefined
}

/**
 * `get_file` paths and template resource types missing from `files`, and resource types
 * that are neither built in (`OS::`, `AWS::`), nor templates, nor in the resource_registry.
 */
export function checkFiles(
  t: Record<string, unknown>,
  prefix: string,
  files: Record<string, unknown>,
  environment: HotEnvironment,
): Finding[] {
  const findings: Finding[] = []
  const missing = (path: string, file: string, what: string) =>
    findings.push({
      rule: 'missing-file',
      path,
      message: `${what} "${file}" is not in files; add its content under files["${file}"]${suggestFile(file, files)}`,
    })

  for (const call of findCalls(t, prefix)) {
    if (call.fn === 'get_file' && typeof call.args === 'string' && !(call.args in files)) {
      missing(join(call.path, 'get_file'), call.args, 'get_file')
    }
  }
  const registry = isMapping(environment.resource_registry) ? environment.resource_registry : undefined
  for (const use of resourceUses(t, prefix)) {
    const mapped = registryTargetFor(registry, use.name, use.type)
    if (isTemplatePath(use.type) && mapped === undefined) {
      if (mustBeInFiles(use.type) && !(use.type in files)) missing(use.typePath, use.type, 'nested template')
    } else if (mapped === undefined && !/^(OS|AWS)::/.test(use.type)) {
      findings.push({
        rule: 'unknown-resource-type',
        path: use.typePath,
        message: `type "${use.type}" is not built into Heat and the environment's resource_registry does not map it; map it (e.g. to a template file or OS::Heat::None)`,
      })
    }
  }
  return findings
}

/** What the registry maps a resource's type to: a per-resource entry first, then the global one. */
export function registryTargetFor(
  registry: Record<string, unknown> | undefined,
  name: string,
  type: string,
): unknown {
  return resourceOverride(registry, name, type) ?? registryTarget(registry, type)
}

/** `resource_registry.resources.<name>.<type>`: a mapping for one resource only. */
function resourceOverride(
  registry: Record<string, unknown> | undefined,
  name: string,
  type: string,
): unknown {
  const perResource = registry?.resources
  if (!isMapping(perResource)) return undefined
  const entry = perResource[name]
  return isMapping(entry) ? registryTarget(entry, type) : undefined
}

/** resource_registry entries whose target is a template file missing from `files`. */
export function checkRegistry(
  environment: HotEnvironment,
  files: Record<string, unknown>,
  prefix: string,
): Finding[] {
  const findings: Finding[] = []
  const registry = environment.resource_registry
  if (!isMapping(registry)) return findings
  const check = (entries: Record<string, unknown>, path: string) => {
    for (const [type, target] of Object.entries(entries)) {
      if (
        typeof target === 'string' &&
        isTemplatePath(target) &&
        mustBeInFiles(target) &&
        !(target in files)
      ) {
        findings.push({
          rule: 'missing-file',
          path: join(path, type),
          message: `resource_registry maps "${type}" to "${target}", which is not in files; add its content under files["${target}"]${suggestFile(target, files)}`,
        })
      }
    }
  }
  const base = join(prefix, 'resource_registry')
  check(Object.fromEntries(Object.entries(registry).filter(([k]) => k !== 'resources')), base)
  if (isMapping(registry.resources)) {
    for (const [name, entry] of Object.entries(registry.resources)) {
      if (isMapping(entry)) check(entry, join(join(base, 'resources'), name))
    }
  }
  return findings
}

/** ` (files has "x/nested.yaml")` when a key with the same base name exists. */
function suggestFile(file: string, files: Record<string, unknown>): string {
  const base = file.split('/').at(-1)
  const near = Object.keys(files).find((k) => k !== file && k.split('/').at(-1) === base)
  return near ? ` (files has "${near}")` : ''
}
