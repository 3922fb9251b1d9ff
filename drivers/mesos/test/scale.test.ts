import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Cluster, ClusterContext, NodeGroup } from '@magnum-ts/core'
import {
  createMesosDriver,
  leastLoadedSlaves,
  MarathonTasksError,
  mesosDriver,
} from '@magnum-ts/driver-mesos'
import type { Stack } from '@magnum-ts/orchestration'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// A fake Marathon on loopback: GET /v2/tasks lists the tasks below. The driver dials
// http://<api_address>:8080, so tests route that URL to the fake's port with a fetch wrapper.
let tasks: { id: string; host: string }[] = []
let status = 200
const seen: { method: string; url: string; accept: string | undefined }[] = []
let server: Server
let port: number

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', accept: req.headers.accept })
    if (req.url !== '/v2/tasks') return void res.writeHead(404).end()
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ tasks }))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
})
afterAll(() => new Promise((resolve) => server.close(resolve)))

const viaFake: typeof fetch = (input, init) =>
  fetch(String(input).replace('http://172.24.4.5:8080', `http://127.0.0.1:${port}`), init)

const slaves = ['10.0.0.8', '10.0.0.9', '10.0.0.10', '10.0.0.11']

describe('least-loaded slave selection (fake Marathon)', () => {
  it('asks GET /v2/tasks on the api address, port 8080, for JSON', async () => {
    tasks = []
    seen.length = 0
    await leastLoadedSlaves({ apiAddress: '172.24.4.5', slaves, count: 1, fetch: viaFake })
    expect(seen).toEqual([{ method: 'GET', url: '/v2/tasks', accept: 'application/json' }])
  })

  it('removes slaves without tasks first, then the least loaded, ties in stack order', async () => {
    tasks = [
      { id: 'web.1', host: '10.0.0.8' },
      { id: 'web.2', host: '10.0.0.8' },
      { id: 'db.1', host: '10.0.0.9' },
      { id: 'web.3', host: '10.0.0.11' },
    ]
    const pick = (count: number) =>
      leastLoadedSlaves({ apiAddress: '172.24.4.5', slaves, count, fetch: viaFake })
    expect(await pick(1)).toEqual(['10.0.0.10'])
    expect(await pick(3)).toEqual(['10.0.0.10', '10.0.0.9', '10.0.0.11'])
  })

  it('feeds the mesos driver: slavesToRemove → scaleParameters', async () => {
    tasks = [{ id: 'web.1', host: '10.0.0.8' }]
    const stack = {
      outputs: [{ output_key: 'mesos_slaves_private', output_value: ['10.0.0.8', '10.0.0.9', '10.0.0.10'] }],
    } as unknown as Stack
    const cluster = { apiAddress: '172.24.4.5' } as Cluster
    const driver = createMesosDriver({ fetch: viaFake })
    const remove = await driver.slavesToRemove(cluster, { stack, nodeCount: 1 })
    expect(remove).toEqual(['10.0.0.9', '10.0.0.10'])
    const worker = { role: 'worker' } as NodeGroup
    const change = { nodeGroup: worker, nodeCount: 1, nodesToRemove: remove }
    expect(driver.scaleParameters({} as ClusterContext, change)).toEqual({
      number_of_slaves: 1,
      slaves_to_remove: ['10.0.0.9', '10.0.0.10'],
    })
    // Scaling up removes nothing and asks Marathon nothing.
    seen.length = 0
    expect(await mesosDriver.slavesToRemove(cluster, { stack, nodeCount: 5, fetch: viaFake })).toEqual([])
    expect(seen).toEqual([])
  })

  it('raises MarathonTasksError naming the URL when Marathon answers with an error', async () => {
    status = 503
    try {
      await expect(
        leastLoadedSlaves({ apiAddress: '172.24.4.5', slaves, count: 1, fetch: viaFake }),
      ).rejects.toMatchObject({
        code: 'MARATHON_TASKS_UNAVAILABLE',
        url: 'http://172.24.4.5:8080/v2/tasks',
        message: expect.stringContaining('HTTP 503'),
      })
    } finally {
      status = 200
    }
    const refused: typeof fetch = () => Promise.reject(new TypeError('fetch failed'))
    await expect(
      leastLoadedSlaves({ apiAddress: '10.1.1.1', slaves, count: 1, fetch: refused }),
    ).rejects.toBeInstanceOf(MarathonTasksError)
  })

  it('never picks a busier slave while an emptier one stays (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...slaves), { maxLength: 12 }),
        fc.integer({ min: 0, max: slaves.length }),
        async (hosts, count) => {
          const list = { tasks: hosts.map((host, i) => ({ id: `t${i}`, host })) }
          const fake: typeof fetch = async () => Response.json(list)
          const picked = await leastLoadedSlaves({ apiAddress: 'x', slaves, count, fetch: fake })
          const load = (s: string) => hosts.filter((h) => h === s).length
          expect(picked).toHaveLength(count)
          const kept = slaves.filter((s) => !picked.includes(s))
          for (const p of picked) for (const k of kept) expect(load(p)).toBeLessThanOrEqual(load(k))
        },
      ),
    )
  })
})
