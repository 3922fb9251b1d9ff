import {
  deleteClusterLoadBalancers,
  isClusterLoadBalancer,
  PreDeletionFailedError,
} from '@magnum-ts/driver-k8s-fedora-atomic'
import { type CapturedRequest, captureRequest, mockIdentity, openstackJson } from '@magnum-ts/testing'
import fc from 'fast-check'
import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type ContextOptions, k8sContext } from './support/context.js'

const OCTAVIA = 'http://octavia.test:9876'
const LBAAS = `${OCTAVIA}/v2/lbaas`
const identity = mockIdentity({ services: { 'load-balancer': OCTAVIA } })
const server = setupServer(...identity.handlers)
const seen: CapturedRequest[] = []
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  server.resetHandlers()
  seen.length = 0
})
afterAll(() => server.close())

const UUID = k8sContext().cluster.uuid
const OTHER = '0e1c52e4-7a43-4a39-9d44-8f6a7c1d2e3f'
const lb = (id: string, description: string, provisioning_status = 'ACTIVE') => ({
  id,
  name: `lb-${id}`,
  description,
  provisioning_status,
  operating_status: 'ONLINE',
})

/** A driver context with a real session on the mock Keystone, polling fast. */
function context(options: ContextOptions = {}, signal?: AbortSignal) {
  return {
    ...k8sContext({ ...options, config: { preDeleteLbPollIntervalMs: 5, ...options.config } }),
    session: identity.session(),
    signal,
  }
}

/**
 * An Octavia whose list answers from `lbs`; a DELETE moves the LB to PENDING_DELETE, and a
 * PENDING_DELETE LB is gone after `listsUntilGone` more lists (never, with Infinity).
 */
function octavia(lbs: ReturnType<typeof lb>[], listsUntilGone = 1) {
  const live = new Map(lbs.map((x) => [x.id, { ...x }]))
  const countdown = new Map<string, number>(
    lbs.filter((x) => x.provisioning_status === 'PENDING_DELETE').map((x) => [x.id, listsUntilGone]),
  )
  server.use(
    http.get(`${LBAAS}/loadbalancers`, async ({ request }) => {
      await captureRequest(seen, request)
      for (const [id, left] of countdown) {
        if (left <= 0) live.delete(id)
        else countdown.set(id, left - 1)
      }
      return openstackJson({ loadbalancers: [...live.values()] })
    }),
    http.delete(`${LBAAS}/loadbalancers/:id`, async ({ request, params }) => {
      await captureRequest(seen, request)
      const it = live.get(String(params.id))
      if (!it) return openstackJson({ faultcode: 'Client', faultstring: 'Not Found', debuginfo: null }, 404)
      it.provisioning_status = 'PENDING_DELETE'
      countdown.set(it.id, listsUntilGone)
      return new HttpResponse(null, { status: 204 })
    }),
  )
  return live
}

const requests = () => seen.map((s) => `${s.method} ${s.url.pathname}${s.url.search}`)
const LIST = `GET /v2/lbaas/loadbalancers?project_id=p-1`

describe('k8s pre-delete: the cloud provider’s Octavia load balancers', () => {
  it('deletes only the cluster’s LBs with cascade, skips PENDING_DELETE ones, and waits until all are gone', async () => {
    octavia([
      lb('svc-a', `Kubernetes external service default/web from cluster ${UUID}`),
      lb('svc-b', `Kubernetes Ingress kube-system/ing from cluster ${UUID}`, 'PENDING_DELETE'),
      lb('other-cluster', `Kubernetes external service default/web from cluster ${OTHER}`),
      lb('user-lb', 'my own load balancer'),
      lb('api-lb', `${UUID}-api-lb`),
    ])
    await deleteClusterLoadBalancers(context())
    expect(requests()).toEqual([LIST, 'DELETE /v2/lbaas/loadbalancers/svc-a?cascade=true', LIST, LIST])
    expect(seen[0]!.headers.get('x-auth-token')).toBe(identity.token)
  })

  it('asks nothing of Octavia when the catalog has none', async () => {
    await deleteClusterLoadBalancers(context({ octavia: false }))
    expect(seen).toEqual([])
  })

  it('does nothing more than list when no LB belongs to the cluster', async () => {
    octavia([lb('user-lb', 'Kubernetes external service x from cluster kubernetes')])
    await deleteClusterLoadBalancers(context())
    expect(requests()).toEqual([LIST])
  })

  it('gives up after preDeleteLbTimeout seconds with a 409 naming the LBs and the fix', async () => {
    octavia([lb('stuck', `Kubernetes external service default/web from cluster ${UUID}`)], Infinity)
    const error = await deleteClusterLoadBalancers(context({ config: { preDeleteLbTimeout: 0.05 } })).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(PreDeletionFailedError)
    const failed = error as PreDeletionFailedError
    expect(failed.status).toBe(409)
    expect(failed.loadBalancerIds).toEqual(['stuck'])
    expect(failed.message).toContain(`cluster ${UUID}`)
    expect(failed.message).toContain('stuck')
    expect(failed.message).toContain('openstack loadbalancer delete --cascade')
    expect(requests().filter((r) => r.startsWith('GET')).length).toBeGreaterThan(1)
  })

  it('turns an Octavia refusal into PreDeletionFailedError carrying the cause', async () => {
    server.use(
      http.get(`${LBAAS}/loadbalancers`, () =>
        openstackJson({ loadbalancers: [lb('x', `Kubernetes external service a/b from cluster ${UUID}`)] }),
      ),
      http.delete(`${LBAAS}/loadbalancers/:id`, () =>
        openstackJson(
          { faultcode: 'Client', faultstring: 'Invalid state PENDING_UPDATE', debuginfo: null },
          409,
        ),
      ),
    )
    const error = (await deleteClusterLoadBalancers(context()).catch(
      (e: unknown) => e,
    )) as PreDeletionFailedError
    expect(error).toBeInstanceOf(PreDeletionFailedError)
    expect(error.message).toContain('Invalid state PENDING_UPDATE')
    expect(error.loadBalancerIds).toEqual(['x'])
    expect(error.cause).toBeDefined()
  })

  it('fails at once when Octavia puts an LB in ERROR while deleting', async () => {
    const live = octavia([lb('bad', `Kubernetes external service a/b from cluster ${UUID}`)], Infinity)
    server.use(
      http.delete(`${LBAAS}/loadbalancers/:id`, ({ params }) => {
        live.get(String(params.id))!.provisioning_status = 'ERROR'
        return new HttpResponse(null, { status: 204 })
      }),
    )
    const error = (await deleteClusterLoadBalancers(context()).catch(
      (e: unknown) => e,
    )) as PreDeletionFailedError
    expect(error).toBeInstanceOf(PreDeletionFailedError)
    expect(error.message).toContain('ERROR')
  })

  it('stops waiting when the signal aborts, with the signal’s reason', async () => {
    octavia([lb('slow', `Kubernetes external service a/b from cluster ${UUID}`)], Infinity)
    const controller = new AbortController()
    const reason = new Error('shutting down')
    setTimeout(() => controller.abort(reason), 30)
    await expect(deleteClusterLoadBalancers(context({}, controller.signal))).rejects.toBe(reason)
  })
})

describe('isClusterLoadBalancer', () => {
  it('matches Magnum’s `Kubernetes .+ from cluster <uuid>` from the start of the description', () => {
    expect(isClusterLoadBalancer(`Kubernetes external service ns/svc from cluster ${UUID}`, UUID)).toBe(true)
    expect(isClusterLoadBalancer(`Kubernetes x from cluster ${UUID}-extra`, UUID)).toBe(true)
    expect(isClusterLoadBalancer(`Kubernetes from cluster ${UUID}`, UUID)).toBe(false)
    expect(isClusterLoadBalancer(`My Kubernetes svc from cluster ${UUID}`, UUID)).toBe(false)
    expect(isClusterLoadBalancer('Kubernetes svc from cluster kubernetes', UUID)).toBe(false)
    expect(isClusterLoadBalancer(undefined, UUID)).toBe(false)
  })

  it('never matches another cluster’s UUID, whatever comes before it', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.uuid(), (middle, other) => {
        fc.pre(other !== UUID && !/[\n\r\u2028\u2029]/.test(middle))
        expect(isClusterLoadBalancer(`Kubernetes ${middle} from cluster ${other}`, UUID)).toBe(
          `${middle} from cluster ${other}`.includes(` from cluster ${UUID}`),
        )
        expect(isClusterLoadBalancer(`Kubernetes ${middle} from cluster ${UUID}`, UUID)).toBe(true)
      }),
    )
  })
})
