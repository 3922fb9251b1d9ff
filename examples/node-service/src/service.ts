import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { OpenStackError, ResourceNotFoundError, type Session } from '@magnum-ts/auth'
import { createCertStore } from '@magnum-ts/certs'
import {
  clusterCreateInputFromWire,
  clusterToWire,
  createMagnum,
  type Magnum,
  MagnumValidationError,
  postgresStore,
  ValidationErrors,
} from '@magnum-ts/core'
import { k8sFedoraAtomicDriver } from '@magnum-ts/driver-k8s-fedora-atomic'

export interface ServiceOptions {
  /** The tenant's session: clusters are created in its project. */
  session: Session
  /** Magnum's trustee domain admin and the id of the trustee domain. */
  trustee: { adminSession: Session; domainId: string }
  /** `postgres://…`: the store every replica of this service shares. */
  databaseUrl: string
  port?: number
  host?: string
  /** How often the status sync polls Heat (default 10 s). */
  syncIntervalMs?: number
}

export interface RunningService {
  url: string
  /** The embedded pipeline (e.g. to create templates, which this API does not expose). */
  magnum: Magnum
  /** Stops the sync loop, the HTTP server and the database pool. */
  close(): Promise<void>
}

/** Starts the clusters API: `POST /clusters`, `GET /clusters`, `GET /clusters/:id`, with Magnum's field names. */
export async function startService(options: ServiceOptions): Promise<RunningService> {
  const store = await postgresStore(options.databaseUrl)
  const magnum = createMagnum({
    session: options.session,
    store,
    drivers: [k8sFedoraAtomicDriver],
    certStore: createCertStore('store', { table: store.x509KeyPairs }),
    trustee: options.trustee,
  })
  const server = createServer((req, res) => {
    route(magnum, req).then(
      ([status, body]) => send(res, status, body),
      (error: unknown) => send(res, ...errorReply(error)),
    )
  })
  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 8080, options.host ?? '127.0.0.1', resolve),
  )
  // Clusters move from CREATE_IN_PROGRESS to CREATE_COMPLETE through the sync, not the requests.
  magnum.sync.start(options.syncIntervalMs)
  const { port } = server.address() as AddressInfo
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    magnum,
    async close() {
      magnum.sync.stop()
      server.closeAllConnections()
      await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())))
      await store.close()
    },
  }
}

async function route(magnum: Magnum, req: IncomingMessage): Promise<[number, unknown]> {
  const path = new URL(req.url ?? '/', 'http://service').pathname.replace(/\/+$/, '')
  if (path === '/clusters' && req.method === 'POST') {
    const cluster = await magnum.clusters.create(clusterCreateInputFromWire(await readJson(req)))
    return [202, clusterToWire(cluster)]
  }
  if (path === '/clusters' && req.method === 'GET') {
    const clusters = await magnum.clusters.list()
    return [200, { clusters: clusters.map((c) => clusterToWire(c, 'summary')) }]
  }
  const id = /^\/clusters\/([^/]+)$/.exec(path)?.[1]
  if (id && req.method === 'GET')
    return [200, clusterToWire(await magnum.clusters.get(decodeURIComponent(id)))]
  return [404, { error: `no route for ${req.method} ${path}` }]
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  try {
    const body: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}')
    if (body && typeof body === 'object' && !Array.isArray(body)) return body as Record<string, unknown>
  } catch {}
  throw new BadBodyError()
}

class BadBodyError extends OpenStackError {
  constructor() {
    super(
      'BAD_BODY',
      'the request body must be a JSON object, e.g. {"name": "prod", "cluster_template_id": "k8s"}',
    )
  }
}

/** Core's typed errors carry their HTTP status and the field at fault: pass them on as JSON. */
function errorReply(error: unknown): [number, unknown] {
  if (error instanceof ValidationErrors)
    return [error.status, { errors: error.errors.map((e) => ({ field: e.field, message: e.message })) }]
  if (error instanceof MagnumValidationError)
    return [error.status, { errors: [{ field: error.field, message: error.message }] }]
  if (error instanceof ResourceNotFoundError) return [404, { errors: [{ message: error.message }] }]
  if (error instanceof BadBodyError) return [400, { errors: [{ message: error.message }] }]
  return [500, { errors: [{ message: error instanceof Error ? error.message : String(error) }] }]
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
}
