import type { HotEnvironment } from '../hot/types.js'
import { join } from './path.js'
import type { Finding } from './types.js'
import type { ResourceUse } from './uses.js'
import { isMapping } from './walk.js'

/**
 * Properties passed to a template resource against the parameters its template declares:
 * Heat refuses unknown ones, and parameters without a default that nobody sets.
 */
export function checkNestedProperties(
  use: ResourceUse,
  file: string,
  nested: Record<string, unknown>,
  environment: HotEnvironment,
): Finding[] {
  const findings: Finding[] = []
  const declared = isMapping(nested.parameters) ? nested.parameters : {}
  // A property given as one function call (e.g. get_param of a json) cannot be checked here.
  if (use.properties !== undefined && use.properties !== null && !isMapping(use.properties)) return findings
  const given = isMapping(use.properties) ? use.properties : {}
  for (const key of Object.keys(given)) {
    if (!(key in declared)) {
      findings.push({
        rule: 'unknown-property',
        path: join(use.propertiesPath, key),
        message: `"${file}" declares no parameter "${key}"; declare it there or stop passing it`,
      })
    }
  }
  const defaults = isMapping(environment.parameter_defaults) ? environment.parameter_defaults : {}
  for (const [name, def] of Object.entries(declared)) {
    if (!isMapping(def) || 'default' in def || name in given || name in defaults) continue
    findings.push({
      rule: 'missing-property',
      path: use.propertiesPath,
      message: `"${file}" requires parameter "${name}" (it has no default) but it is not passed here`,
    })
  }
  return findings
}
