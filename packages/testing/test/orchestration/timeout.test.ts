import { toArray } from '@magnum-ts/auth'
import type { HotTemplate } from '@magnum-ts/orchestration'
import { createStack, getStack, listEvents, listResources, updateStack } from '@magnum-ts/orchestration'
import { createClock, createFakeCloud, type FakeCloud } from '@magnum-ts/testing'
import { beforeEach, describe, expect, it } from 'vitest'

// A wait condition nobody signals keeps a stack IN_PROGRESS until `timeout_mins` runs out.
const waiting: HotTemplate = {
  heat_template_version: '2018-08-31',
  resources: {
    handle: { type: 'OS::Heat::WaitConditionHandle' },
    wait: {
      type: 'OS::Heat::WaitCondition',
      properties: { handle: { get_resource: 'handle' }, timeout: 3600 },
    },
  },
}
const quick: HotTemplate = {
  heat_template_version: '2018-08-31',
  resources: { none: { type: 'OS::Heat::None' } },
}

let cloud: FakeCloud
beforeEach(() => {
  cloud = createFakeCloud({ clock: createClock({ frozen: true }), heat: { waitConditions: 'manual' } })
})

const status = async (name: string) => {
  const s = await getStack(cloud.session(), name)
  return [s.stack_status, s.stack_status_reason]
}

describe('timeout_mins in the mini Heat (virtual clock)', () => {
  it('fails a create still in progress when the timeout runs out, as real Heat words it', async () => {
    const session = cloud.session()
    const created = await createStack(session, { name: 't1', template: waiting, timeoutMins: 1 })
    const start = cloud.clock.now()
    cloud.clock.advance(59_000)
    expect(await status('t1')).toEqual(['CREATE_IN_PROGRESS', 'Stack CREATE started'])
    cloud.clock.advance(2_000)
    expect(await status('t1')).toEqual(['CREATE_FAILED', 'Timed out'])

    const wait = (await listResources(session, 't1')).find((r) => r.resource_name === 'wait')
    expect(wait?.resource_status).toBe('CREATE_FAILED')
    expect(wait?.resource_status_reason).toBe(
      `CREATE aborted (Task create from HeatWaitCondition "wait" Stack "t1" [${created.id}] Timed out)`,
    )
    const events = await toArray(listEvents(session, 't1'))
    const last = events.at(-1)
    expect([last?.resource_name, last?.resource_status, last?.resource_status_reason]).toEqual([
      't1',
      'CREATE_FAILED',
      'Timed out',
    ])
    // The failure happens at the deadline, not when someone next looks.
    const time = String(last?.event_time)
    expect(Date.parse(time.endsWith('Z') ? time : `${time}Z`)).toBe(
      Math.floor((start + 60_000) / 1000) * 1000,
    )
    expect(events.filter((e) => e.resource_name === 'wait').map((e) => e.resource_status)).toEqual([
      'CREATE_IN_PROGRESS',
      'CREATE_FAILED',
    ])
  })

  it('fails an update still in progress with UPDATE_FAILED, counting from the update', async () => {
    const session = cloud.session()
    await createStack(session, { name: 't2', template: quick })
    cloud.clock.advance(10 * 60_000)
    expect((await status('t2'))[0]).toBe('CREATE_COMPLETE')
    await updateStack(session, 't2', { template: waiting, timeoutMins: 2 })
    cloud.clock.advance(119_000)
    expect((await status('t2'))[0]).toBe('UPDATE_IN_PROGRESS')
    cloud.clock.advance(2_000)
    expect(await status('t2')).toEqual(['UPDATE_FAILED', 'Timed out'])
  })

  it('times out a rolling update whose pauses outlast timeout_mins, stopping the batches', async () => {
    const rolling: HotTemplate = {
      heat_template_version: '2018-08-31',
      parameters: { value: { type: 'string', default: 'old' } },
      resources: {
        group: {
          type: 'OS::Heat::ResourceGroup',
          update_policy: { rolling_update: { max_batch_size: 1, pause_time: 50 } },
          properties: {
            count: 3,
            resource_def: { type: 'OS::Heat::Value', properties: { value: { get_param: 'value' } } },
          },
        },
      },
    }
    const session = cloud.session()
    const created = await createStack(session, { name: 't4', template: rolling })
    cloud.clock.advance(60_000)
    await updateStack(session, 't4', { existing: true, parameters: { value: 'new' }, timeoutMins: 1 })
    cloud.clock.advance(90_000)
    expect(await status('t4')).toEqual(['UPDATE_FAILED', 'Timed out'])
    const group = (await listResources(session, 't4')).find((r) => r.resource_name === 'group')
    expect(group?.resource_status_reason).toBe(
      `UPDATE aborted (Task update from ResourceGroup "group" Stack "t4" [${created.id}] Timed out)`,
    )
    const nested = [...cloud.state.orchestration.stacks.values()].find((s) => s.parentId === created.id)
    // Two batches ran (at 0 s and 50 s); the third never started, and nothing is left running.
    const values = ['0', '1', '2'].map((n) => nested?.resources.get(n)?.properties.value)
    expect(values).toEqual(['old', 'new', 'new'])
    expect(nested?.status).not.toBe('IN_PROGRESS')
    cloud.clock.advance(600_000)
    expect(await status('t4')).toEqual(['UPDATE_FAILED', 'Timed out'])
    expect(nested?.resources.get('0')?.properties.value).toBe('old')
  })

  it('leaves a stack that finishes in time alone', async () => {
    const session = cloud.session()
    await createStack(session, { name: 't3', template: quick, timeoutMins: 1 })
    cloud.clock.advance(30 * 60_000)
    expect(await status('t3')).toEqual(['CREATE_COMPLETE', 'Stack CREATE completed successfully'])
  })
})
