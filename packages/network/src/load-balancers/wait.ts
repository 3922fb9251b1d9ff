import { abortableSleep, NotFoundError, type Session } from '@magnum-ts/auth'
import { LoadBalancerFailedError, WaitTimeoutError } from '../errors.js'
import { getLoadBalancer } from './load-balancers.js'
import type { LoadBalancer, WaitForLoadBalancerOptions } from './types.js'

/**
 * Polls a load balancer with backoff until its provisioning_status is ACTIVE (resolves with
 * it) or until it is gone (`'DELETED'`: resolves with undefined on 404 or status DELETED).
 * Rejects with `LoadBalancerFailedError` on ERROR, `WaitTimeoutError` on timeout, and the
 * signal's reason when aborted.
 */
export async function waitForLoadBalancer(
  session: Session,
  id: string,
  until: 'ACTIVE' | 'DELETED',
  options: WaitForLoadBalancerOptions = {},
): Promise<LoadBalancer | undefined> {
  const timeoutMs = options.timeoutMs ?? 15 * 60_000
  const maxIntervalMs = options.maxIntervalMs ?? 15_000
  let intervalMs = options.intervalMs ?? 2_000
  const deadline = Date.now() + timeoutMs
  let lastStatus: string | undefined
  for (;;) {
    options.signal?.throwIfAborted()
    let lb: LoadBalancer | undefined
    try {
      lb = await getLoadBalancer(session, id, options.signal ? { signal: options.signal } : {})
    } catch (error) {
      if (until === 'DELETED' && error instanceof NotFoundError) return undefined
      throw error
    }
    options.onPoll?.(lb)
    lastStatus = lb.provisioning_status
    if (lastStatus === until) return until === 'DELETED' ? undefined : lb
    if (lastStatus === 'ERROR') {
      throw new LoadBalancerFailedError({
        id,
        provisioningStatus: lastStatus,
        operatingStatus: lb.operating_status,
        waitingFor: until,
      })
    }
    const remaining = deadline - Date.now()
    if (remaining <= 0) {
      throw new WaitTimeoutError({ resource: 'load balancer', id, waitingFor: until, lastStatus, timeoutMs })
    }
    await abortableSleep(Math.min(intervalMs, remaining), options.signal)
    intervalMs = Math.min(Math.ceil(intervalMs * 1.5), maxIntervalMs)
  }
}
