import { join } from './path.js'
import type { Finding } from './types.js'
import { type Call, findCalls, isMapping } from './walk.js'

/** Parameters Heat defines in every stack. */
const PSEUDO_PARAMETERS = new Set(['OS::stack_name', 'OS::stack_id', 'OS::project_id'])

const names = (v: unknown) => new Set(isMapping(v) ? Object.keys(v) : [])

/**
 * `get_param`, `get_resource`, `get_attr`, `depends_on` and condition references that name
 * nothing defined in the template.
 */
export function checkReferences(t: Record<string, unknown>, prefix: string): Finding[] {
  const parameters = names(t.parameters)
  const resources = names(t.resources)
  const conditions = names(t.conditions)
  const findings: Finding[] = []
  const undefinedParameter = (path: string, name: string) =>
    findings.push({
      rule: 'undefined-parameter',
      path,
      message: `get_param refers to "${name}", which is not declared under parameters${parameters.size ? ` (declared: ${[...parameters].join(', ')})` : ''}`,
    })
  const undefinedResource = (path: string, name: string, how: string) =>
    findings.push({
      rule: 'undefined-resource',
      path,
      message: `${how} refers to resource "${name}", which is not defined under resources`,
    })
  const undefinedCondition = (path: string, name: string) =>
    findings.push({
      rule: 'undefined-condition',
      path,
      message: `condition "${name}" is not defined under conditions${conditions.size ? ` (defined: ${[...conditions].join(', ')})` : ''}`,
    })
  const conditionName = (value: unknown, path: string) => {
    if (typeof value === 'string' && !conditions.has(value)) undefinedCondition(path, value)
  }

  const checkCall = (call: Call) => {
    const at = join(call.path, call.fn)
    switch (call.fn) {
      case 'get_param': {
        const name = Array.isArray(call.args) ? call.args[0] : call.args
        if (typeof name === 'string' && !parameters.has(name) && !PSEUDO_PARAMETERS.has(name))
          undefinedParameter(at, name)
        break
      }
      case 'get_resource':
        if (typeof call.args === 'string' && !resources.has(call.args))
          undefinedResource(at, call.args, 'get_resource')
        break
      case 'get_attr': {
        const name = Array.isArray(call.args) ? call.args[0] : undefined
        if (typeof name === 'string' && !resources.has(name)) undefinedResource(join(at, 0), name, 'get_attr')
        break
      }
      case 'if':
        if (Array.isArray(call.args)) conditionName(call.args[0], join(at, 0))
        break
      case 'not':
        conditionName(call.args, at)
        break
      case 'and':
      case 'or':
        if (Array.isArray(call.args)) {
          for (const [i, a] of call.args.entries()) conditionName(a, join(at, i))
        }
        break
    }
  }

  if (isMapping(t.conditions)) {
    const path = join(prefix, 'conditions')
    for (const [name, expr] of Object.entries(t.conditions)) {
      for (const call of findCalls(expr, join(path, name))) checkCall(call)
    }
  }
  if (isMapping(t.resources)) {
    const path = join(prefix, 'resources')
    for (const [name, def] of Object.entries(t.resources)) {
      if (!isMapping(def)) continue
      const at = join(path, name)
      for (const call of findCalls(def, at)) checkCall(call)
      const deps =
        typeof def.depends_on === 'string'
          ? [def.depends_on]
          : Array.isArray(def.depends_on)
            ? def.depends_on
            : []
      deps.forEach((dep, i) => {
        const depPath = Array.isArray(def.depends_on)
          ? join(join(at, 'depends_on'), i)
          : join(at, 'depends_on')
        if (typeof dep === 'string' && !resources.has(dep)) undefinedResource(depPath, dep, 'depends_on')
      })
      conditionName(def.condition, join(at, 'condition'))
    }
  }
  if (isMapping(t.outputs)) {
    const path = join(prefix, 'outputs')
    for (const [name, def] of Object.entries(t.outputs)) {
      if (!isMapping(def)) continue
      const at = join(path, name)
      for (const call of findCalls(def, at)) checkCall(call)
      conditionName(def.condition, join(at, 'condition'))
    }
  }
  return findings
}
