import type { HotParameter, HotTemplate, ParameterConstraint } from '@magnum-ts/orchestration'
import type { CloudState } from '../state.js'
import { validationFailed } from './errors.js'

const TRUE = ['true', 't', 'yes', 'y', 'on', '1']
const FALSE = ['false', 'f', 'no', 'n', 'off', '0']

/** A parameter value converted to its declared type, or Heat's 400 naming the parameter. */
function convert(name: string, spec: HotParameter, value: unknown): unknown {
  switch (spec.type) {
    case 'number': {
      const n = typeof value === 'number' ? value : Number(String(value).trim())
      if (value === '' || !Number.isFinite(n))
        throw validationFailed(`Parameter '${name}' is invalid: Value '${String(value)}' is not an integer`)
      return n
    }
    case 'boolean': {
      if (typeof value === 'boolean') return value
      const text = String(value).toLowerCase()
      if (TRUE.includes(text)) return true
      if (FALSE.includes(text)) return false
      throw validationFailed(
        `Parameter '${name}' is invalid: Unrecognized value "${String(value)}", acceptable values are: true, false.`,
      )
    }
    case 'comma_delimited_list':
      if (Array.isArray(value)) return value.map(String)
      return String(value) === ''
        ? []
        : String(value)
            .split(',')
            .map((s) => s.trim())
    case 'json':
      if (typeof value !== 'string') return value
      try {
        return value === '' ? {} : JSON.parse(value)
      } catch {
        throw validationFailed(`Parameter '${name}' is invalid: Value must be valid JSON: ${value}`)
      }
    default:
      if (value !== null && typeof value === 'object') return JSON.stringify(value)
      return String(value)
  }
}

const lengthOf = (v: unknown) =>
  Array.isArray(v) ? v.length : typeof v === 'object' && v ? Object.keys(v).length : String(v).length

/** Looks up the named object for a `custom_constraint`; unknown constraints pass, as Heat's absent plugins do. */
function customCheck(constraint: string, value: string, state: CloudState): string | undefined {
  const byNameOrId = (items: Iterable<{ id: string; name?: string | null }>, kind: string) =>
    [...items].some((x) => x.id === value || x.name === value)
      ? undefined
      : `Error validating value '${value}': The ${kind} (${value}) could not be found.`
  switch (constraint) {
    case 'nova.flavor':
      return byNameOrId(state.compute.flavors.values(), 'Flavor')
    case 'glance.image':
      return byNameOrId(state.image.images.values(), 'Image')
    case 'nova.keypair':
      return [...state.compute.keypairs.values()].some((k) => k.name === value)
        ? undefined
        : `Error validating value '${value}': The Key (${value}) could not be found.`
    case 'neutron.network':
      return byNameOrId(state.network.networks.values(), 'Network')
    case 'neutron.subnet':
      return byNameOrId(state.network.subnets.values(), 'Subnet')
    default:
      return undefined
  }
}

function check(name: string, value: unknown, constraint: ParameterConstraint, state: CloudState) {
  let problem: string | undefined
  const describe = (min?: number, max?: number) =>
    [min === undefined ? '' : `min: ${min}`, max === undefined ? '' : `max: ${max}`]
      .filter(Boolean)
      .join(', ')
  if ('range' in constraint) {
    const { min, max } = constraint.range
    const n = Number(value)
    if ((min !== undefined && n < min) || (max !== undefined && n > max))
      problem = `${String(value)} is out of range (${describe(min, max)})`
  } else if ('length' in constraint) {
    const { min, max } = constraint.length
    const n = lengthOf(value)
    if ((min !== undefined && n < min) || (max !== undefined && n > max))
      problem = `length (${n}) is out of range (${describe(min, max)})`
  } else if ('allowed_values' in constraint) {
    const values = Array.isArray(value) ? value : [value]
    const allowed = constraint.allowed_values.map(String)
    if (!values.every((v) => allowed.includes(String(v))))
      problem = `"${String(value)}" is not an allowed value [${allowed.join(', ')}]`
  } else if ('allowed_pattern' in constraint) {
    if (!new RegExp(`^(?:${constraint.allowed_pattern})$`).test(String(value)))
      problem = `"${String(value)}" does not match pattern "${constraint.allowed_pattern}"`
  } else if ('modulo' in constraint) {
    const { step, offset } = constraint.modulo
    if ((Number(value) - offset) % step !== 0)
      problem = `${String(value)} is not a multiple of ${step} with an offset of ${offset}`
  } else if ('custom_constraint' in constraint && value !== '') {
    problem = customCheck(constraint.custom_constraint, String(value), state)
  }
  if (problem) throw validationFailed(`Parameter '${name}' is invalid: ${constraint.description ?? problem}`)
}

/**
 * Every parameter's value: given, else the environment's parameter_defaults, else the
 * template default; typed and checked against its constraints (Heat's 400 otherwise).
 */
export function resolveParameters(
  template: HotTemplate,
  given: Record<string, unknown>,
  defaults: Record<string, unknown>,
  state: CloudState,
  options: { strict: boolean },
): Record<string, unknown> {
  const declared = template.parameters ?? {}
  if (options.strict) {
    for (const name of Object.keys(given)) {
      if (!(name in declared)) unknownParameter(name)
    }
  }
  const values: Record<string, unknown> = {}
  for (const [name, spec] of Object.entries(declared)) {
    // A null value counts as not given (real Heat applies the default; Magnum sends unset labels as null).
    const pick = (source: Record<string, unknown>) => (source[name] === null ? undefined : source[name])
    const raw = pick(given) ?? pick(defaults) ?? spec.default
    if (raw === undefined) throw validationFailed(`The Parameter (${name}) was not provided.`)
    const value = convert(name, spec, raw)
    for (const c of spec.constraints ?? []) check(name, value, c, state)
    values[name] = value
  }
  return values
}

function unknownParameter(name: string): never {
  throw validationFailed(`The Parameter (${name}) was not defined in template.`)
}
