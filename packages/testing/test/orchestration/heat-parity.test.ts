import { toArray } from '@magnum-ts/auth'
import type { HotTemplate } from '@magnum-ts/orchestration'
import { createStack, getStack, listEvents, updateStack, validateTemplate } from '@magnum-ts/orchestration'
import { createClock, createFakeCloud, type FakeCloud } from '@magnum-ts/testing'
import { beforeEach, describe, expect, it } from 'vitest'

// Behaviours of the mini Heat that test/contract found real Heat 19 to have.

let cloud: FakeCloud
beforeEach(() => {
  cloud = createFakeCloud({ clock: createClock({ frozen: true }) })
})

describe('the mini Heat matches Heat 19', () => {
  it('refuses a template whose parameter and resource share a name', async () => {
    const template: HotTemplate = {
      heat_template_version: '2018-08-31',
      parameters: { a: { type: 'string', default: '' }, b: { type: 'string', default: '' } },
      resources: { b: { type: 'OS::Heat::None' }, a: { type: 'OS::Heat::None' } },
    }
    const error = await validateTemplate(cloud.session(), { template }).catch((e) => e)
    expect(error.status).toBe(400)
    expect(error.body.error.message).toBe("Duplicate names {'a', 'b'}")
    const created = await createStack(cloud.session(), { name: 'dup', template }).catch((e) => e)
    expect(created.status).toBe(400)
  })

  it('words a failing TestResource as Heat does', async () => {
    const template: HotTemplate = {
      heat_template_version: '2018-08-31',
      resources: { broken: { type: 'OS::Heat::TestResource', properties: { fail: true } } },
    }
    await createStack(cloud.session(), { name: 'f', template })
    cloud.clock.advance(10_000)
    const stack = await getStack(cloud.session(), 'f')
    expect(stack.stack_status_reason).toBe(
      'Resource CREATE failed: ValueError: resources.broken: Test Resource failed broken',
    )
  })

  it('always updates a template resource (its members decide), unchanged plain resources stay quiet', async () => {
    const nested: HotTemplate = {
      heat_template_version: '2018-08-31',
      resources: { inner: { type: 'OS::Heat::None' } },
    }
    const template: HotTemplate = {
      heat_template_version: '2018-08-31',
      parameters: { v: { type: 'string', default: 'a' } },
      resources: {
        nested: { type: 'nested.yaml' },
        plain: { type: 'OS::Heat::Value', properties: { value: 'fixed' } },
        changed: { type: 'OS::Heat::Value', properties: { value: { get_param: 'v' } } },
      },
    }
    const session = cloud.session()
    await createStack(session, { name: 'n', template, files: { 'nested.yaml': nested } })
    cloud.clock.advance(10_000)
    const seen = await toArray(listEvents(session, 'n'))
    await updateStack(session, 'n', { existing: true, parameters: { v: 'b' } })
    cloud.clock.advance(10_000)
    const events = await toArray(listEvents(session, 'n', { marker: seen.at(-1)?.id as string }))
    expect(events.map((e) => `${e.resource_name} ${e.resource_status}`).sort()).toEqual([
      'changed UPDATE_COMPLETE',
      'changed UPDATE_IN_PROGRESS',
      'n UPDATE_COMPLETE',
      'n UPDATE_IN_PROGRESS',
      'nested UPDATE_COMPLETE',
      'nested UPDATE_IN_PROGRESS',
    ])
  })
})
