import type { HotTemplate } from '@magnum-ts/orchestration'
import { beforeEach, describe, expect, it } from 'vitest'
import { createFakeCloud, type FakeCloud } from '../../src/index.js'
import { call, type Json, login } from '../fake-cloud/helpers.js'

let cloud: FakeCloud
let token: string
let base: string

beforeEach(async () => {
  cloud = createFakeCloud({ heat: { resourceSeconds: 2 } })
  const auth = await login(cloud)
  token = auth.token
  base = `/heat-api/v1/${auth.projectId}`
})

const simple: HotTemplate = {
  heat_template_version: '2018-08-31',
  parameters: { length: { type: 'number', default: 8 } },
  resources: {
    rand: { type: 'OS::Heat::RandomString', properties: { length: { get_param: 'length' } } },
    value: { type: 'OS::Heat::Value', properties: { value: { get_attr: ['rand', 'value'] } } },
  },
  outputs: { value: { value: { get_attr: ['value', 'value'] } } },
}

async function create(name: string, body: Record<string, unknown> = {}) {
  const res = await call(cloud, token, 'POST', `${base}/stacks`, {
    stack_name: name,
    template: simple,
    ...body,
  })
  expect(res.status).toBe(201)
  return res.body.stack as Json
}

describe('the mini Heat on the wire', () => {
  it('is in the catalog and answers /stacks/{name} with a redirect to /stacks/{name}/{id}', async () => {
    const auth = await login(cloud)
    const heat = auth.body.token.catalog.find((s: Json) => s.type === 'orchestration')
    expect(heat.endpoints[0].url).toBe(`http://openstack.test${base}`)
    const stack = await create('s1')
    const res = await call(cloud, token, 'GET', `${base}/stacks/s1?resolve_outputs=false`)
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe(
      `http://openstack.test${base}/stacks/s1/${stack.id}?resolve_outputs=false`,
    )
  })

  it('progresses over the fake clock: one step per dependency level', async () => {
    const stack = await create('s2')
    const show = async () => (await call(cloud, token, 'GET', `${base}/stacks/s2/${stack.id}`)).body.stack
    expect((await show()).stack_status).toBe('CREATE_IN_PROGRESS')
    cloud.clock.advance(2000)
    const resources = (await call(cloud, token, 'GET', `${base}/stacks/s2/${stack.id}/resources`)).body
      .resources
    const status = Object.fromEntries(resources.map((r: Json) => [r.resource_name, r.resource_status]))
    expect(status).toEqual({ rand: 'CREATE_COMPLETE', value: 'CREATE_IN_PROGRESS' })
    cloud.clock.advance(2000)
    const done = await show()
    expect(done.stack_status).toBe('CREATE_COMPLETE')
    expect(done.outputs[0].output_value).toMatch(/^[A-Za-z0-9]{8}$/)
  })

  it("speaks Heat's error envelope: 404, 409 StackExists, 409 ActionInProgress, 400 on a bad template", async () => {
    const missing = await call(cloud, token, 'GET', `${base}/stacks/nope`)
    expect(missing.status).toBe(404)
    expect(missing.body).toEqual({
      code: 404,
      title: 'Not Found',
      explanation: 'The resource could not be found.',
      error: { type: 'EntityNotFound', traceback: null, message: 'The Stack (nope) could not be found.' },
    })
    const stack = await create('s3')
    const again = await call(cloud, token, 'POST', `${base}/stacks`, { stack_name: 's3', template: simple })
    expect(again.status).toBe(409)
    expect(again.body.error.type).toBe('StackExists')
    const busy = await call(cloud, token, 'PATCH', `${base}/stacks/s3/${stack.id}`, {
      parameters: { length: 9 },
    })
    expect(busy.status).toBe(409)
    expect(busy.body.error.message).toBe('Stack s3 already has an action (CREATE) in progress.')
    const bad = await call(cloud, token, 'POST', `${base}/stacks`, {
      stack_name: 'bad',
      template: 'resources: {}',
    })
    expect(bad.status).toBe(400)
    expect(bad.body.error.message).toContain('heat_template_version')
  })

  it('validates templates like POST /validate', async () => {
    const ok = await call(cloud, token, 'POST', `${base}/validate`, { template: simple })
    expect(ok.status).toBe(200)
    expect(ok.body.Parameters.length).toMatchObject({ Type: 'Number', Default: 8 })
    const bad = await call(cloud, token, 'POST', `${base}/validate`, {
      template: { heat_template_version: '2018-08-31', resources: { x: { type: 'Nope::Type' } } },
    })
    expect(bad.status).toBe(400)
    expect(bad.body.error.message).toBe('The Resource Type (Nope::Type) could not be found.')
  })

  it('pages /stacks with limit and a next link carrying the marker', async () => {
    for (const n of ['a1', 'a2', 'a3']) {
      await create(n)
      cloud.clock.advance(1000)
    }
    const first = await call(cloud, token, 'GET', `${base}/stacks?limit=2&sort_dir=asc&sort_keys=stack_name`)
    expect(first.body.stacks.map((s: Json) => s.stack_name)).toEqual(['a1', 'a2'])
    const next = first.body.links[0].href
    expect(next).toContain(`marker=${first.body.stacks[1].id}`)
    const second = await call(cloud, token, 'GET', next)
    expect(second.body.stacks.map((s: Json) => s.stack_name)).toEqual(['a3'])
    expect(second.body.links).toBeUndefined()
  })

  it('waits for a signal on a wait condition in manual mode, and fails on a FAILURE signal', async () => {
    cloud.heat.settings.waitConditions = 'manual'
    const template: HotTemplate = {
      heat_template_version: '2018-08-31',
      resources: {
        handle: { type: 'OS::Heat::WaitConditionHandle' },
        wait: {
          type: 'OS::Heat::WaitCondition',
          properties: { handle: { get_resource: 'handle' }, timeout: 600 },
        },
      },
      outputs: { data: { value: { get_attr: ['wait', 'data'] } } },
    }
    const stack = await create('w1', { template })
    const path = `${base}/stacks/w1/${stack.id}`
    cloud.clock.advance(60_000)
    expect((await call(cloud, token, 'GET', path)).body.stack.stack_status).toBe('CREATE_IN_PROGRESS')
    const signal = await call(cloud, token, 'POST', `${path}/resources/handle/signal`, {
      status: 'SUCCESS',
      data: 'ok',
    })
    expect(signal.status).toBe(200)
    cloud.clock.advance(2000)
    const done = (await call(cloud, token, 'GET', path)).body.stack
    expect(done.stack_status).toBe('CREATE_COMPLETE')
    expect(JSON.parse(done.outputs[0].output_value)).toEqual({ '1': 'ok' })
  })

  it('replaces a resource marked unhealthy on the next update', async () => {
    const stack = await create('u1')
    cloud.clock.advance(10_000)
    const path = `${base}/stacks/u1/${stack.id}`
    const before = (await call(cloud, token, 'GET', `${path}/resources/rand`)).body.resource
    const mark = await call(cloud, token, 'PATCH', `${path}/resources/rand`, {
      mark_unhealthy: true,
      resource_status_reason: 'broken',
    })
    expect(mark.status).toBe(200)
    const marked = (await call(cloud, token, 'GET', `${path}/resources/rand`)).body.resource
    expect([marked.resource_status, marked.resource_status_reason]).toEqual(['CHECK_FAILED', 'broken'])
    expect((await call(cloud, token, 'PATCH', path, {})).status).toBe(202)
    cloud.clock.advance(10_000)
    const after = (await call(cloud, token, 'GET', `${path}/resources/rand`)).body.resource
    expect(after.resource_status).toBe('UPDATE_COMPLETE')
    expect(after.physical_resource_id).not.toBe(before.physical_resource_id)
  })

  it('rolls back a failed create when disable_rollback is false', async () => {
    cloud.heat.failResource('r*', 'value', 'boom')
    const stack = await create('r1', { disable_rollback: false })
    cloud.clock.advance(10_000)
    const shown = (await call(cloud, token, 'GET', `${base}/stacks/r1/${stack.id}`)).body.stack
    expect(shown.stack_status).toBe('ROLLBACK_COMPLETE')
    const events = (await call(cloud, token, 'GET', `${base}/stacks/r1/${stack.id}/events?sort_dir=asc`)).body
      .events
    const statuses = events.filter((e: Json) => e.resource_name === 'r1').map((e: Json) => e.resource_status)
    expect(statuses).toEqual([
      'CREATE_IN_PROGRESS',
      'CREATE_FAILED',
      'ROLLBACK_IN_PROGRESS',
      'ROLLBACK_COMPLETE',
    ])
    const failed = events.find(
      (e: Json) => e.resource_status === 'CREATE_FAILED' && e.resource_name === 'value',
    )
    expect(failed.resource_status_reason).toBe('ResourceInError: resources.value: boom')
  })
})
