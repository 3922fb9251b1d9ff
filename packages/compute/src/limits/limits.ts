import type { Session } from '@magnum-ts/auth'
import type { components } from '../generated/compute.js'
import { COMPUTE, novaPath } from '../internal/nova.js'

/**
 * Absolute compute limits and usage of a project (typed at microversion 2.57; before 2.36 Nova
 * also returns network limits, before 2.57 file-injection limits). -1 means unlimited.
 */
export type AbsoluteLimits = components['schemas']['LimitsIndexResponse_257']['limits']['absolute'] &
  Record<string, number>

/** Gets the absolute limits (`GET /limits`), of another project when `projectId` is given (admin). */
export async function getAbsoluteLimits(
  session: Session,
  options: { projectId?: string; signal?: AbortSignal } = {},
): Promise<AbsoluteLimits> {
  const path = await novaPath(session, '/limits')
  const response = await session.request<{ limits: { absolute: AbsoluteLimits } }>(COMPUTE, 'GET', path, {
    query: { tenant_id: options.projectId },
    ...(options.signal ? { signal: options.signal } : {}),
  })
  return response.body.limits.absolute
}
