import { paginate, type QueryValue, type Session } from '@magnum-ts/auth'

/**
 * The request shape Neutron, Octavia and Cinder share: a collection (`networks`), a singular
 * key wrapping one resource (`{"network": {...}}`), and `<collection>_links` to page on.
 * Each family file is a typed veneer over these five calls.
 */
export interface Collection {
  service: string
  /** Builds the full path for the service (adds the API version prefix when needed). */
  path(session: Session, path: string): Promise<string>
  /** URL segment, e.g. `networks`, `lbaas/loadbalancers`, `types`. */
  segment: string
  /** Key of the list in the body, e.g. `networks`, `loadbalancers`, `volume_types`. */
  plural: string
  /** Key of one resource in the body, e.g. `network`, `loadbalancer`, `volume_type`. */
  singular: string
}

export interface CallOptions {
  signal?: AbortSignal
}

const withSignal = (options: CallOptions) => (options.signal ? { signal: options.signal } : {})

/** Every item of the collection, following `*_links` across pages. */
export async function* listAll<T>(
  session: Session,
  c: Collection,
  query: Record<string, QueryValue>,
  options: CallOptions & { segment?: string } = {},
): AsyncGenerator<T> {
  const path = await c.path(session, `/${options.segment ?? c.segment}`)
  yield* paginate<T>(session, c.service, path, { itemsKey: c.plural, query, ...withSignal(options) })
}

/** `GET /<segment>/{id}`, unwrapped. */
export async function getOne<T>(session: Session, c: Collection, id: string, options: CallOptions = {}) {
  const path = await c.path(session, `/${c.segment}/${encodeURIComponent(id)}`)
  const response = await session.request<Record<string, T>>(c.service, 'GET', path, withSignal(options))
  return response.body[c.singular] as T
}

/** `POST /<segment>` with `{<singular>: body}`, unwrapped. */
export async function createOne<T>(
  session: Session,
  c: Collection,
  body: Record<string, unknown>,
  options: CallOptions = {},
) {
  const path = await c.path(session, `/${c.segment}`)
  const response = await session.request<Record<string, T>>(c.service, 'POST', path, {
    body: { [c.singular]: dropUndefined(body) },
    ...withSignal(options),
  })
  return response.body[c.singular] as T
}

/** `PUT /<segment>/{id}` with `{<singular>: body}`, unwrapped. */
export async function updateOne<T>(
  session: Session,
  c: Collection,
  id: string,
  body: Record<string, unknown>,
  options: CallOptions = {},
) {
  const path = await c.path(session, `/${c.segment}/${encodeURIComponent(id)}`)
  const response = await session.request<Record<string, T>>(c.service, 'PUT', path, {
    body: { [c.singular]: dropUndefined(body) },
    ...withSignal(options),
  })
  return response.body[c.singular] as T
}

/** `DELETE /<segment>/{id}`. */
export async function deleteOne(
  session: Session,
  c: Collection,
  id: string,
  options: CallOptions & { query?: Record<string, QueryValue> } = {},
): Promise<void> {
  const path = await c.path(session, `/${c.segment}/${encodeURIComponent(id)}`)
  await session.request(c.service, 'DELETE', path, {
    ...(options.query ? { query: options.query } : {}),
    ...withSignal(options),
  })
}

/**
 * The query of a list call: the named filters (camelCase options already translated), with
 * `extra` (wire names, passed through as is) filling in around them. An unset named filter
 * does not erase the same key given in `extra`.
 */
export function listQuery(
  named: Record<string, QueryValue>,
  extra: Record<string, QueryValue> | undefined,
): Record<string, QueryValue> {
  const query: Record<string, QueryValue> = { ...extra }
  for (const [key, value] of Object.entries(named)) if (value !== undefined) query[key] = value
  return query
}

/** A copy without undefined values: optional options must not reach the wire as `null`s or keys. */
export function dropUndefined(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined))
}
