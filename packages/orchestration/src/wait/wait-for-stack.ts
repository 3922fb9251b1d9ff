import { abortableSleep, NotFoundError, type Session } from '@magnum-ts/auth'
import { resolveStack, type StackIdentity, type StackRef } from '../common/stack-ref.js'
import { listEvents } from '../events/requests.js'
import type { StackEvent } from '../events/types.js'
import { listResources } from '../resources/requests.js'
import type { StackResource } from '../resources/types.js'
import { getStack } from '../stacks/requests.js'
import type { Stack, StackStatus } from '../stacks/types.js'
import { type FailedResource, StackFailedError, StackWaitTimeoutError } from './errors.js'

export interface WaitForStackOptions {
  /** The status (or any of the statuses) to wait for. */
  until: StackStatus | readonly StackStatus[]
  signal?: AbortSignal
  /** Called once per new event, oldest first. */
  onEvent?: (event: StackEvent) => void
  /** Only events after this id are streamed (see `latestEventId`); default: every event of the stack. */
  eventMarker?: string
  /** Stream events of nested stacks down to this depth too. Default 0. */
  eventNestedDepth?: number
  /** How deep to look for failed resources when the stack fails. Default 5. */
  failureNestedDepth?: number
  /** First poll interval; grows ×1.5 while nothing happens, back to this on new events. Default 2000. */
  pollIntervalMs?: number
  /** Ceiling of the poll interval. Default 15000. */
  maxIntervalMs?: number
  /** Give up with `StackWaitTimeoutError` after this long. Default: never. */
  timeoutMs?: number
  /** Injectable sleep and clock, for tests. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
  now?: () => number
}

/**
 * Polls a stack until it reaches `until`, streaming each new event once to `onEvent`.
 * Rejects with `StackFailedError` on any `*_FAILED` status (and on a rollback the caller
 * did not ask for), naming the failed resources. Waiting for DELETE_COMPLETE, a stack that
 * is gone counts as deleted, and the promise resolves with `undefined`.
 */
export function waitForStack(
  session: Session,
  stack: StackRef,
  options: WaitForStackOptions & { until: 'DELETE_COMPLETE' },
): Promise<Stack | undefined>
export function waitForStack(session: Session, stack: StackRef, options: WaitForStackOptions): Promise<Stack>
export async function waitForStack(
  session: Session,
  stack: StackRef,
  options: WaitForStackOptions,
): Promise<Stack | undefined> {
  const until: readonly string[] = typeof options.until === 'string' ? [options.until] : options.until
  const waitingForDelete = until.includes('DELETE_COMPLETE')
  const sleep = options.sleep ?? abortableSleep
  const now = options.now ?? Date.now
  const base = options.pollIntervalMs ?? 2000
  const ceiling = Math.max(base, options.maxIntervalMs ?? 15_000)
  const started = now()
  const seen = new Set<string>()
  let marker = options.eventMarker
  let interval = base

  let identity: StackIdentity
  try {
    identity = await resolveStack(session, stack, options.signal)
  } catch (error) {
    if (waitingForDelete && error instanceof NotFoundError) return undefined
    throw error
  }

  for (;;) {
    options.signal?.throwIfAborted()
    let current: Stack
    try {
      // The full identity finds deleted stacks too (as DELETE_COMPLETE), unlike a name.
      current = await getStack(session, identity, {
        resolveOutputs: false,
        ...(options.signal ? { signal: options.signal } : {}),
      })
    } catch (error) {
      if (waitingForDelete && error instanceof NotFoundError) {
        return undefined
      }
      throw error
    }

    // Events after the status read, so the event that set this status is streamed before we return.
    let fresh = 0
    if (options.onEvent) {
      for await (const event of listEvents(session, identity, {
        ...(marker === undefined ? {} : { marker }),
        ...(options.eventNestedDepth ? { nestedDepth: options.eventNestedDepth } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      })) {
        marker = event.id
        if (seen.has(event.id)) continue
        seen.add(event.id)
        fresh++
        options.onEvent(event)
      }
    }

    const status = current.stack_status
    if (until.includes(status)) return current
    if (isFailure(status, until)) {
      throw new StackFailedError({
        stackId: identity.id,
        stackName: identity.name,
        status,
        statusReason: current.stack_status_reason,
        failedResources: await failedResources(session, identity, options),
      })
    }

    const elapsed = now() - started
    if (options.timeoutMs !== undefined && elapsed >= options.timeoutMs) {
      throw new StackWaitTimeoutError({
        ...{ stackId: identity.id, stackName: identity.name },
        status,
        until,
        timeoutMs: options.timeoutMs,
      })
    }
    if (fresh > 0) interval = base
    const pause = interval
    interval = Math.min(ceiling, Math.round(interval * 1.5))
    const remaining =
      options.timeoutMs === undefined ? pause : Math.max(0, Math.min(pause, options.timeoutMs - elapsed))
    await sleep(remaining, options.signal)
  }
}

/** `*_FAILED`, or a rollback or deletion nobody waited for: the operation did not happen. */
function isFailure(status: string, until: readonly string[]): boolean {
  if (status.endsWith('_FAILED')) return true
  if (status === 'ROLLBACK_COMPLETE') return !until.some((u) => u.startsWith('ROLLBACK_'))
  if (status === 'DELETE_COMPLETE') return true
  return false
}

async function failedResources(
  session: Session,
  identity: StackIdentity,
  options: WaitForStackOptions,
): Promise<FailedResource[]> {
  let resources: StackResource[]
  try {
    resources = await listResources(session, identity, {
      nestedDepth: options.failureNestedDepth ?? 5,
      ...(options.signal ? { signal: options.signal } : {}),
    })
  } catch {
    // The failure itself matters more than its details: report it without resources.
    return []
  }
  const failed = resources.filter((r) => r.resource_status.endsWith('_FAILED'))
  // A failed resource that is the parent of another failed one only failed because of it.
  const parents = new Set(failed.map((r) => r.parent_resource).filter((p): p is string => !!p))
  const leavesFirst = [
    ...failed.filter((r) => !parents.has(r.resource_name)),
    ...failed.filter((r) => parents.has(r.resource_name)),
  ]
  return leavesFirst.map((r) => ({
    name: r.resource_name,
    type: r.resource_type,
    status: r.resource_status,
    statusReason: r.resource_status_reason,
    physicalId: r.physical_resource_id,
    parentResource: r.parent_resource ?? undefined,
  }))
}
