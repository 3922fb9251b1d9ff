import { toArray } from '@magnum-ts/auth'
import type { HotTemplate } from '@magnum-ts/orchestration'
import { createStack, getStack, listEvents, outputValues, updateStack } from '@magnum-ts/orchestration'
import { createClock, createFakeCloud, type FakeCloud } from '@magnum-ts/testing'
import { beforeEach, describe, expect, it } from 'vitest'

const group = (rolling: Record<string, unknown> | undefined): HotTemplate => ({
  heat_template_version: '2018-08-31',
  parameters: {
    count: { type: 'number', default: 4 },
    value: { type: 'string', default: 'old' },
    batch: { type: 'number', default: 2 },
  },
  resources: {
    group: {
      type: 'OS::Heat::ResourceGroup',
      ...(rolling ? { update_policy: { rolling_update: rolling } } : {}),
      properties: {
        count: { get_param: 'count' },
        resource_def: { type: 'OS::Heat::Value', properties: { value: { get_param: 'value' } } },
      },
    },
  },
  outputs: {
    values: { value: { get_attr: ['group', 'attributes', 'value'] } },
  },
})

let cloud: FakeCloud
beforeEach(() => {
  cloud = createFakeCloud({ clock: createClock({ frozen: true }) })
})

async function created(name: string, template: HotTemplate, parameters: Record<string, unknown> = {}) {
  await createStack(cloud.session(), { name, template, parameters })
  cloud.clock.advance(60_000)
  expect((await getStack(cloud.session(), name)).stack_status).toBe('CREATE_COMPLETE')
}
const values = async (name: string) =>
  outputValues((await getStack(cloud.session(), name)).outputs).values as Record<string, string>
const stackStatus = async (name: string) => (await getStack(cloud.session(), name)).stack_status

describe('ResourceGroup rolling_update in the mini Heat (virtual clock)', () => {
  it('updates max_batch_size members at a time, highest index first, pausing pause_time between batches', async () => {
    // max_batch_size through get_param: update policies take intrinsic functions too.
    await created('r1', group({ max_batch_size: { get_param: 'batch' }, pause_time: 30 }))
    const session = cloud.session()
    await updateStack(session, 'r1', { existing: true, parameters: { value: 'new' } })
    // Event times are whole seconds.
    const start = Math.floor(cloud.clock.now() / 1000) * 1000

    cloud.clock.advance(1_000)
    expect(await values('r1')).toEqual({ 0: 'old', 1: 'old', 2: 'new', 3: 'new' })
    cloud.clock.advance(28_000) // 29 s: still pausing
    expect(await values('r1')).toEqual({ 0: 'old', 1: 'old', 2: 'new', 3: 'new' })
    expect(await stackStatus('r1')).toBe('UPDATE_IN_PROGRESS')
    cloud.clock.advance(1_000) // 30 s: the second batch
    expect(await values('r1')).toEqual({ 0: 'new', 1: 'new', 2: 'new', 3: 'new' })
    expect(await stackStatus('r1')).toBe('UPDATE_COMPLETE')

    // Each member's UPDATE events, at its batch's time.
    const events = await toArray(listEvents(session, 'r1', { nestedDepth: 1 }))
    const updatedAt = Object.fromEntries(
      events
        .filter((e) => /^\d+$/.test(e.resource_name) && e.resource_status === 'UPDATE_COMPLETE')
        .map((e) => [
          e.resource_name,
          Date.parse(e.event_time.endsWith('Z') ? e.event_time : `${e.event_time}Z`) - start,
        ]),
    )
    const second = (ms: number) => Math.floor(ms / 1000)
    expect(Object.fromEntries(Object.entries(updatedAt).map(([k, v]) => [k, second(v)]))).toEqual({
      0: 30,
      1: 30,
      2: 0,
      3: 0,
    })
  })

  it('keeps min_in_service members serving: adds temporary members, then trims back to count', async () => {
    await created('r2', group({ max_batch_size: 1, min_in_service: 2, pause_time: 10 }), { count: 2 })
    await updateStack(cloud.session(), 'r2', { existing: true, parameters: { value: 'new' } })
    cloud.clock.advance(1_000)
    // The first batch creates member 2 with the new definition instead of touching 0 and 1.
    expect(await values('r2')).toEqual({ 0: 'old', 1: 'old', 2: 'new' })
    cloud.clock.advance(10_000)
    expect(await values('r2')).toEqual({ 0: 'old', 1: 'new', 2: 'new' })
    cloud.clock.advance(10_000)
    expect(await values('r2')).toEqual({ 0: 'new', 1: 'new' })
    expect(await stackStatus('r2')).toBe('UPDATE_COMPLETE')
  })

  it('resizes in one step, without batches or pauses, when only count changes', async () => {
    await created('r3', group({ max_batch_size: 1, pause_time: 600 }))
    await updateStack(cloud.session(), 'r3', { existing: true, parameters: { count: 6 } })
    cloud.clock.advance(1_000)
    expect(Object.keys(await values('r3'))).toEqual(['0', '1', '2', '3', '4', '5'])
    expect(await stackStatus('r3')).toBe('UPDATE_COMPLETE')
  })

  it('pauses inside a nested stack too: the template resource waits for its rolling group', async () => {
    const outer: HotTemplate = {
      heat_template_version: '2018-08-31',
      parameters: { value: { type: 'string', default: 'old' } },
      resources: { inner: { type: 'group.yaml', properties: { value: { get_param: 'value' } } } },
      outputs: { values: { value: { get_attr: ['inner', 'values'] } } },
    }
    await createStack(cloud.session(), {
      name: 'r5',
      template: outer,
      files: { 'group.yaml': group({ max_batch_size: 2, pause_time: 30 }) },
    })
    cloud.clock.advance(60_000)
    expect(await stackStatus('r5')).toBe('CREATE_COMPLETE')
    await updateStack(cloud.session(), 'r5', { existing: true, parameters: { value: 'new' } })
    cloud.clock.advance(5_000)
    expect(await values('r5')).toEqual({ 0: 'old', 1: 'old', 2: 'new', 3: 'new' })
    expect(await stackStatus('r5')).toBe('UPDATE_IN_PROGRESS')
    cloud.clock.advance(30_000)
    expect(await values('r5')).toEqual({ 0: 'new', 1: 'new', 2: 'new', 3: 'new' })
    expect(await stackStatus('r5')).toBe('UPDATE_COMPLETE')
  })

  it('without an update policy, every member updates at once', async () => {
    await created('r4', group(undefined))
    await updateStack(cloud.session(), 'r4', { existing: true, parameters: { value: 'new' } })
    cloud.clock.advance(1_000)
    expect(await values('r4')).toEqual({ 0: 'new', 1: 'new', 2: 'new', 3: 'new' })
  })
})
