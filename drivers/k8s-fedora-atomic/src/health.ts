import { Agent as HttpAgent, request as httpRequest } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'
import type { Cluster, ClusterCredentials, Health } from '@magnum-ts/core'
import { labelTrue } from './template-definition/labels.js'

/** Milliseconds one request to the API may take before the probe counts the API as down. */
export const HEALTH_REQUEST_TIMEOUT_MS = 10_000

/**
 * Magnum's reachability rule: the conductor only reaches an API with a public address. With a
 * master load balancer that is the label `master_lb_floating_ip_enabled` (default: the
 * cluster's `floating_ip_enabled`); without one, `floating_ip_enabled`. Core's monitor fills in
 * `masterLbEnabled` from the template for rows that predate it; failing that, several masters
 * imply a load balancer (Magnum refuses master_count > 1 without one).
 */
export function isApiReachable(cluster: Cluster): boolean {
  const masterLb = cluster.masterLbEnabled ?? cluster.masterCount > 1
  if (masterLb) return labelTrue(cluster.labels?.master_lb_floating_ip_enabled, cluster.floatingIpEnabled)
  return cluster.floatingIpEnabled
}

interface Reply {
  status: number
  body: string
}

type Get = (path: string) => Promise<Reply>

/** GETs over TLS with the conductor's client certificate, trusting only the cluster CA. */
function apiClient(apiAddress: string, credentials: ClusterCredentials, signal: AbortSignal) {
  const base = new URL(apiAddress)
  const tls = base.protocol === 'https:'
  const agent = tls
    ? new HttpsAgent({ ca: credentials.ca, cert: credentials.cert, key: credentials.key, keepAlive: false })
    : new HttpAgent({ keepAlive: false })
  const get: Get = (path) =>
    new Promise((resolve, reject) => {
      const url = new URL(path, base)
      const send = tls ? httpsRequest : httpRequest
      const req = send(
        url,
        { method: 'GET', agent, signal, headers: { accept: 'application/json' } },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (chunk: Buffer) => chunks.push(chunk))
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
          )
          res.on('error', reject)
        },
      )
      req.on('error', reject)
      req.end()
    })
  return { get, close: () => agent.destroy() }
}

interface NodeList {
  items?: { metadata?: { name?: string }; status?: { conditions?: { type?: string; status?: string }[] } }[]
}

/** `{"<node>.Ready": bool}` for every node; a node without a Ready condition is not ready. */
function nodeReadiness(list: NodeList): Record<string, boolean> {
  const out: Record<string, boolean> = {}
  for (const node of list.items ?? []) {
    const ready = node.status?.conditions?.find((c) => c.type === 'Ready')
    out[`${node.metadata?.name ?? ''}.Ready`] = ready?.status === 'True'
  }
  return out
}

/** What the API said when it was not a plain `ok`: its body, else the HTTP status. */
function said(reply: Reply): string {
  return reply.body.trim() || `HTTP ${reply.status}`
}

/**
 * Magnum's K8sMonitor. An API the conductor cannot reach (see `isApiReachable`) is UNKNOWN with
 * `{ api: 'The cluster <name> is not accessible.' }`. Otherwise GET `/healthz` and
 * `/api/v1/nodes` with the client certificate: HEALTHY when the API says `ok` and every node is
 * Ready, else UNHEALTHY, reason `{ "<node>.Ready": bool, api: "ok" | what it said }`. A reachable
 * API that fails (refused connection, TLS refusal, timeout, HTTP error) is UNHEALTHY with the
 * error as `api`, as in Magnum, where the exception lands in the reason. An aborted `signal`
 * rejects with its reason instead of reporting a status.
 */
export async function k8sHealth(
  cluster: Cluster,
  credentials: ClusterCredentials,
  options: { signal?: AbortSignal } = {},
): Promise<Health> {
  if (!isApiReachable(cluster) || !cluster.apiAddress) {
    return { status: 'UNKNOWN', reason: { api: `The cluster ${cluster.name} is not accessible.` } }
  }
  options.signal?.throwIfAborted()
  const timeout = AbortSignal.timeout(HEALTH_REQUEST_TIMEOUT_MS)
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout
  const client = apiClient(cluster.apiAddress, credentials, signal)
  const reason: Record<string, unknown> = {}
  try {
    const healthz = await client.get('/healthz')
    if (healthz.status !== 200) return { status: 'UNHEALTHY', reason: { api: said(healthz) } }
    const api = said(healthz)
    const nodes = await client.get('/api/v1/nodes')
    if (nodes.status !== 200) return { status: 'UNHEALTHY', reason: { api: said(nodes) } }
    Object.assign(reason, nodeReadiness(JSON.parse(nodes.body) as NodeList))
    const healthy = api === 'ok' && Object.values(reason).every(Boolean)
    reason.api = api
    return { status: healthy ? 'HEALTHY' : 'UNHEALTHY', reason }
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason
    const message = timeout.aborted
      ? `no answer within ${HEALTH_REQUEST_TIMEOUT_MS / 1000}s`
      : (error as Error).message || String(error)
    return { status: 'UNHEALTHY', reason: { ...reason, api: message } }
  } finally {
    client.close()
  }
}
