import { ApiError, badRequest, notFound } from '../server/api-error.js'
import { empty, json, type Reply } from '../server/reply.js'
import { type Route, type RouteContext, route } from '../server/service.js'
import { createContainer, createSecret, secretNotFound } from './ops.js'
import type { ContainerRecord, SecretRecord } from './state.js'

function stamp(ctx: RouteContext) {
  return { now: ctx.cloud.clock.now(), projectId: ctx.auth?.projectId ?? '', userId: ctx.auth?.userId ?? '' }
}

function secretView(ctx: RouteContext, secret: SecretRecord) {
  const { id, project_id: _p, payload: _payload, ...rest } = secret
  return { secret_ref: `${ctx.serviceUrl}/v1/secrets/${id}`, ...rest }
}

function containerView(ctx: RouteContext, c: ContainerRecord) {
  const { id, project_id: _p, secrets, ...rest } = c
  return {
    container_ref: `${ctx.serviceUrl}/v1/containers/${id}`,
    ...rest,
    secret_refs: secrets.map((r) => ({
      name: r.name,
      secret_ref: `${ctx.serviceUrl}/v1/secrets/${r.secretId}`,
    })),
    consumers: [],
  }
}

function secretOr404(ctx: RouteContext): SecretRecord {
  const secret = ctx.cloud.state.keyManager.secrets.get(ctx.params.id ?? '')
  if (!secret || secret.project_id !== ctx.auth?.projectId) secretNotFound()
  return secret
}

function payloadReply(_ctx: RouteContext, secret: SecretRecord): Reply {
  if (!secret.payload) throw notFound('Not Found. Sorry but your payload is in another castle.')
  const type = secret.content_types?.default ?? 'application/octet-stream'
  const binary = !type.startsWith('text/')
  return {
    status: 200,
    body: binary ? new Uint8Array(secret.payload) : secret.payload.toString('utf8'),
    headers: { 'content-type': type },
  }
}

/** Pages by `offset`/`limit` with absolute `next`/`previous` links and a `total`, as Barbican does. */
function offsetPage<T>(ctx: RouteContext, key: string, items: T[], view: (x: T) => unknown): Reply {
  const offset = Number(ctx.query.get('offset') ?? 0)
  const limit = Number(ctx.query.get('limit') ?? 10)
  const page = items.slice(offset, offset + limit)
  const link = (o: number) => {
    const url = new URL(ctx.url)
    url.searchParams.set('offset', String(o))
    url.searchParams.set('limit', String(limit))
    return url.toString()
  }
  return json(200, {
    [key]: page.map(view),
    total: items.length,
    ...(offset + limit < items.length ? { next: link(offset + limit) } : {}),
    ...(offset > 0 ? { previous: link(Math.max(0, offset - limit)) } : {}),
  })
}

function secretIdFromRef(ref: unknown): string {
  const text = typeof ref === 'string' ? ref : ''
  return text.split('/').pop() ?? ''
}

/** Barbican v1: secrets (metadata and payload) and containers. */
export const keyManagerRoutes: Route[] = [
  route('GET', '/v1/secrets', (ctx) => {
    let secrets = [...ctx.cloud.state.keyManager.secrets.values()].filter(
      (x) => x.project_id === ctx.auth?.projectId,
    )
    const name = ctx.query.get('name')
    if (name) secrets = secrets.filter((x) => x.name === name)
    return offsetPage(ctx, 'secrets', secrets, (x) => secretView(ctx, x))
  }),
  route('POST', '/v1/secrets', (ctx) => {
    const body = (ctx.body ?? {}) as Record<string, unknown>
    const str = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : undefined)
    const secret = createSecret(ctx.cloud.state.keyManager, stamp(ctx), {
      name: str('name') ?? null,
      ...(str('payload') !== undefined ? { payload: str('payload') as string } : {}),
      ...(str('payload_content_type') ? { payloadContentType: str('payload_content_type') as string } : {}),
      ...(str('payload_content_encoding')
        ? { payloadContentEncoding: str('payload_content_encoding') as string }
        : {}),
      ...(str('secret_type') ? { secretType: str('secret_type') as string } : {}),
      algorithm: str('algorithm') ?? null,
      bitLength: typeof body.bit_length === 'number' ? body.bit_length : null,
      mode: str('mode') ?? null,
      expiration: str('expiration') ?? null,
    })
    return json(
      201,
      { secret_ref: `${ctx.serviceUrl}/v1/secrets/${secret.id}` },
      {
        Location: `${ctx.serviceUrl}/v1/secrets/${secret.id}`,
      },
    )
  }),
  route('GET', '/v1/secrets/:id', (ctx) => {
    const secret = secretOr404(ctx)
    const accept = ctx.headers.get('accept') ?? 'application/json'
    // Barbican's legacy content negotiation: a non-JSON Accept returns the payload itself.
    if (!accept.includes('json') && !accept.includes('*/*')) return payloadReply(ctx, secret)
    return json(200, secretView(ctx, secret))
  }),
  route('GET', '/v1/secrets/:id/payload', (ctx) => payloadReply(ctx, secretOr404(ctx))),
  route('PUT', '/v1/secrets/:id', (ctx) => {
    const secret = secretOr404(ctx)
    if (secret.payload) throw new ApiError(409, 'Secret already has data, cannot modify it.')
    const type = ctx.headers.get('content-type') ?? 'text/plain'
    const encoding = ctx.headers.get('content-encoding')
    if (!ctx.text) throw badRequest('No payload provided.')
    secret.payload = encoding === 'base64' ? Buffer.from(ctx.text, 'base64') : Buffer.from(ctx.text)
    secret.content_types = { default: type.split(';')[0] ?? type }
    return empty(204)
  }),
  route('DELETE', '/v1/secrets/:id', (ctx) => {
    ctx.cloud.state.keyManager.secrets.delete(secretOr404(ctx).id)
    return empty(204)
  }),
  route('GET', '/v1/containers', (ctx) => {
    const containers = [...ctx.cloud.state.keyManager.containers.values()].filter(
      (c) => c.project_id === ctx.auth?.projectId,
    )
    return offsetPage(ctx, 'containers', containers, (c) => containerView(ctx, c))
  }),
  route('POST', '/v1/containers', (ctx) => {
    const body = (ctx.body ?? {}) as {
      name?: string
      type?: string
      secret_refs?: { name?: string; secret_ref?: string }[]
    }
    const container = createContainer(ctx.cloud.state.keyManager, stamp(ctx), {
      name: body.name ?? null,
      type: body.type ?? 'generic',
      secrets: (body.secret_refs ?? []).map((r) => ({
        name: r.name ?? '',
        secretId: secretIdFromRef(r.secret_ref),
      })),
    })
    return json(201, { container_ref: `${ctx.serviceUrl}/v1/containers/${container.id}` })
  }),
  route('GET', '/v1/containers/:id', (ctx) => {
    const container = ctx.cloud.state.keyManager.containers.get(ctx.params.id ?? '')
    if (!container || container.project_id !== ctx.auth?.projectId)
      throw notFound('Not Found. Sorry but your container is in another castle.')
    return json(200, containerView(ctx, container))
  }),
  route('DELETE', '/v1/containers/:id', (ctx) => {
    const container = ctx.cloud.state.keyManager.containers.get(ctx.params.id ?? '')
    if (!container || container.project_id !== ctx.auth?.projectId)
      throw notFound('Not Found. Sorry but your container is in another castle.')
    ctx.cloud.state.keyManager.containers.delete(container.id)
    return empty(204)
  }),
]
