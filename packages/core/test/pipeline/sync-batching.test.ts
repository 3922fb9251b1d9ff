import type { RequestLogEntry } from '@magnum-ts/auth'
import { describe, expect, it } from 'vitest'
import { pipelineOnFakeCloud, templateInput } from './support.js'

describe('status sync batching', () => {
  it('reads N in-progress clusters with ⌈N / page size⌉ Heat list requests, never one GET per cluster', async () => {
    const requests: RequestLogEntry[] = []
    const { cloud, magnum } = await pipelineOnFakeCloud(
      { config: { syncPageSize: 2 } },
      { logger: (e) => requests.push(e) },
    )
    cloud.heat.settings.resourceSeconds = 3600 // stacks stay in progress for the whole test
    const template = await magnum.clusterTemplates.create(templateInput)
    for (const name of ['a', 'b', 'c', 'd', 'e'])
      await magnum.clusters.create({ name, clusterTemplateId: template.uuid })

    requests.length = 0
    const report = await magnum.sync.runOnce()
    const heat = requests.filter((r) => r.service === 'orchestration')
    expect(report.clusters).toBe(5)
    expect(report.heatListCalls).toBe(3) // ⌈5 / 2⌉
    expect(heat.map((r) => `${r.method} ${new URL(r.url).pathname.split('/').pop()}`)).toEqual([
      'GET stacks',
      'GET stacks',
      'GET stacks',
    ])
  })
})
