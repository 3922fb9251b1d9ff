import type { Session } from '@magnum-ts/auth'
import { MicroversionUnsupportedError } from '@magnum-ts/auth'
import { itemsOf } from '../internal/items-of.js'
import { atLeast } from '../internal/microversion.js'
import { COMPUTE, novaPath } from '../internal/nova.js'
import type { CreateServerGroupOptions, ServerGroup, ServerGroupPolicy } from './types.js'

/**
 * Creates a server group (`POST /os-server-groups`). The body follows the negotiated
 * microversion: `policy` (+ `rules`) from 2.64, `policies: [policy]` before; soft policies
 * need 2.15 and `maxServerPerHost` needs 2.64, else `MicroversionUnsupportedError`.
 */
export async function createServerGroup(
  session: Session,
  options: CreateServerGroupOptions,
): Promise<ServerGroup> {
  const microversion = await session.microversion(COMPUTE)
  if (options.policy.startsWith('soft-') && !atLeast(microversion, '2.15')) {
    throw new MicroversionUnsupportedError({
      service: COMPUTE,
      required: '2.15',
      available: microversion,
      feature: `Server group policy "${options.policy}"`,
    })
  }
  let serverGroup: Record<string, unknown>
  if (atLeast(microversion, '2.64')) {
    serverGroup = { name: options.name, policy: options.policy }
    if (options.maxServerPerHost !== undefined) {
      serverGroup.rules = { max_server_per_host: options.maxServerPerHost }
    }
  } else {
    if (options.maxServerPerHost !== undefined) {
      throw new MicroversionUnsupportedError({
        service: COMPUTE,
        required: '2.64',
        available: microversion,
        feature: 'maxServerPerHost (server group rules)',
      })
    }
    serverGroup = { name: options.name, policies: [options.policy] }
  }
  const path = await novaPath(session, '/os-server-groups')
  const response = await session.request<{ server_group: ServerGroup }>(COMPUTE, 'POST', path, {
    body: { server_group: serverGroup },
    ...(options.signal ? { signal: options.signal } : {}),
  })
  return response.body.server_group
}

/** Gets a server group (`GET /os-server-groups/{id}`). */
export async function getServerGroup(session: Session, id: string, options: { signal?: AbortSignal } = {}) {
  const path = await novaPath(session, `/os-server-groups/${encodeURIComponent(id)}`)
  const response = await session.request<{ server_group: ServerGroup }>(COMPUTE, 'GET', path, { ...options })
  return response.body.server_group
}

/**
 * Lists server groups (`GET /os-server-groups`). Nova pages this list by offset, with no
 * links, so pages are requested until one comes back shorter than the page size.
 */
export async function* listServerGroups(
  session: Session,
  options: { allProjects?: boolean; pageSize?: number; signal?: AbortSignal } = {},
): AsyncGenerator<ServerGroup> {
  const pageSize = options.pageSize ?? 1000
  const path = await novaPath(session, '/os-server-groups')
  for (let offset = 0; ; offset += pageSize) {
    const response = await session.request<unknown>(COMPUTE, 'GET', path, {
      query: { all_projects: options.allProjects ? 'True' : undefined, limit: pageSize, offset },
      ...(options.signal ? { signal: options.signal } : {}),
    })
    const groups = itemsOf<ServerGroup>(response.body, 'server_groups')
    yield* groups
    if (groups.length < pageSize) return
  }
}

/** Deletes a server group (`DELETE /os-server-groups/{id}`). */
export async function deleteServerGroup(
  session: Session,
  id: string,
  options: { signal?: AbortSignal } = {},
) {
  const path = await novaPath(session, `/os-server-groups/${encodeURIComponent(id)}`)
  await session.request(COMPUTE, 'DELETE', path, { ...options })
}

/** The policy of a server group, whichever microversion shape Nova answered with. */
export function serverGroupPolicy(group: ServerGroup): ServerGroupPolicy | undefined {
  return group.policy ?? group.policies?.[0]
}
