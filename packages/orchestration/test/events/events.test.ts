import { NotFoundError } from '@magnum-ts/auth'
import { latestEventId, listEvents } from '@magnum-ts/orchestration'
import { describe, expect, it } from 'vitest'
import { heatError, setupHeat } from '../support/heat.js'

const heat = setupHeat()
const ID = 'e1'
const s1 = { name: 's1', id: ID }
const event = (id: string, status = 'CREATE_IN_PROGRESS') => ({
  id,
  event_time: '2026-11-23T19:12:09Z',
  resource_name: `r-${id}`,
  logical_resource_id: `r-${id}`,
  physical_resource_id: '',
  resource_status: status,
  resource_status_reason: 'state changed',
  links: [],
})

describe('listEvents', () => {
  it('asks for oldest first, after a marker, with nested_depth and filters', async () => {
    heat.on('get', `/stacks/s1/${ID}/events`, () => ({ events: [event('3'), event('4')] }))
    const got = []
    for await (const e of listEvents(heat.session(), s1, {
      marker: '2',
      nestedDepth: 2,
      resourceStatus: 'FAILED',
      resourceName: ['a', 'b'],
    })) {
      got.push(e.id)
    }
    expect(got).toEqual(['3', '4'])
    const q = heat.seen[0]!.query
    expect(q.get('sort_dir')).toBe('asc')
    expect(q.get('marker')).toBe('2')
    expect(q.get('nested_depth')).toBe('2')
    expect(q.get('resource_status')).toBe('FAILED')
    expect(q.getAll('resource_name')).toEqual(['a', 'b'])
    expect(heat.seen[0]!.headers.get('x-auth-token')).toBe(heat.identity.token)
  })

  it('chains pages by marker across three pages until one is short', async () => {
    const all = ['1', '2', '3', '4', '5', '6', '7']
    heat.on('get', `/stacks/s1/${ID}/events`, (req) => {
      const marker = req.query.get('marker')
      const start = marker ? all.indexOf(marker) + 1 : 0
      return { events: all.slice(start, start + Number(req.query.get('limit'))).map((id) => event(id)) }
    })
    const got: string[] = []
    for await (const e of listEvents(heat.session(), s1, { limit: 3 })) got.push(e.id)
    expect(got).toEqual(all)
    expect(heat.seen.map((s) => s.query.get('marker'))).toEqual([null, '3', '6'])
  })

  it('a stack that is gone is a NotFoundError', async () => {
    heat.on('get', '/stacks/gone/events', () =>
      heatError(404, 'EntityNotFound', 'The Stack (gone) could not be found.'),
    )
    const it = listEvents(heat.session(), 'gone')
    await expect(it.next()).rejects.toBeInstanceOf(NotFoundError)
  })
})

describe('latestEventId', () => {
  it('asks for the single newest event', async () => {
    heat.on('get', `/stacks/s1/${ID}/events`, () => ({ events: [event('9')] }))
    expect(await latestEventId(heat.session(), s1)).toBe('9')
    expect(heat.seen[0]!.query.get('sort_dir')).toBe('desc')
    expect(heat.seen[0]!.query.get('limit')).toBe('1')
  })

  it('is undefined for a stack without events', async () => {
    heat.on('get', `/stacks/s1/${ID}/events`, () => ({ events: [] }))
    expect(await latestEventId(heat.session(), s1)).toBeUndefined()
  })
})
