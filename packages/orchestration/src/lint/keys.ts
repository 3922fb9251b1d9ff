import { HOT_VERSIONS } from '../hot/types.js'
import { join } from './path.js'
import type { Finding } from './types.js'
import { isMapping } from './walk.js'

const TOP_LEVEL = [
  'heat_template_version',
  'description',
  'parameter_groups',
  'parameters',
  'resources',
  'outputs',
  'conditions',
]
const PARAMETER = ['type', 'label', 'description', 'default', 'hidden', 'constraints', 'immutable', 'tags']
const RESOURCE = [
  'type',
  'properties',
  'metadata',
  'depends_on',
  'update_policy',
  'deletion_policy',
  'condition',
  'external_id',
]
const OUTPUT = ['description', 'value', 'condition']
const PARAMETER_TYPES = ['string', 'number', 'json', 'comma_delimited_list', 'boolean']

/** Unknown section, parameter, resource and output keys (usually typos), and the version. */
export function checkKeys(t: Record<string, unknown>, prefix: string): Finding[] {
  const findings: Finding[] = []
  const unknown = (path: string, key: string, allowed: string[], what: string) =>
    findings.push({
      rule: 'unknown-key',
      path: join(path, key),
      message: `"${key}" is not a ${what} key${suggest(key, allowed)}; allowed: ${allowed.join(', ')}`,
    })

  const version = t.heat_template_version
  if (version === undefined) {
    findings.push({
      rule: 'unknown-version',
      path: join(prefix, 'heat_template_version'),
      message: 'heat_template_version is missing; add e.g. `heat_template_version: 2018-08-31`',
    })
  } else if (!(HOT_VERSIONS as readonly unknown[]).includes(String(version))) {
    findings.push({
      rule: 'unknown-version',
      path: join(prefix, 'heat_template_version'),
      message: `"${String(version)}" is not a HOT version Heat knows; use one of ${HOT_VERSIONS.filter((v) => /^\d/.test(v)).join(', ')}`,
    })
  }
  for (const key of Object.keys(t))
    if (!TOP_LEVEL.includes(key)) unknown(prefix, key, TOP_LEVEL, 'top-level template')

  const sections: [string, string[], string][] = [
    ['parameters', PARAMETER, 'parameter'],
    ['resources', RESOURCE, 'resource'],
    ['outputs', OUTPUT, 'output'],
  ]
  for (const [section, allowed, what] of sections) {
    const entries = t[section]
    if (entries === undefined || entries === null) continue
    const sectionPath = join(prefix, section)
    if (!isMapping(entries)) {
      findings.push({
        rule: 'invalid-document',
        path: sectionPath,
        message: `${section} must be a mapping of names to definitions`,
      })
      continue
    }
    for (const [name, def] of Object.entries(entries)) {
      const path = join(sectionPath, name)
      if (!isMapping(def)) {
        findings.push({ rule: 'invalid-document', path, message: `${what} "${name}" must be a mapping` })
        continue
      }
      for (const key of Object.keys(def)) if (!allowed.includes(key)) unknown(path, key, allowed, what)
      if (section === 'resources' && typeof def.type !== 'string') {
        findings.push({
          rule: 'invalid-document',
          path: join(path, 'type'),
          message: `resource "${name}" needs a type`,
        })
      }
      if (section === 'outputs' && !('value' in def)) {
        findings.push({
          rule: 'invalid-document',
          path: join(path, 'value'),
          message: `output "${name}" needs a value`,
        })
      }
      if (section === 'parameters' && !PARAMETER_TYPES.includes(String(def.type))) {
        findings.push({
          rule: 'invalid-document',
          path: join(path, 'type'),
          message: `parameter "${name}" has type ${JSON.stringify(def.type)}; use one of ${PARAMETER_TYPES.join(', ')}`,
        })
      }
    }
  }
  return findings
}

/** ` (did you mean "x"?)` when a key is one edit or a swap away from an allowed one. */
function suggest(key: string, allowed: string[]): string {
  const near = allowed.find((a) => distance(a, key) <= 2)
  return near ? ` (did you mean "${near}"?)` : ''
}

function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [
    i,
    ...Array<number>(b.length).fill(0),
  ])
  for (let j = 1; j <= b.length; j++) d[0]![j] = j
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost)
    }
  }
  return d[a.length]![b.length]!
}
