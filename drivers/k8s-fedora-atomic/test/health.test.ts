/**
 * The k8s health probe against a real HTTPS API on 127.0.0.1 that, like kube-apiserver with
 * `--client-ca-file`, serves a certificate from the cluster CA and demands a client certificate
 * from it.
 */
import { createServer, type Server } from 'node:https'
import type { AddressInfo } from 'node:net'
import type { TLSSocket } from 'node:tls'
import {
  createCa,
  createClientCertificate,
  createConductorCertificate,
  createServerCertificate,
} from '@magnum-ts/certs'
import type { Cluster, ClusterCredentials } from '@magnum-ts/core'
import { isApiReachable, k8sHealth } from '@magnum-ts/driver-k8s-fedora-atomic'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

interface Api {
  healthz: { status: number; body: string }
  nodes: { name: string; ready?: 'True' | 'False' | 'Unknown' }[]
  /** Milliseconds before answering. */
  delayMs?: number
}

let server: Server
let api: Api
let credentials: ClusterCredentials
let strangerCredentials: ClusterCredentials
let apiAddress: string
/** Client certificate subjects the server saw, per request path. */
const seen: { path: string; clientCn: string }[] = []

beforeAll(async () => {
  const ca = await createCa({ commonName: 'k8s' })
  const serverCert = await createServerCertificate(ca, {
    subject: { cn: 'kube-apiserver' },
    sans: { ips: ['127.0.0.1'] },
  })
  const conductor = await createConductorCertificate(ca)
  credentials = { ca: ca.certificatePem, cert: conductor.certificatePem, key: conductor.privateKeyPem }
  const otherCa = await createCa({ commonName: 'someone-else' })
  const stranger = await createClientCertificate(otherCa, { cn: 'admin', o: 'system:masters' })
  strangerCredentials = { ca: ca.certificatePem, cert: stranger.certificatePem, key: stranger.privateKeyPem }
  server = createServer(
    {
      key: serverCert.privateKeyPem,
      cert: serverCert.certificatePem,
      ca: ca.certificatePem,
      requestCert: true,
      rejectUnauthorized: true,
    },
    (req, res) => {
      const peer = (req.socket as TLSSocket).getPeerCertificate()
      seen.push({ path: req.url ?? '', clientCn: String(peer?.subject?.CN) })
      const answer = () => {
        if (req.url === '/healthz') {
          res.writeHead(api.healthz.status, { 'content-type': 'text/plain' }).end(api.healthz.body)
        } else if (req.url === '/api/v1/nodes') {
          const items = api.nodes.map((n) => ({
            metadata: { name: n.name },
            status: {
              conditions: [
                { type: 'MemoryPressure', status: 'False' },
                ...(n.ready ? [{ type: 'Ready', status: n.ready }] : []),
              ],
            },
          }))
          res
            .writeHead(200, { 'content-type': 'application/json' })
            .end(JSON.stringify({ kind: 'NodeList', items }))
        } else res.writeHead(404).end('not found')
      }
      if (api.delayMs) setTimeout(answer, api.delayMs)
      else answer()
    },
  )
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  apiAddress = `https://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterEach(() => {
  seen.length = 0
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

function cluster(over: Partial<Cluster> & { masterLbEnabled?: boolean } = {}): Cluster {
  return {
    uuid: 'c-1',
    name: 'prod',
    labels: {},
    floatingIpEnabled: true,
    masterCount: 1,
    apiAddress,
    ...over,
  } as Cluster
}

const healthyApi = (): Api => ({
  healthz: { status: 200, body: 'ok' },
  nodes: [
    { name: 'prod-master-0', ready: 'True' },
    { name: 'prod-minion-0', ready: 'True' },
  ],
})

describe('k8s health: probing the API with the conductor certificate', () => {
  it('HEALTHY when /healthz says ok and every node is Ready, asking with the client certificate', async () => {
    api = healthyApi()
    expect(await k8sHealth(cluster(), credentials)).toEqual({
      status: 'HEALTHY',
      reason: { 'prod-master-0.Ready': true, 'prod-minion-0.Ready': true, api: 'ok' },
    })
    expect(seen).toEqual([
      { path: '/healthz', clientCn: 'admin' },
      { path: '/api/v1/nodes', clientCn: 'admin' },
    ])
  })

  it('UNHEALTHY when a node is NotReady or has no Ready condition', async () => {
    api = {
      ...healthyApi(),
      nodes: [
        { name: 'a', ready: 'True' },
        { name: 'b', ready: 'False' },
        { name: 'c', ready: 'Unknown' },
        { name: 'd' },
      ],
    }
    expect(await k8sHealth(cluster(), credentials)).toEqual({
      status: 'UNHEALTHY',
      reason: { 'a.Ready': true, 'b.Ready': false, 'c.Ready': false, 'd.Ready': false, api: 'ok' },
    })
  })

  it('UNHEALTHY with what /healthz said when it fails, without listing nodes', async () => {
    api = {
      ...healthyApi(),
      healthz: { status: 500, body: '[-]etcd failed: reason withheld\nhealthz check failed' },
    }
    const health = await k8sHealth(cluster(), credentials)
    expect(health.status).toBe('UNHEALTHY')
    expect(health.reason).toEqual({ api: '[-]etcd failed: reason withheld\nhealthz check failed' })
    expect(seen.map((s) => s.path)).toEqual(['/healthz'])
  })

  it('UNHEALTHY when /healthz answers 200 with something other than ok; nodes still reported', async () => {
    api = { ...healthyApi(), healthz: { status: 200, body: 'degraded' } }
    expect(await k8sHealth(cluster(), credentials)).toEqual({
      status: 'UNHEALTHY',
      reason: { 'prod-master-0.Ready': true, 'prod-minion-0.Ready': true, api: 'degraded' },
    })
  })

  it('is refused with a client certificate from another CA: never HEALTHY, the error as api', async () => {
    api = healthyApi()
    const health = await k8sHealth(cluster(), strangerCredentials)
    expect(health.status).toBe('UNHEALTHY')
    expect(String(health.reason.api)).not.toBe('ok')
    expect(seen).toEqual([])
  })

  it('does not trust a server whose certificate is not from the cluster CA', async () => {
    api = healthyApi()
    const otherCa = await createCa({ commonName: 'impostor' })
    const health = await k8sHealth(cluster(), { ...credentials, ca: otherCa.certificatePem })
    expect(health.status).toBe('UNHEALTHY')
    expect(String(health.reason.api)).toMatch(/certificate/i)
  })

  it('UNHEALTHY when nothing listens at the address', async () => {
    api = healthyApi()
    const health = await k8sHealth(cluster({ apiAddress: 'https://127.0.0.1:1' }), credentials)
    expect(health.status).toBe('UNHEALTHY')
    expect(String(health.reason.api)).toContain('ECONNREFUSED')
  })

  it('rejects with the signal’s reason when aborted mid-probe', async () => {
    api = { ...healthyApi(), delayMs: 2_000 }
    const controller = new AbortController()
    const reason = new Error('monitor stopping')
    setTimeout(() => controller.abort(reason), 50)
    await expect(k8sHealth(cluster(), credentials, { signal: controller.signal })).rejects.toBe(reason)
  })
})

describe('k8s health: clusters the conductor cannot reach are UNKNOWN, with no request', () => {
  const unknown = { status: 'UNKNOWN', reason: { api: 'The cluster prod is not accessible.' } }

  it('without a master LB: floating_ip_enabled false', async () => {
    api = healthyApi()
    expect(await k8sHealth(cluster({ floatingIpEnabled: false }), credentials)).toEqual(unknown)
    expect(seen).toEqual([])
  })

  it('with a master LB: label master_lb_floating_ip_enabled, defaulting to floating_ip_enabled', async () => {
    api = healthyApi()
    const lb = { masterLbEnabled: true }
    const noLbFip = cluster({ ...lb, labels: { master_lb_floating_ip_enabled: 'false' } })
    expect(await k8sHealth(noLbFip, credentials)).toEqual(unknown)
    expect(isApiReachable(cluster({ ...lb, floatingIpEnabled: false }))).toBe(false)
    // The label wins over the cluster's floating_ip_enabled in both directions.
    expect(
      isApiReachable(
        cluster({ ...lb, floatingIpEnabled: false, labels: { master_lb_floating_ip_enabled: 'true' } }),
      ),
    ).toBe(true)
    // Several masters mean a load balancer even when the cluster does not record it.
    expect(
      isApiReachable(cluster({ masterCount: 3, labels: { master_lb_floating_ip_enabled: 'False' } })),
    ).toBe(false)
    expect(isApiReachable(cluster({ labels: { master_lb_floating_ip_enabled: 'false' } }))).toBe(true)
    expect(seen).toEqual([])
  })

  it('with no api_address yet', async () => {
    expect(await k8sHealth(cluster({ apiAddress: undefined }), credentials)).toEqual(unknown)
  })
})
