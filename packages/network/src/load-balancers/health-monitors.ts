import type { Session } from '@magnum-ts/auth'
import { healthMonitors } from '../internal/collections.js'
import { type CallOptions, createOne, deleteOne, getOne, listAll } from '../internal/crud.js'
import type { HealthMonitor } from './types.js'

export interface CreateHealthMonitorOptions {
  poolId: string
  type: 'HTTP' | 'HTTPS' | 'PING' | 'TCP' | 'TLS-HELLO' | 'UDP-CONNECT' | 'SCTP'
  /** Seconds between probes. */
  delay: number
  /** Seconds a probe may take; must be below `delay`. */
  timeout: number
  /** Successful probes before a member is ONLINE (1–10). */
  maxRetries: number
  maxRetriesDown?: number
  httpMethod?: string
  urlPath?: string
  expectedCodes?: string
  name?: string
  adminStateUp?: boolean
  signal?: AbortSignal
}

/** Lists health monitors (`GET /v2/lbaas/healthmonitors`), across pages. */
export function listHealthMonitors(
  session: Session,
  options: { poolId?: string; limit?: number; signal?: AbortSignal } = {},
): AsyncGenerator<HealthMonitor> {
  return listAll<HealthMonitor>(
    session,
    healthMonitors,
    { pool_id: options.poolId, limit: options.limit },
    options,
  )
}

/** Gets one health monitor (`GET /v2/lbaas/healthmonitors/{id}`). */
export function getHealthMonitor(
  session: Session,
  id: string,
  options: CallOptions = {},
): Promise<HealthMonitor> {
  return getOne<HealthMonitor>(session, healthMonitors, id, options)
}

/** Creates a health monitor on a pool (`POST /v2/lbaas/healthmonitors`). */
export function createHealthMonitor(
  session: Session,
  options: CreateHealthMonitorOptions,
): Promise<HealthMonitor> {
  return createOne<HealthMonitor>(
    session,
    healthMonitors,
    {
      pool_id: options.poolId,
      type: options.type,
      delay: options.delay,
      timeout: options.timeout,
      max_retries: options.maxRetries,
      max_retries_down: options.maxRetriesDown,
      http_method: options.httpMethod,
      url_path: options.urlPath,
      expected_codes: options.expectedCodes,
      name: options.name,
      admin_state_up: options.adminStateUp,
    },
    options,
  )
}

/** Deletes a health monitor (`DELETE /v2/lbaas/healthmonitors/{id}`). */
export function deleteHealthMonitor(session: Session, id: string, options: CallOptions = {}): Promise<void> {
  return deleteOne(session, healthMonitors, id, options)
}
