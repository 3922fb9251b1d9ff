import { paginate, type Session } from '@magnum-ts/auth'
import { COMPUTE, novaPath } from '../internal/nova.js'
import type { ListServersOptions, Server } from './types.js'

/** Lists servers with details (`GET /servers/detail`), with filters, across every page. */
export async function* listServers(
  session: Session,
  options: ListServersOptions = {},
): AsyncGenerator<Server> {
  const path = await novaPath(session, '/servers/detail')
  yield* paginate<Server>(session, COMPUTE, path, {
    itemsKey: 'servers',
    query: {
      name: options.name,
      status: options.status,
      image: options.image,
      flavor: options.flavor,
      ip: options.ip,
      // Nova takes tag lists comma-separated, not as repeated keys.
      tags: options.tags?.join(','),
      'tags-any': options.tagsAny?.join(','),
      all_tenants: options.allTenants ? 'True' : undefined,
      project_id: options.projectId,
      'changes-since': options.changesSince,
      sort_key: options.sortKey,
      sort_dir: options.sortDir,
      limit: options.limit,
    },
    ...(options.signal ? { signal: options.signal } : {}),
  })
}

/** Gets one server (`GET /servers/{id}`); a missing server throws `NotFoundError`. */
export async function getServer(session: Session, id: string, options: { signal?: AbortSignal } = {}) {
  const path = await novaPath(session, `/servers/${encodeURIComponent(id)}`)
  const response = await session.request<{ server: Server }>(COMPUTE, 'GET', path, { ...options })
  return response.body.server
}

/** Deletes a server (`DELETE /servers/{id}`); Nova deletes asynchronously (204 means accepted). */
export async function deleteServer(session: Session, id: string, options: { signal?: AbortSignal } = {}) {
  const path = await novaPath(session, `/servers/${encodeURIComponent(id)}`)
  await session.request(COMPUTE, 'DELETE', path, { ...options })
}
