/** A parameter as `POST /validate` describes it (CloudFormation-style keys). */
export interface ValidatedParameter {
  Type: string
  Description?: string
  Default?: unknown
  NoEcho?: string
  Label?: string
  MinValue?: number
  MaxValue?: number
  MinLength?: number
  MaxLength?: number
  AllowedValues?: unknown[]
  AllowedPattern?: string
  CustomConstraint?: string
  ConstraintDescription?: string
  Value?: unknown
  Immutable?: boolean
  Tags?: string[]
}

/** What `POST /validate` returns for a template Heat accepts. */
export interface ValidateResult {
  Description: string
  Parameters: Record<string, ValidatedParameter>
  ParameterGroups?: { label?: string; description?: string; parameters: string[] }[]
  Environment?: Record<string, unknown>
}
