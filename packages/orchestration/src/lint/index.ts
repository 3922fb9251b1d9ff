import { TemplateError } from '../hot/errors.js'
import type { HotEnvironment } from '../hot/types.js'
import { parseEnvironment, parseTemplate } from '../hot/yaml.js'
import { checkConstraints } from './constraints.js'
import { checkCycles } from './cycles.js'
import { checkDuplicateKeys } from './duplicates.js'
import { checkFiles, checkRegistry, isTemplatePath, registryTargetFor } from './files.js'
import { checkKeys } from './keys.js'
import { checkNestedProperties } from './nested.js'
import { join } from './path.js'
import { checkReferences } from './references.js'
import type { Finding, LintInput } from './types.js'
import { resourceUses } from './uses.js'
import { isMapping } from './walk.js'

/**
 * Finds the mistakes Heat would refuse (or silently mishandle) before a stack is created:
 * undefined parameters, resources and conditions; files missing from `files`; defaults
 * breaking their constraints; unknown keys; dependency cycles. Nested templates reached
 * through `files` are checked too. Returns no findings for a clean template.
 */
export function lintTemplate(input: LintInput): Finding[] {
  const files: Record<string, unknown> = input.files ?? {}
  const findings: Finding[] = []
  const environment = mergedEnvironment(input, files, findings)
  const seen = new Set<string>()

  const lintDocument = (doc: unknown, prefix: string, source: string) => {
    let t: Record<string, unknown>
    try {
      t = parseTemplate(doc as string, source) as unknown as Record<string, unknown>
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error
      findings.push({ rule: 'invalid-document', path: prefix, message: error.message })
      return
    }
    if (typeof doc === 'string') findings.push(...checkDuplicateKeys(doc, prefix))
    findings.push(
      ...checkKeys(t, prefix),
      ...checkReferences(t, prefix),
      ...checkConstraints(t, prefix),
      ...checkCycles(t, prefix),
      ...checkFiles(t, prefix, files, environment),
    )
    const registry = isMapping(environment.resource_registry) ? environment.resource_registry : undefined
    for (const use of resourceUses(t, prefix)) {
      const mapped = registryTargetFor(registry, use.name, use.type)
      const file = typeof mapped === 'string' ? mapped : mapped === undefined ? use.type : undefined
      if (!file || !isTemplatePath(file) || !(file in files)) continue
      const nestedPrefix = join('files', file)
      let nested: Record<string, unknown> | undefined
      try {
        nested = parseTemplate(files[file] as string, `files["${file}"]`) as unknown as Record<
          string,
          unknown
        >
      } catch {
        // Reported once below, when the file itself is linted.
      }
      if (nested) findings.push(...checkNestedProperties(use, file, nested, environment))
      if (!seen.has(file)) {
        seen.add(file)
        lintDocument(files[file], nestedPrefix, `files["${file}"]`)
      }
    }
  }

  lintDocument(input.template, '', 'template')
  return findings
}

/** environment_files (in order) then `environment`, merged as Heat merges them. */
function mergedEnvironment(
  input: LintInput,
  files: Record<string, unknown>,
  findings: Finding[],
): HotEnvironment {
  const layers: [unknown, string, string][] = []
  input.environmentFiles?.forEach((name, i) => {
    if (!(name in files)) {
      findings.push({
        rule: 'missing-file',
        path: `environmentFiles[${i}]`,
        message: `environment file "${name}" is not in files; add its content under files["${name}"]`,
      })
    } else layers.push([files[name], join('files', name), `files["${name}"]`])
  })
  if (input.environment !== undefined) layers.push([input.environment, 'environment', 'environment'])

  const merged: HotEnvironment = {}
  for (const [doc, prefix, source] of layers) {
    let env: HotEnvironment
    try {
      env = parseEnvironment(doc as string, source)
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error
      findings.push({ rule: 'invalid-document', path: prefix, message: error.message })
      continue
    }
    findings.push(...checkRegistry(env, files, prefix))
    const registry = {
      ...merged.resource_registry,
      ...(isMapping(env.resource_registry) ? env.resource_registry : {}),
    }
    const a = merged.resource_registry?.resources
    const b = isMapping(env.resource_registry) ? env.resource_registry.resources : undefined
    if (isMapping(a) || isMapping(b))
      registry.resources = { ...(isMapping(a) ? a : {}), ...(isMapping(b) ? b : {}) }
    merged.resource_registry = registry
    merged.parameter_defaults = { ...merged.parameter_defaults, ...env.parameter_defaults }
    merged.parameters = { ...merged.parameters, ...env.parameters }
  }
  return merged
}
