import { BadRequestError } from '@magnum-ts/auth'
import { getResource, listResources, markResourceUnhealthy, signalResource } from '@magnum-ts/orchestration'
import { HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { heatError, setupHeat, stackBody } from '../support/heat.js'

const heat = setupHeat()
const ID = 'b841cb4d-1871-4671-809b-f182e3f810f8'
const s1 = { name: 's1', id: ID }

const res = (name: string, extra: Record<string, unknown> = {}) => ({
  resource_name: name,
  logical_resource_id: name,
  physical_resource_id: `${name}-phys`,
  resource_type: 'OS::Heat::None',
  resource_status: 'CREATE_COMPLETE',
  resource_status_reason: 'state changed',
  creation_time: '2026-11-23T19:12:09Z',
  updated_time: null,
  required_by: [],
  links: [],
  ...extra,
})

describe('listResources', () => {
  it('GETs …/resources with nested_depth, with_detail and filters', async () => {
    heat.on('get', `/stacks/s1/${ID}/resources`, () => ({
      resources: [res('group'), res('0', { parent_resource: 'group' })],
    }))
    const list = await listResources(heat.session(), s1, {
      nestedDepth: 2,
      withDetail: true,
      status: ['CREATE_FAILED', 'UPDATE_FAILED'],
      type: 'OS::Heat::None',
      name: 'group',
    })
    expect(list.map((r) => [r.resource_name, r.parent_resource ?? null])).toEqual([
      ['group', null],
      ['0', 'group'],
    ])
    const q = heat.seen[0]!.query
    expect(q.get('nested_depth')).toBe('2')
    expect(q.get('with_detail')).toBe('true')
    expect(q.getAll('status')).toEqual(['CREATE_FAILED', 'UPDATE_FAILED'])
    expect(q.get('type')).toBe('OS::Heat::None')
    expect(q.get('name')).toBe('group')
    expect(heat.seen[0]!.headers.get('x-auth-token')).toBe(heat.identity.token)
  })

  it('uses Heat lookup path for a bare name', async () => {
    heat.on('get', '/stacks/s1/resources', () => ({ resources: [] }))
    expect(await listResources(heat.session(), 's1')).toEqual([])
    expect(heat.seen[0]!.path).toBe('/stacks/s1/resources')
  })
})

describe('getResource', () => {
  it('resolves the stack, then GETs …/resources/{name} with with_attr', async () => {
    heat.on('get', '/stacks/s1', () => ({ stack: stackBody(heat.base, 's1', ID) }))
    heat.on('get', `/stacks/s1/${ID}/resources/test`, () => ({
      resource: res('test', { attributes: { output: 'x' } }),
    }))
    const r = await getResource(heat.session(), 's1', 'test', { withAttributes: ['output', 'show'] })
    expect(r.attributes).toEqual({ output: 'x' })
    expect(heat.seen[1]!.query.getAll('with_attr')).toEqual(['output', 'show'])
  })
})

describe('signalResource', () => {
  it('POSTs the data to …/resources/{name}/signal', async () => {
    heat.on('post', `/stacks/s1/${ID}/resources/handle/signal`, () => new HttpResponse(null, { status: 200 }))
    await signalResource(heat.session(), s1, 'handle', {
      status: 'SUCCESS',
      reason: 'ok',
      data: 'hi',
      id: '1',
    })
    expect(heat.seen[0]!.body).toEqual({ status: 'SUCCESS', reason: 'ok', data: 'hi', id: '1' })
  })

  it('a resource that takes no signals is a BadRequestError with Heat message', async () => {
    heat.on('post', `/stacks/s1/${ID}/resources/none/signal`, () =>
      heatError(400, 'ResourceActionNotSupported', 'signal is not supported for resource.'),
    )
    const error = await signalResource(heat.session(), s1, 'none').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BadRequestError)
    expect((error as Error).message).toContain('signal is not supported for resource.')
  })
})

describe('markResourceUnhealthy', () => {
  it('PATCHes mark_unhealthy with the reason', async () => {
    heat.on('patch', `/stacks/s1/${ID}/resources/kube_minions`, () => HttpResponse.json(null))
    await markResourceUnhealthy(heat.session(), s1, 'kube_minions', { reason: 'node NotReady' })
    expect(heat.seen[0]!.method).toBe('PATCH')
    expect(heat.seen[0]!.body).toEqual({ mark_unhealthy: true, resource_status_reason: 'node NotReady' })
  })

  it('clears the mark with unhealthy: false', async () => {
    heat.on('patch', `/stacks/s1/${ID}/resources/r`, () => HttpResponse.json(null))
    await markResourceUnhealthy(heat.session(), s1, 'r', { unhealthy: false })
    expect(heat.seen[0]!.body).toEqual({ mark_unhealthy: false })
  })
})
