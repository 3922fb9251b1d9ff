import type {
  HotOutput,
  HotParameter,
  HotResource,
  HotTemplate,
  HotVersion,
  ParameterConstraint,
  ParameterGroup,
  ParameterType,
} from './types.js'

/** The version new templates get: rocky, the newest Magnum's templates rely on. */
export const DEFAULT_HOT_VERSION: HotVersion = '2018-08-31'

export interface TemplateInput {
  version?: HotTemplate['heat_template_version']
  description?: string
  parameterGroups?: ParameterGroup[]
  parameters?: Record<string, HotParameter>
  conditions?: Record<string, unknown>
  resources?: Record<string, HotResource>
  outputs?: Record<string, HotOutput>
}

/** A template with HOT's usual section order; empty sections are left out. */
export function hotTemplate(input: TemplateInput = {}): HotTemplate {
  const t: HotTemplate = { heat_template_version: input.version ?? DEFAULT_HOT_VERSION }
  if (input.description !== undefined) t.description = input.description
  if (input.parameterGroups?.length) t.parameter_groups = input.parameterGroups
  if (input.parameters && Object.keys(input.parameters).length) t.parameters = input.parameters
  if (input.conditions && Object.keys(input.conditions).length) t.conditions = input.conditions
  t.resources = input.resources ?? {}
  if (input.outputs && Object.keys(input.outputs).length) t.outputs = input.outputs
  return t
}

export interface ParameterInput {
  label?: string
  description?: string
  default?: unknown
  hidden?: boolean
  constraints?: ParameterConstraint[]
  immutable?: boolean
  tags?: string[]
}

/** A parameter declaration: `parameter('number', { default: 1, constraints: [range({ min: 1 })] })`. */
export function parameter(type: ParameterType, input: ParameterInput = {}): HotParameter {
  const p: HotParameter = { type }
  if (input.label !== undefined) p.label = input.label
  if (input.description !== undefined) p.description = input.description
  if (input.default !== undefined) p.default = input.default
  if (input.hidden !== undefined) p.hidden = input.hidden
  if (input.immutable !== undefined) p.immutable = input.immutable
  if (input.tags?.length) p.tags = input.tags
  if (input.constraints?.length) p.constraints = input.constraints
  return p
}

export interface ResourceInput {
  dependsOn?: string | string[]
  condition?: unknown
  metadata?: unknown
  updatePolicy?: Record<string, unknown>
  deletionPolicy?: HotResource['deletion_policy']
  externalId?: unknown
}

/** A resource: `resource('OS::Heat::RandomString', { length: 8 }, { dependsOn: 'net' })`. */
export function resource(
  type: string,
  properties?: Record<string, unknown>,
  input: ResourceInput = {},
): HotResource {
  const r: HotResource = { type }
  if (properties !== undefined) r.properties = properties
  if (input.metadata !== undefined) r.metadata = input.metadata
  if (input.dependsOn !== undefined) r.depends_on = input.dependsOn
  if (input.condition !== undefined) r.condition = input.condition
  if (input.updatePolicy !== undefined) r.update_policy = input.updatePolicy
  if (input.deletionPolicy !== undefined) r.deletion_policy = input.deletionPolicy
  if (input.externalId !== undefined) r.external_id = input.externalId
  return r
}

/** An output: `output(fn.getAttr('server', 'first_address'), 'the address')`. */
export function output(value: unknown, description?: string, condition?: unknown): HotOutput {
  const o: HotOutput = { value }
  if (description !== undefined) o.description = description
  if (condition !== undefined) o.condition = condition
  return o
}

const withDescription = <T extends object>(c: T, description?: string): T =>
  description === undefined ? c : { ...c, description }

/** Parameter constraint builders, e.g. `constraint.range({ min: 1, max: 5 })`. */
export const constraint = {
  range: (range: { min?: number; max?: number }, description?: string): ParameterConstraint =>
    withDescription({ range }, description),
  length: (length: { min?: number; max?: number }, description?: string): ParameterConstraint =>
    withDescription({ length }, description),
  modulo: (modulo: { step: number; offset: number }, description?: string): ParameterConstraint =>
    withDescription({ modulo }, description),
  allowedValues: (values: unknown[], description?: string): ParameterConstraint =>
    withDescription({ allowed_values: values }, description),
  allowedPattern: (pattern: string, description?: string): ParameterConstraint =>
    withDescription({ allowed_pattern: pattern }, description),
  custom: (name: string, description?: string): ParameterConstraint =>
    withDescription({ custom_constraint: name }, description),
} as const
