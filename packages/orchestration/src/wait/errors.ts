import { OpenStackError } from '@magnum-ts/auth'

/** A resource found in a `*_FAILED` state when its stack failed. */
export interface FailedResource {
  name: string
  type: string
  status: string
  statusReason: string
  physicalId: string
  /** The resource of the parent stack this one is nested under (undefined at the top level). */
  parentResource: string | undefined
}

/**
 * A stack reached a `*_FAILED` status (or rolled back) while we waited for another one.
 * `failedResources` lists the failed resources of the stack and its nested stacks, the
 * innermost (the likely cause) first.
 */
export class StackFailedError extends OpenStackError {
  readonly stackId: string
  readonly stackName: string
  readonly status: string
  readonly statusReason: string
  readonly failedResources: FailedResource[]
  constructor(args: {
    stackId: string
    stackName: string
    status: string
    statusReason: string
    failedResources: FailedResource[]
  }) {
    const causes = args.failedResources
      .map(
        (r) =>
          `${r.parentResource ? `${r.parentResource}/` : ''}${r.name} (${r.type}) ${r.status}: ${r.statusReason}`,
      )
      .join('; ')
    super(
      'STACK_FAILED',
      `Stack ${args.stackName} (${args.stackId}) is ${args.status}: ${args.statusReason}${causes ? `. Failed resources: ${causes}` : ''}`,
    )
    this.stackId = args.stackId
    this.stackName = args.stackName
    this.status = args.status
    this.statusReason = args.statusReason
    this.failedResources = args.failedResources
  }
}

/** `waitForStack` gave up after `timeoutMs`; the stack may still get there. */
export class StackWaitTimeoutError extends OpenStackError {
  readonly stackId: string
  readonly stackName: string
  /** The last status seen. */
  readonly status: string
  readonly until: readonly string[]
  readonly timeoutMs: number
  constructor(args: {
    stackId: string
    stackName: string
    status: string
    until: readonly string[]
    timeoutMs: number
  }) {
    super(
      'STACK_WAIT_TIMEOUT',
      `Stack ${args.stackName} (${args.stackId}) is still ${args.status} after ${args.timeoutMs} ms waiting for ${args.until.join(' or ')}; raise timeoutMs or keep polling with waitForStack`,
    )
    this.stackId = args.stackId
    this.stackName = args.stackName
    this.status = args.status
    this.until = args.until
    this.timeoutMs = args.timeoutMs
  }
}
