import { describe, expect, it } from 'vitest'
import { ApiError, createFakeCloud, json, notFound, route, type ServiceModule } from '../../src/index.js'
import { call, type Json, login } from './helpers.js'

/** A toy orchestration service that creates real Neutron objects through the shared state. */
function toyOrchestration(): ServiceModule {
  return {
    type: 'orchestration',
    name: 'heat',
    prefix: '/heat-api/v1/{project_id}',
    routes: [
      route('POST', '/stacks', (ctx) => {
        const name = (ctx.body as { stack_name?: string }).stack_name
        if (!name) throw new ApiError(400, 'stack_name is required')
        const network = ctx.cloud.state.network
        const id = `net-${name}`
        network.networks.set(id, {
          ...[...network.networks.values()][0]!,
          id,
          name,
          project_id: ctx.auth!.projectId!,
        })
        return json(201, { stack: { id, links: [] } })
      }),
      route('GET', '/stacks/:id', (ctx) => {
        if (!ctx.cloud.state.network.networks.has(ctx.params.id ?? ''))
          throw notFound(`Stack ${ctx.params.id} not found`)
        return json(200, { stack: { id: ctx.params.id, stack_status: 'CREATE_COMPLETE' } })
      }),
    ],
    errorReply: (error) => ({
      status: error.status,
      body: { explanation: error.message, code: error.status, title: 'Error' },
    }),
  }
}

describe('adding a service module', () => {
  it('routes, authenticates and catalogs a module passed to createFakeCloud', async () => {
    const cloud = createFakeCloud({ services: [toyOrchestration()] })
    const { token, body, projectId } = await login(cloud)
    const heat = body.token.catalog.find((s: Json) => s.type === 'orchestration')
    expect(heat.endpoints[0].url).toBe(`http://openstack.test/heat-api/v1/${projectId}`)
    const created = await call(cloud, token, 'POST', `/heat-api/v1/${projectId}/stacks`, {
      stack_name: 'k8s',
    })
    expect(created.status).toBe(201)
    expect(created.headers.get('x-openstack-request-id')).toMatch(/^req-/)
    // The object it made is a real network, visible through Neutron and caught by the orphan check.
    const nets = await call(cloud, token, 'GET', '/networking/v2.0/networks?name=k8s')
    expect(nets.body.networks).toHaveLength(1)
    expect(Object.keys(cloud.orphans())).toEqual(['networks'])
    expect((await call(cloud, 'bad-token', 'GET', `/heat-api/v1/${projectId}/stacks/net-k8s`)).status).toBe(
      401,
    )
    const missing = await call(cloud, token, 'GET', `/heat-api/v1/${projectId}/stacks/nope`)
    expect(missing.body).toEqual({ explanation: 'Stack nope not found', code: 404, title: 'Error' })
  })

  it('adds a module at runtime with addService', async () => {
    const cloud = createFakeCloud()
    cloud.addService(toyOrchestration())
    const session = cloud.session()
    expect(await session.endpoint('orchestration')).toMatch(/\/heat-api\/v1\/[0-9a-f]{32}$/)
    const res = await session.request('orchestration', 'POST', '/stacks', { body: { stack_name: 'x' } })
    expect(res.status).toBe(201)
  })
})
