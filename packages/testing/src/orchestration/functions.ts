import { createHash } from 'node:crypto'
import { validationFailed } from './errors.js'

/** What intrinsic functions read: parameters, resources, files and conditions of one stack. */
export interface EvalScope {
  parameter(name: string): unknown
  /** The physical id of a resource (null while it does not exist). */
  resourceRef(name: string): unknown
  attribute(resource: string, attribute: string, path: unknown[]): unknown
  file(path: string): string
  condition(name: string): boolean
  /** Resource names the template declares (get_resource/get_attr on others is a 400). */
  hasResource(name: string): boolean
  /** The resource whose properties are evaluated (for `resource_facade`). */
  facade?(kind: string): unknown
}

const isMap = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v)

/** Walks `value` along `path` (keys or indexes), null where it leads nowhere (as Heat does). */
export function walkPath(value: unknown, path: unknown[]): unknown {
  let current = value
  for (const step of path) {
    if (Array.isArray(current)) current = current[Number(step)]
    else if (isMap(current)) current = current[String(step)]
    else return null
  }
  return current ?? null
}

function asList(v: unknown, fn: string): unknown[] {
  if (Array.isArray(v)) return v
  if (v === null || v === undefined) return []
  throw validationFailed(`${fn}: expected a list, got ${JSON.stringify(v)}`)
}

function asText(v: unknown): string {
  if (v === null || v === undefined) return ''
  if (typeof v === 'string') return v
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  return JSON.stringify(v)
}

/** Evaluates a condition expression (a name, a boolean or an equals/not/and/or call). */
export function evaluateCondition(expr: unknown, scope: EvalScope): boolean {
  if (typeof expr === 'boolean') return expr
  if (typeof expr === 'string') {
    if (expr === 'true' || expr === 'false') return expr === 'true'
    return scope.condition(expr)
  }
  return Boolean(evaluate(expr, scope))
}

type Fn = (args: unknown, scope: EvalScope) => unknown

const functions: Record<string, Fn> = {
  get_param: (args, scope) => {
    const [name, ...path] = Array.isArray(args)
      ? args.map((a) => evaluate(a, scope))
      : [evaluate(args, scope)]
    return walkPath(scope.parameter(String(name)), path)
  },
  get_resource: (args, scope) => {
    const name = String(evaluate(args, scope))
    if (!scope.hasResource(name))
      throw validationFailed(`The specified reference "${name}" (in unknown) is incorrect.`)
    return scope.resourceRef(name)
  },
  get_attr: (args, scope) => {
    const list = asList(args, 'get_attr').map((a) => evaluate(a, scope))
    const [resource, attribute, ...path] = list
    if (typeof resource !== 'string' || attribute === undefined) {
      throw validationFailed(
        `Arguments to "get_attr" must be of the form [resource_name, attribute, (path), ...]`,
      )
    }
    if (!scope.hasResource(resource)) {
      throw validationFailed(`The specified reference "${resource}" (in unknown) is incorrect.`)
    }
    return scope.attribute(resource, String(attribute), path)
  },
  get_file: (args, scope) => scope.file(String(evaluate(args, scope))),
  str_replace: (args, scope) => strReplace(args, scope, 'str_replace'),
  str_replace_strict: (args, scope) => strReplace(args, scope, 'str_replace_strict'),
  str_replace_vstrict: (args, scope) => strReplace(args, scope, 'str_replace_vstrict'),
  list_join: (args, scope) => {
    const [delimiter, ...lists] = asList(evaluate(args, scope), 'list_join')
    return lists
      .flatMap((l) => asList(l, 'list_join'))
      .map(asText)
      .join(String(delimiter ?? ''))
  },
  if: (args, scope) => {
    const [condition, whenTrue, whenFalse] = asList(args, 'if')
    return evaluateCondition(condition, scope) ? evaluate(whenTrue, scope) : evaluate(whenFalse, scope)
  },
  equals: (args, scope) => {
    const [a, b] = asList(evaluate(args, scope), 'equals')
    return JSON.stringify(a ?? null) === JSON.stringify(b ?? null)
  },
  not: (args, scope) => !evaluateCondition(args, scope),
  and: (args, scope) => asList(args, 'and').every((c) => evaluateCondition(c, scope)),
  or: (args, scope) => asList(args, 'or').some((c) => evaluateCondition(c, scope)),
  repeat: (args, scope) => {
    if (!isMap(args)) throw validationFailed('"repeat" takes a map with template and for_each')
    const forEach = evaluate(args.for_each, scope)
    if (!isMap(forEach)) throw validationFailed('"repeat": for_each must be a map of lists')
    const keys = Object.keys(forEach)
    const lists = keys.map((k) => asList(forEach[k], 'repeat'))
    const combos: unknown[][] = []
    if (args.permutations === false) {
      const n = Math.min(...lists.map((l) => l.length))
      for (let i = 0; i < n; i++) combos.push(lists.map((l) => l[i]))
    } else {
      const build = (i: number, acc: unknown[]) => {
        if (i === lists.length) combos.push(acc)
        else for (const v of lists[i] ?? []) build(i + 1, [...acc, v])
      }
      build(0, [])
    }
    return combos.map((combo) => substitute(args.template, keys, combo, scope))
  },
  map_merge: (args, scope) =>
    Object.assign({}, ...asList(evaluate(args, scope), 'map_merge').filter(isMap)) as Record<string, unknown>,
  map_replace: (args, scope) => {
    const [map, replace] = asList(evaluate(args, scope), 'map_replace')
    if (!isMap(map)) return {}
    const spec = isMap(replace) ? replace : {}
    const keys = isMap(spec.keys) ? spec.keys : {}
    const values = isMap(spec.values) ? spec.values : {}
    return Object.fromEntries(
      Object.entries(map).map(([k, v]) => [
        String(keys[k] ?? k),
        typeof v === 'string' && v in values ? values[v] : v,
      ]),
    )
  },
  str_split: (args, scope) => {
    const [delimiter, text, index] = asList(evaluate(args, scope), 'str_split')
    const parts = asText(text).split(String(delimiter))
    return index === undefined ? parts : (parts[Number(index)] ?? null)
  },
  list_concat: (args, scope) =>
    asList(evaluate(args, scope), 'list_concat').flatMap((l) => asList(l, 'list_concat')),
  list_concat_unique: (args, scope) => {
    const all = asList(evaluate(args, scope), 'list_concat_unique').flatMap((l) =>
      asList(l, 'list_concat_unique'),
    )
    const seen = new Set<string>()
    return all.filter((v) => {
      const key = JSON.stringify(v)
      if (seen.has(key)) return false
      seen.add(key)
      return true
    })
  },
  contains: (args, scope) => {
    const [value, list] = asList(evaluate(args, scope), 'contains')
    return asList(list, 'contains').some((v) => JSON.stringify(v) === JSON.stringify(value))
  },
  filter: (args, scope) => {
    const [remove, list] = asList(evaluate(args, scope), 'filter')
    const drop = asList(remove, 'filter').map((v) => JSON.stringify(v))
    return asList(list, 'filter').filter((v) => !drop.includes(JSON.stringify(v)))
  },
  digest: (args, scope) => {
    const [algorithm, value] = asList(evaluate(args, scope), 'digest')
    return createHash(String(algorithm)).update(asText(value)).digest('hex')
  },
  make_url: (args, scope) => {
    const spec = evaluate(args, scope)
    if (!isMap(spec)) return ''
    const port = spec.port === undefined ? '' : `:${spec.port}`
    const path = asText(spec.path)
    const query = isMap(spec.query) ? `?${new URLSearchParams(spec.query as Record<string, string>)}` : ''
    return `${asText(spec.scheme) || 'http'}://${asText(spec.host)}${port}${path.startsWith('/') || !path ? path : `/${path}`}${query}`
  },
  resource_facade: (args, scope) => scope.facade?.(String(evaluate(args, scope))) ?? null,
  'Fn::Select': (args, scope) => {
    const [index, collection] = asList(evaluate(args, scope), 'Fn::Select')
    return walkPath(collection, [index])
  },
  yaql: () => {
    throw validationFailed('The fake Heat does not evaluate "yaql" expressions')
  },
}

function strReplace(args: unknown, scope: EvalScope, fn: string): string {
  if (!isMap(args)) throw validationFailed(`Arguments to "${fn}" must be a map with template and params`)
  const template = asText(evaluate(args.template, scope))
  const params = evaluate(args.params, scope)
  if (!isMap(params)) throw validationFailed(`"${fn}": params must be a map`)
  let result = template
  // Longer keys first, so `$foo_bar` is not eaten by `$foo`.
  const keys = Object.keys(params).sort((a, b) => b.length - a.length)
  for (const key of keys) {
    if (fn !== 'str_replace' && !template.includes(key)) {
      throw validationFailed(`The following params were not found in the template: ${key}`)
    }
    result = result.split(key).join(asText(params[key]))
  }
  return result
}

function substitute(template: unknown, keys: string[], values: unknown[], scope: EvalScope): unknown {
  const replace = (v: unknown): unknown => {
    if (typeof v === 'string') {
      let out: unknown = v
      keys.forEach((k, i) => {
        if (out === k) out = values[i]
        else if (typeof out === 'string') out = out.split(k).join(asText(values[i]))
      })
      return out
    }
    if (Array.isArray(v)) return v.map(replace)
    if (isMap(v))
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [String(replace(k)), replace(x)]))
    return v
  }
  return evaluate(replace(template), scope)
}

/** The intrinsic call in `value`, if it is one (a one-key map naming a function this fake knows). */
export function callOf(value: unknown): { name: string; args: unknown } | undefined {
  if (!isMap(value)) return undefined
  const keys = Object.keys(value)
  if (keys.length !== 1) return undefined
  const name = keys[0] as string
  // Own keys only: a template key like `__proto__` or `toString` is data, not a function.
  return Object.hasOwn(functions, name) ? { name, args: value[name] } : undefined
}

/** Evaluates every intrinsic function in `value` against a stack's scope. */
export function evaluate(value: unknown, scope: EvalScope): unknown {
  const call = callOf(value)
  if (call) return (functions[call.name] as Fn)(call.args, scope)
  if (Array.isArray(value)) return value.map((v) => evaluate(v, scope))
  if (isMap(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, evaluate(v, scope)]))
  return value
}

/** Names of resources `value` refers to through get_resource and get_attr (implicit dependencies). */
export function referencedResources(value: unknown, out = new Set<string>()): Set<string> {
  const call = callOf(value)
  if (call?.name === 'get_resource' && typeof call.args === 'string') out.add(call.args)
  else if (call?.name === 'get_attr' && Array.isArray(call.args) && typeof call.args[0] === 'string')
    out.add(call.args[0])
  if (Array.isArray(value)) for (const v of value) referencedResources(v, out)
  else if (isMap(value)) for (const v of Object.values(value)) referencedResources(v, out)
  return out
}
