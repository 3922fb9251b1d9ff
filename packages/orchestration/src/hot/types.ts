/**
 * The HOT (Heat Orchestration Template) document model. Keys are HOT's own snake_case
 * keys: a template is a document Heat reads, so the model mirrors the document.
 */

/** Date versions Heat accepts, and their release-name aliases. */
export const HOT_VERSIONS = [
  '2013-05-23',
  '2014-10-16',
  '2015-04-30',
  '2015-10-15',
  '2016-04-08',
  '2016-10-14',
  'newton',
  '2017-02-24',
  'ocata',
  '2017-09-01',
  'pike',
  '2018-03-02',
  'queens',
  '2018-08-31',
  'rocky',
  '2021-04-16',
  'wallaby',
] as const

export type HotVersion = (typeof HOT_VERSIONS)[number]

export type ParameterType = 'string' | 'number' | 'json' | 'comma_delimited_list' | 'boolean'

interface ConstraintBase {
  description?: string
}
export interface RangeConstraint extends ConstraintBase {
  range: { min?: number; max?: number }
}
export interface LengthConstraint extends ConstraintBase {
  length: { min?: number; max?: number }
}
export interface ModuloConstraint extends ConstraintBase {
  modulo: { step: number; offset: number }
}
export interface AllowedValuesConstraint extends ConstraintBase {
  allowed_values: unknown[]
}
export interface AllowedPatternConstraint extends ConstraintBase {
  allowed_pattern: string
}
export interface CustomConstraint extends ConstraintBase {
  custom_constraint: string
}

export type ParameterConstraint =
  | RangeConstraint
  | LengthConstraint
  | ModuloConstraint
  | AllowedValuesConstraint
  | AllowedPatternConstraint
  | CustomConstraint

export interface HotParameter {
  type: ParameterType
  label?: string
  description?: string
  default?: unknown
  /** Heat echoes the value as `******` in stack show and events. */
  hidden?: boolean
  constraints?: ParameterConstraint[]
  immutable?: boolean
  tags?: string[]
}

export interface ParameterGroup {
  label?: string
  description?: string
  parameters: string[]
}

export type DeletionPolicy = 'Delete' | 'Retain' | 'Snapshot'

export interface HotResource {
  type: string
  properties?: Record<string, unknown>
  metadata?: unknown
  depends_on?: string | string[]
  /** A condition name, a boolean, or (2018-03-02+) a condition expression. */
  condition?: unknown
  update_policy?: Record<string, unknown>
  deletion_policy?: DeletionPolicy | Lowercase<DeletionPolicy>
  external_id?: unknown
}

export interface HotOutput {
  description?: string
  value: unknown
  condition?: unknown
}

export interface HotTemplate {
  heat_template_version: HotVersion | (string & {})
  description?: string
  parameter_groups?: ParameterGroup[]
  parameters?: Record<string, HotParameter>
  resources?: Record<string, HotResource>
  outputs?: Record<string, HotOutput>
  conditions?: Record<string, unknown>
}

/** A Heat environment: what `environment` and each `environment_files` entry hold. */
export interface HotEnvironment {
  parameters?: Record<string, unknown>
  parameter_defaults?: Record<string, unknown>
  /** Type → type or template file; `resources: { name: { type → … } }` overrides one resource. */
  resource_registry?: Record<string, unknown>
  encrypted_param_names?: string[]
  event_sinks?: unknown[]
  parameter_merge_strategies?: Record<string, string>
}
