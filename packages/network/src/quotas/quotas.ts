import { OpenStackError, type Session } from '@magnum-ts/auth'
import type { components } from '../generated/network.js'
import type { CallOptions } from '../internal/crud.js'
import { NETWORK, neutronPath } from '../internal/services.js'

/** Neutron quota limits of a project (-1 = unlimited). */
export type NetworkQuota = NonNullable<components['schemas']['QuotaShowResponse']['quota']> &
  Record<string, unknown>

/** One resource of `getNetworkQuotaDetails`: limit, in use, reserved. */
export interface QuotaDetail {
  limit: number
  used: number
  reserved: number
}

/** Gets the network quota of a project (`GET /v2.0/quotas/{project_id}`); the session's project by default. */
export async function getNetworkQuota(
  session: Session,
  options: CallOptions & { projectId?: string } = {},
): Promise<NetworkQuota> {
  const path = await neutronPath(session, `/quotas/${encodeURIComponent(await projectOf(session, options))}`)
  const response = await session.request<{ quota: NetworkQuota }>(NETWORK, 'GET', path, {
    ...(options.signal ? { signal: options.signal } : {}),
  })
  return response.body.quota
}

/** Gets limits and usage per resource (`GET /v2.0/quotas/{project_id}/details`, `quota-details` extension). */
export async function getNetworkQuotaDetails(
  session: Session,
  options: CallOptions & { projectId?: string } = {},
): Promise<Record<string, QuotaDetail>> {
  const project = encodeURIComponent(await projectOf(session, options))
  const path = await neutronPath(session, `/quotas/${project}/details`)
  const response = await session.request<{ quota: Record<string, QuotaDetail> }>(NETWORK, 'GET', path, {
    ...(options.signal ? { signal: options.signal } : {}),
  })
  return response.body.quota
}

async function projectOf(session: Session, options: { projectId?: string }): Promise<string> {
  const projectId = options.projectId ?? (await session.context()).projectId
  if (!projectId) {
    throw new OpenStackError(
      'PROJECT_REQUIRED',
      'projectId: the session is not scoped to a project, so there is no default. Fix: pass projectId, or scope the session to a project.',
    )
  }
  return projectId
}
