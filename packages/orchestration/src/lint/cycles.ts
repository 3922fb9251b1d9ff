import { join } from './path.js'
import type { Finding } from './types.js'
import { findCalls, isMapping } from './walk.js'

/**
 * Dependency cycles between resources, through `depends_on` and the implicit dependencies
 * Heat derives from `get_resource` / `get_attr` in properties and metadata.
 */
export function checkCycles(t: Record<string, unknown>, prefix: string): Finding[] {
  if (!isMapping(t.resources)) return []
  const resources = t.resources
  const edges = new Map<string, Set<string>>()
  for (const [name, def] of Object.entries(resources)) {
    const out = new Set<string>()
    if (isMapping(def)) {
      const deps =
        typeof def.depends_on === 'string'
          ? [def.depends_on]
          : Array.isArray(def.depends_on)
            ? def.depends_on
            : []
      for (const d of deps) if (typeof d === 'string') out.add(d)
      for (const call of findCalls([def.properties, def.metadata], '')) {
        const target =
          call.fn === 'get_resource'
            ? call.args
            : call.fn === 'get_attr' && Array.isArray(call.args)
              ? call.args[0]
              : undefined
        if (typeof target === 'string') out.add(target)
      }
    }
    edges.set(name, new Set([...out].filter((d) => d in resources)))
  }

  const findings: Finding[] = []
  const reported = new Set<string>()
  const state = new Map<string, 'open' | 'done'>()
  const stack: string[] = []
  const visit = (node: string) => {
    state.set(node, 'open')
    stack.push(node)
    for (const next of edges.get(node) ?? []) {
      if (state.get(next) === 'open') {
        const cycle = [...stack.slice(stack.indexOf(next)), next]
        const key = [...new Set(cycle)].sort().join(',')
        if (!reported.has(key)) {
          reported.add(key)
          const explicit = dependsOn(resources[node]).includes(next)
          findings.push({
            rule: 'dependency-cycle',
            path: join(join(join(prefix, 'resources'), node), explicit ? 'depends_on' : 'properties'),
            message: `resources depend on each other in a circle: ${cycle.join(' → ')}; Heat cannot order them (remove one depends_on, get_resource or get_attr)`,
          })
        }
      } else if (!state.has(next)) visit(next)
    }
    stack.pop()
    state.set(node, 'done')
  }
  for (const name of edges.keys()) if (!state.has(name)) visit(name)
  return findings
}

function dependsOn(def: unknown): unknown[] {
  if (!isMapping(def)) return []
  return typeof def.depends_on === 'string'
    ? [def.depends_on]
    : Array.isArray(def.depends_on)
      ? def.depends_on
      : []
}
