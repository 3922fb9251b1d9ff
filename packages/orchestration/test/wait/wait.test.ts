import { OpenStackError } from '@magnum-ts/auth'
import {
  type StackEvent,
  StackFailedError,
  StackWaitTimeoutError,
  waitForStack,
} from '@magnum-ts/orchestration'
import { describe, expect, it } from 'vitest'
import { heatError, setupHeat, stackBody } from '../support/heat.js'

const heat = setupHeat()
const ID = 'w1'
const s1 = { name: 's1', id: ID }
const event = (id: string) => ({
  id,
  event_time: '2026-11-23T19:12:09Z',
  resource_name: `r${id}`,
  logical_resource_id: `r${id}`,
  physical_resource_id: '',
  resource_status: 'CREATE_IN_PROGRESS',
  resource_status_reason: 'state changed',
  links: [],
})

/** Answers GET stack with the next status of `statuses` (the last one repeats). */
function serveStatuses(statuses: string[]) {
  let i = 0
  heat.on('get', `/stacks/s1/${ID}`, () => ({
    stack: stackBody(heat.base, 's1', ID, statuses[Math.min(i++, statuses.length - 1)]),
  }))
}

/** A clock that only moves when the fake sleep is called. */
function fakeTime() {
  let t = 0
  const sleeps: number[] = []
  return {
    sleeps,
    now: () => t,
    sleep: async (ms: number) => {
      sleeps.push(ms)
      t += ms
    },
  }
}

describe('waitForStack', () => {
  it('resolves on the target status and streams every event exactly once', async () => {
    serveStatuses(['CREATE_IN_PROGRESS', 'CREATE_IN_PROGRESS', 'CREATE_COMPLETE'])
    const pages = [['1', '2'], ['3'], ['1', '2', '3', '4']] // the last: Heat ignoring a marker it lost
    let page = 0
    heat.on('get', `/stacks/s1/${ID}/events`, () => ({ events: (pages[page++] ?? []).map(event) }))
    const seen: string[] = []
    const time = fakeTime()
    const stack = await waitForStack(heat.session(), s1, {
      until: 'CREATE_COMPLETE',
      onEvent: (e: StackEvent) => seen.push(e.id),
      ...time,
    })
    expect(stack.stack_status).toBe('CREATE_COMPLETE')
    expect(seen).toEqual(['1', '2', '3', '4'])
    const eventQueries = heat.seen.filter((s) => s.path.endsWith('/events')).map((s) => s.query)
    expect(eventQueries.map((q) => q.get('marker'))).toEqual([null, '2', '3'])
    expect(eventQueries.every((q) => q.get('sort_dir') === 'asc')).toBe(true)
    // status polls skip output resolution
    expect(heat.seen.find((s) => s.path === `/stacks/s1/${ID}`)!.query.get('resolve_outputs')).toBe('false')
  })

  it('backs off ×1.5 up to the ceiling while nothing happens, and resets on new events', async () => {
    serveStatuses([...Array(6).fill('UPDATE_IN_PROGRESS'), 'UPDATE_COMPLETE'])
    let poll = 0
    heat.on('get', `/stacks/s1/${ID}/events`, () => ({ events: ++poll === 5 ? [event('x')] : [] }))
    const time = fakeTime()
    await waitForStack(heat.session(), s1, {
      until: ['UPDATE_COMPLETE'],
      onEvent: () => {},
      pollIntervalMs: 1000,
      maxIntervalMs: 3000,
      ...time,
    })
    expect(time.sleeps).toEqual([1000, 1500, 2250, 3000, 1000, 1500])
  })

  it('rejects with StackFailedError naming the failed resources, innermost first', async () => {
    serveStatuses(['CREATE_IN_PROGRESS', 'CREATE_FAILED'])
    heat.on('get', `/stacks/s1/${ID}/resources`, () => ({
      resources: [
        {
          resource_name: 'kube_masters',
          resource_type: 'OS::Heat::ResourceGroup',
          resource_status: 'CREATE_FAILED',
          resource_status_reason: 'Error: resources.kube_masters.resources[0]: boom',
          physical_resource_id: 'g',
          links: [],
          parent_resource: null,
        },
        {
          resource_name: 'ok',
          resource_type: 'OS::Heat::None',
          resource_status: 'CREATE_COMPLETE',
          resource_status_reason: '',
          physical_resource_id: 'o',
          links: [],
        },
        {
          resource_name: '0',
          resource_type: 'OS::Heat::TestResource',
          resource_status: 'CREATE_FAILED',
          resource_status_reason: 'boom',
          physical_resource_id: 't',
          links: [],
          parent_resource: 'kube_masters',
        },
      ],
    }))
    const error = (await waitForStack(heat.session(), s1, { until: 'CREATE_COMPLETE', ...fakeTime() }).catch(
      (e: unknown) => e,
    )) as StackFailedError
    expect(error).toBeInstanceOf(StackFailedError)
    expect(error).toBeInstanceOf(OpenStackError)
    expect(error.code).toBe('STACK_FAILED')
    expect(error.status).toBe('CREATE_FAILED')
    expect(error.statusReason).toBe('Stack CREATE failed')
    expect(error.failedResources.map((r) => [r.name, r.parentResource])).toEqual([
      ['0', 'kube_masters'],
      ['kube_masters', undefined],
    ])
    expect(error.message).toContain('kube_masters/0 (OS::Heat::TestResource) CREATE_FAILED: boom')
    const lookup = heat.seen.find((s) => s.path.endsWith('/resources'))!
    expect(lookup.query.get('nested_depth')).toBe('5')
  })

  it('a rollback nobody asked for is a failure too', async () => {
    serveStatuses(['ROLLBACK_COMPLETE'])
    heat.on('get', `/stacks/s1/${ID}/resources`, () => ({ resources: [] }))
    await expect(
      waitForStack(heat.session(), s1, { until: 'CREATE_COMPLETE', ...fakeTime() }),
    ).rejects.toBeInstanceOf(StackFailedError)
  })

  it('waiting for DELETE_COMPLETE, a stack that disappears counts as deleted', async () => {
    let calls = 0
    heat.on('get', `/stacks/s1/${ID}`, () =>
      ++calls < 3
        ? { stack: stackBody(heat.base, 's1', ID, 'DELETE_IN_PROGRESS') }
        : heatError(404, 'EntityNotFound', 'The Stack (s1) could not be found.'),
    )
    expect(
      await waitForStack(heat.session(), s1, { until: 'DELETE_COMPLETE', ...fakeTime() }),
    ).toBeUndefined()
    expect(calls).toBe(3)
  })

  it('waiting for DELETE_COMPLETE on a name already gone resolves at once', async () => {
    heat.on('get', '/stacks/gone', () =>
      heatError(404, 'EntityNotFound', 'The Stack (gone) could not be found.'),
    )
    expect(
      await waitForStack(heat.session(), 'gone', { until: 'DELETE_COMPLETE', ...fakeTime() }),
    ).toBeUndefined()
  })

  it('a 404 while waiting for anything else is an error', async () => {
    heat.on('get', `/stacks/s1/${ID}`, () =>
      heatError(404, 'EntityNotFound', 'The Stack (s1) could not be found.'),
    )
    await expect(
      waitForStack(heat.session(), s1, { until: 'CREATE_COMPLETE', ...fakeTime() }),
    ).rejects.toThrow(/could not be found/)
  })

  it('gives up after timeoutMs with StackWaitTimeoutError and the last status', async () => {
    serveStatuses(['CREATE_IN_PROGRESS'])
    const time = fakeTime()
    const error = (await waitForStack(heat.session(), s1, {
      until: 'CREATE_COMPLETE',
      pollIntervalMs: 1000,
      timeoutMs: 4000,
      ...time,
    }).catch((e: unknown) => e)) as StackWaitTimeoutError
    expect(error).toBeInstanceOf(StackWaitTimeoutError)
    expect(error.status).toBe('CREATE_IN_PROGRESS')
    expect(time.sleeps.reduce((a, b) => a + b, 0)).toBe(4000)
  })

  it('stops when its signal aborts', async () => {
    serveStatuses(['CREATE_IN_PROGRESS'])
    const controller = new AbortController()
    const reason = new Error('user pressed ^C')
    const promise = waitForStack(heat.session(), s1, {
      until: 'CREATE_COMPLETE',
      signal: controller.signal,
      pollIntervalMs: 10,
    })
    setTimeout(() => controller.abort(reason), 30)
    await expect(promise).rejects.toBe(reason)
  })
})
