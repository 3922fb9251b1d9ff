import { OpenStackError } from '@magnum-ts/auth'

/** The HTTP status Magnum answers with for each class of API-layer problem. */
export type MagnumStatus = 400 | 403 | 404 | 409

export interface ValidationErrorDetails {
  /** Magnum's wire name of the offending field, e.g. `master_count` or `labels.flannel_backend`. */
  field: string
  /** What is wrong, in Magnum's words where Magnum has words for it. */
  message: string
  /** What the caller should do instead. */
  fix: string
}

/**
 * A request Magnum's API layer would refuse: carries the HTTP status Magnum returns, the field at
 * fault, and a fix. The message reads "<problem> (field "<field>"). Fix: <fix>".
 */
export class MagnumValidationError extends OpenStackError {
  readonly status: MagnumStatus
  readonly field: string
  readonly problem: string
  readonly fix: string
  constructor(code: string, status: MagnumStatus, details: ValidationErrorDetails) {
    super(code, `${details.message} (field "${details.field}"). Fix: ${details.fix}`)
    this.status = status
    this.field = details.field
    this.problem = details.message
    this.fix = details.fix
  }
}

/** Magnum's `InvalidParameterValue` (400): a value outside what the field accepts. */
export class InvalidParameterValueError extends MagnumValidationError {
  constructor(details: ValidationErrorDetails, code = 'INVALID_PARAMETER_VALUE') {
    super(code, 400, details)
  }
}

/** A mandatory field is missing (Magnum answers 400). */
export class RequiredParameterMissingError extends MagnumValidationError {
  constructor(details: ValidationErrorDetails) {
    super('REQUIRED_PARAMETER_NOT_PROVIDED', 400, details)
  }
}

/** `dns_nameserver` holds something that is not an IP address (Magnum's `InvalidDNS`, 400). */
export class InvalidDnsError extends MagnumValidationError {
  constructor(details: ValidationErrorDetails) {
    super('INVALID_DNS', 400, details)
  }
}

/** No installed driver serves the requested COE: "Requested COE type X is not supported." (400). */
export class CoeNotSupportedError extends MagnumValidationError {
  readonly coe: string
  constructor(coe: string, fix: string) {
    super('COE_NOT_SUPPORTED', 400, {
      field: 'coe',
      message: `Requested COE type ${coe} is not supported.`,
      fix,
    })
    this.coe = coe
  }
}

/** The template is used by clusters, so only a rename or a public/hidden toggle is allowed (400). */
export class ClusterTemplateReferencedError extends MagnumValidationError {
  readonly clusterTemplate: string
  constructor(clusterTemplate: string, field: string, action: 'update' | 'delete') {
    super('CLUSTER_TEMPLATE_REFERENCED', 400, {
      field,
      message: `ClusterTemplate ${clusterTemplate} is referenced by one or more clusters, so it cannot be ${action === 'delete' ? 'deleted' : `changed (${field})`}`,
      fix:
        action === 'delete'
          ? 'delete the clusters that use it first'
          : 'create a new cluster template with the change (a template in use may only be renamed, made public, or have hidden toggled, one at a time)',
    })
    this.clusterTemplate = clusterTemplate
  }
}

/** Setting `public` or `hidden` on a template needs the admin role (Magnum's publish policy, 403). */
export class ClusterTemplatePublishDeniedError extends MagnumValidationError {
  constructor(field: 'public' | 'hidden') {
    super('CLUSTER_TEMPLATE_PUBLISH_DENIED', 403, {
      field,
      message: `Not authorized to set ${field} on a cluster template`,
      fix: `leave ${field} unset, or ask a cloud administrator (the admin role) to ${field === 'public' ? 'publish' : 'hide'} it`,
    })
  }
}

/** A (server type, os distro, coe) triple no enabled driver provides (Magnum's `ClusterTypeNotSupported`, 400). */
export class ClusterTypeNotSupportedError extends MagnumValidationError {
  readonly serverType: string
  readonly os: string
  readonly coe: string
  /** Every triple an enabled driver provides, as `server_type/os/coe (driver name)`. */
  readonly installed: string[]
  constructor(triple: { serverType: string; os: string; coe: string }, installed: string[]) {
    super('CLUSTER_TYPE_NOT_SUPPORTED', 400, {
      field: 'cluster_distro',
      message: `Cluster type (${triple.serverType}, ${triple.os}, ${triple.coe}) not supported`,
      fix: `use an image whose os_distro property, and a server_type and coe, match an installed driver, or register a driver for this type. Installed: ${installed.length > 0 ? installed.join('; ') : '(none)'}`,
    })
    this.serverType = triple.serverType
    this.os = triple.os
    this.coe = triple.coe
    this.installed = installed
  }
}

/** Several validation errors at once, so a caller can fix everything in one round. */
export class ValidationErrors extends OpenStackError {
  readonly errors: MagnumValidationError[]
  /** The status of the first error, which is the one Magnum would have answered with. */
  readonly status: MagnumStatus
  constructor(errors: MagnumValidationError[]) {
    super('VALIDATION_FAILED', `${errors.length} problems: ${errors.map((e) => e.message).join(' | ')}`)
    this.errors = errors
    this.status = errors[0]?.status ?? 400
  }
}

/** Throws the single error, or all of them as `ValidationErrors`; does nothing when the list is empty. */
export function throwIfInvalid(errors: readonly MagnumValidationError[]): void {
  if (errors.length === 1) throw errors[0]
  if (errors.length > 1) throw new ValidationErrors([...errors])
}
