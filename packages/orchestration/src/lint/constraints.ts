import { join } from './path.js'
import type { Finding } from './types.js'
import { isMapping } from './walk.js'

/** Which constraints Heat allows on which parameter type. */
const APPLICABLE: Record<string, string[]> = {
  string: ['length', 'allowed_values', 'allowed_pattern', 'custom_constraint'],
  number: ['range', 'modulo', 'allowed_values', 'custom_constraint'],
  comma_delimited_list: ['length', 'allowed_values', 'custom_constraint'],
  json: ['length', 'allowed_values', 'custom_constraint'],
  boolean: ['allowed_values', 'custom_constraint'],
}
const KINDS = ['range', 'length', 'modulo', 'allowed_values', 'allowed_pattern', 'custom_constraint']
const TRUE = ['true', 't', 'on', 'y', 'yes', '1']
const FALSE = ['false', 'f', 'off', 'n', 'no', '0']

type Typed = { ok: true; value: unknown } | { ok: false; why: string }

/** Parameter defaults that Heat would refuse: wrong type, or outside their own constraints. */
export function checkConstraints(t: Record<string, unknown>, prefix: string): Finding[] {
  if (!isMapping(t.parameters)) return []
  const findings: Finding[] = []
  for (const [name, def] of Object.entries(t.parameters)) {
    if (!isMapping(def)) continue
    const path = join(join(prefix, 'parameters'), name)
    const type = String(def.type)
    const constraints = Array.isArray(def.constraints) ? def.constraints : []
    const applicable = APPLICABLE[type] ?? KINDS
    constraints.forEach((c, i) => {
      const at = join(join(path, 'constraints'), i)
      const kind = isMapping(c) ? Object.keys(c).find((k) => k !== 'description') : undefined
      if (!kind || !KINDS.includes(kind)) {
        findings.push({
          rule: 'invalid-constraint',
          path: at,
          message: `a constraint must be one of ${KINDS.join(', ')}`,
        })
      } else if (!applicable.includes(kind)) {
        findings.push({
          rule: 'invalid-constraint',
          path: join(at, kind),
          message: `${kind} does not apply to a ${type} parameter; Heat allows ${applicable.join(', ')} there`,
        })
      } else if (kind === 'allowed_pattern' && !toRegExp((c as Record<string, unknown>)[kind])) {
        findings.push({
          rule: 'invalid-constraint',
          path: join(at, kind),
          message: 'allowed_pattern is not a valid regular expression',
        })
      }
    })

    if (def.default === undefined || def.default === null) continue
    const typed = coerce(type, def.default)
    const defaultPath = join(path, 'default')
    if (!typed.ok) {
      findings.push({
        rule: 'invalid-default',
        path: defaultPath,
        message: `default of "${name}" ${typed.why}`,
      })
      continue
    }
    for (const c of constraints) {
      if (!isMapping(c)) continue
      const problem = violation(c, typed.value, type)
      if (problem) {
        const description = typeof c.description === 'string' ? ` ("${c.description}")` : ''
        findings.push({
          rule: 'invalid-default',
          path: defaultPath,
          message: `default ${JSON.stringify(def.default)} of "${name}" breaks its own constraint${description}: ${problem}; change the default or the constraint`,
        })
      }
    }
  }
  return findings
}

/** The default as Heat would read it for that type, or why it cannot. */
function coerce(type: string, value: unknown): Typed {
  switch (type) {
    case 'number': {
      const n =
        typeof value === 'number'
          ? value
          : typeof value === 'string' && value.trim() !== ''
            ? Number(value)
            : Number.NaN
      return Number.isFinite(n)
        ? { ok: true, value: n }
        : { ok: false, why: `is ${JSON.stringify(value)}, not a number` }
    }
    case 'boolean': {
      if (typeof value === 'boolean') return { ok: true, value }
      const s = String(value).toLowerCase()
      if (TRUE.includes(s)) return { ok: true, value: true }
      if (FALSE.includes(s)) return { ok: true, value: false }
      return { ok: false, why: `is ${JSON.stringify(value)}, not a boolean (true/false)` }
    }
    case 'comma_delimited_list':
      if (Array.isArray(value)) return { ok: true, value: value.map(String) }
      if (typeof value === 'string')
        return { ok: true, value: value === '' ? [] : value.split(',').map((s) => s.trim()) }
      return { ok: false, why: `is ${JSON.stringify(value)}, not a list or comma-separated string` }
    case 'json':
      if (value && typeof value === 'object') return { ok: true, value }
      if (typeof value === 'string') {
        try {
          const parsed: unknown = JSON.parse(value)
          if (parsed && typeof parsed === 'object') return { ok: true, value: parsed }
        } catch {}
      }
      return { ok: false, why: `is ${JSON.stringify(value)}, not a JSON object or list` }
    case 'string':
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
        return { ok: true, value: String(value) }
      return { ok: false, why: `is ${JSON.stringify(value)}, not a string` }
    default:
      return { ok: true, value }
  }
}

/** What is wrong with `value` under one constraint, or undefined. */
function violation(c: Record<string, unknown>, value: unknown, type: string): string | undefined {
  if (isMapping(c.range) && typeof value === 'number') {
    const { min, max } = c.range
    if (typeof min === 'number' && value < min) return `range wants at least ${min}`
    if (typeof max === 'number' && value > max) return `range wants at most ${max}`
  }
  if (isMapping(c.length)) {
    const size =
      typeof value === 'string' || Array.isArray(value)
        ? value.length
        : isMapping(value)
          ? Object.keys(value).length
          : undefined
    const { min, max } = c.length
    if (size !== undefined && typeof min === 'number' && size < min)
      return `length wants at least ${min}, it has ${size}`
    if (size !== undefined && typeof max === 'number' && size > max)
      return `length wants at most ${max}, it has ${size}`
  }
  if (isMapping(c.modulo) && typeof value === 'number') {
    const { step, offset } = c.modulo
    if (
      typeof step === 'number' &&
      typeof offset === 'number' &&
      step !== 0 &&
      pythonMod(value, step) !== offset
    ) {
      return `modulo wants value % ${step} == ${offset}`
    }
  }
  if (Array.isArray(c.allowed_values) && type !== 'json') {
    const norm = (v: unknown) =>
      type === 'number' ? Number(v) : type === 'boolean' ? asBoolean(v) : String(v)
    const allowed = c.allowed_values.map(norm)
    const items = Array.isArray(value) ? value : [value]
    const bad = items.find((v) => !allowed.includes(norm(v)))
    if (bad !== undefined) return `${JSON.stringify(bad)} is not one of ${JSON.stringify(c.allowed_values)}`
  }
  if (typeof c.allowed_pattern === 'string' && typeof value === 'string') {
    const re = toRegExp(c.allowed_pattern)
    if (re && !re.test(value)) return `does not match allowed_pattern ${c.allowed_pattern}`
  }
  return undefined
}

function asBoolean(v: unknown): boolean | undefined {
  const typed = coerce('boolean', v)
  return typed.ok ? (typed.value as boolean) : undefined
}

/** Python's `%`: the result takes the sign of the divisor. */
function pythonMod(a: number, b: number): number {
  return ((a % b) + b) % b
}

/** Heat matches the whole value (`re.match` plus an end check); Python's named groups become JS ones. */
function toRegExp(pattern: unknown): RegExp | undefined {
  if (typeof pattern !== 'string') return undefined
  try {
    return new RegExp(`^(?:${pattern.replace(/\(\?P</g, '(?<').replace(/\\Z/g, '$')})$`, 'u')
  } catch {
    try {
      return new RegExp(`^(?:${pattern.replace(/\(\?P</g, '(?<')})$`)
    } catch {
      return undefined
    }
  }
}
