import { createCertStore, memoryX509KeyPairTable } from '@magnum-ts/certs'
import {
  ClusterQuotaExceededError,
  ClusterStatusConflictError,
  CREATED_AT_CREATE_TIME,
  EXISTING_STACK_TEMPLATE,
  InvalidParameterValueError,
} from '@magnum-ts/core'
import { describe, expect, it } from 'vitest'
import { type PipelineFixture, pipelineOnFakeCloud, templateInput } from './support.js'

interface Sent {
  method: string
  url: string
  body: unknown
}

/** The fixture with every request the caller's session sends recorded (method, URL, JSON body). */
async function recordingPipeline() {
  const sent: Sent[] = []
  const table = memoryX509KeyPairTable()
  let fixture: PipelineFixture | undefined
  fixture = await pipelineOnFakeCloud(
    { certStore: createCertStore('store', { table }) },
    {
      fetch: async (input, init) => {
        const request = new Request(input, init)
        const text = request.method === 'GET' ? '' : await request.clone().text()
        sent.push({ method: request.method, url: request.url, body: text ? JSON.parse(text) : undefined })
        return fixture!.cloud.fetch(request)
      },
    },
  )
  const writes = () => sent.filter((s) => s.method !== 'GET' && !s.url.endsWith('/auth/tokens'))
  return { ...fixture, sent, writes, certificates: table.records }
}

describe('magnum.clusters.preview', () => {
  it('create: shows the exact POST /stacks of the real create, storing and creating nothing', async () => {
    const f = await recordingPipeline()
    const template = await f.magnum.clusterTemplates.create(templateInput)
    const input = { name: 'dry', clusterTemplateId: template.uuid, nodeCount: 2 }
    f.sent.length = 0

    const preview = await f.magnum.clusters.preview.create(input)

    expect(f.writes()).toEqual([])
    expect(await f.store.clusters.list()).toEqual([])
    expect(await f.store.nodegroups.list()).toEqual([])
    expect(f.certificates.size).toBe(0)
    expect(f.cloud.orphans()).toEqual({})
    expect(f.cloud.state.orchestration.stacks.size).toBe(0)
    expect(preview.template).toBe('cluster.yaml')
    expect(preview.files).toEqual(['cluster.yaml', 'worker.yaml', 'env.yaml'])
    expect(preview.environmentFiles).toEqual(['env.yaml'])
    expect(preview.parameters.trustee_user_id).toBe(CREATED_AT_CREATE_TIME)
    expect(preview.parameters.trustee_password).toBe(CREATED_AT_CREATE_TIME)

    await f.magnum.clusters.create(input)
    const post = f.sent.find((s) => s.method === 'POST' && /\/stacks$/.test(s.url))
    const body = post!.body as {
      files: Record<string, string>
      environment_files: string[]
      parameters: Record<string, unknown>
    }
    expect(Object.keys(body.files)).toEqual(preview.files)
    expect(body.environment_files).toEqual(preview.environmentFiles)
    // Everything but the values a real create makes is what Heat received.
    expect(body.parameters.trustee_user_id).not.toBe(CREATED_AT_CREATE_TIME)
    expect({
      ...body.parameters,
      trustee_user_id: CREATED_AT_CREATE_TIME,
      trustee_password: CREATED_AT_CREATE_TIME,
    }).toEqual(preview.parameters)
  })

  it('create: refuses what the real create refuses (fields, quota)', async () => {
    const f = await recordingPipeline()
    const template = await f.magnum.clusterTemplates.create(templateInput)
    await expect(
      f.magnum.clusters.preview.create({ name: 'bad', clusterTemplateId: template.uuid, nodeCount: 0 }),
    ).rejects.toMatchObject({ field: 'node_count' })
    await f.magnum.clusters.create({ name: 'first', clusterTemplateId: template.uuid })
    const projectId = (await f.session.context()).projectId!
    await f.store.quotas.create({
      projectId,
      resource: 'Cluster',
      hardLimit: 1,
      createdAt: undefined,
      updatedAt: undefined,
    })
    await expect(
      f.magnum.clusters.preview.create({ name: 'q', clusterTemplateId: template.uuid }),
    ).rejects.toBeInstanceOf(ClusterQuotaExceededError)
    expect((await f.store.clusters.list()).map((c) => c.name)).toEqual(['first'])
  })

  it('update and resize: the PATCH parameters, with the stored counts and the stack unchanged', async () => {
    const f = await recordingPipeline()
    const template = await f.magnum.clusterTemplates.create(templateInput)
    const created = await f.magnum.clusters.create({
      name: 'live',
      clusterTemplateId: template.uuid,
      nodeCount: 1,
    })
    await f.magnum.clusters.waitFor(created.uuid, 'CREATE_COMPLETE', { intervalMs: 10 })
    const stackBefore = structuredClone(f.cloud.state.orchestration.stacks.get(created.stackId!)?.parameters)
    f.sent.length = 0

    const update = await f.magnum.clusters.preview.update('live', { nodeCount: 3 })
    expect(update).toEqual({
      template: EXISTING_STACK_TEMPLATE,
      files: [],
      environmentFiles: [],
      parameters: { number_of_minions: 3, minions_to_remove: [] },
    })
    const resize = await f.magnum.clusters.preview.resize('live', { nodeCount: 2, nodesToRemove: ['srv-1'] })
    expect(resize.parameters).toEqual({ number_of_minions: 2, minions_to_remove: ['srv-1'] })
    const same = await f.magnum.clusters.preview.resize('live', { nodeCount: 1 })
    expect(same.parameters).toEqual({})

    expect(f.writes()).toEqual([])
    expect((await f.magnum.clusters.get('live')).nodeCount).toBe(1)
    expect((await f.magnum.clusters.get('live')).status).toBe('CREATE_COMPLETE')
    expect(f.cloud.state.orchestration.stacks.get(created.stackId!)?.parameters).toEqual(stackBefore)

    // The real update sends exactly the previewed parameters.
    await f.magnum.clusters.update('live', { nodeCount: 3 })
    const patch = f.sent.find((s) => s.method === 'PATCH')
    expect((patch!.body as { parameters: unknown }).parameters).toEqual(update.parameters)
  })

  it('update: any field but node_count is refused naming it; a busy cluster is refused like the real call', async () => {
    const f = await recordingPipeline()
    const template = await f.magnum.clusterTemplates.create(templateInput)
    await f.magnum.clusters.create({ name: 'busy', clusterTemplateId: template.uuid })
    const refused = f.magnum.clusters.preview.update('busy', { nodeCount: 2, name: 'other' })
    await expect(refused).rejects.toBeInstanceOf(InvalidParameterValueError)
    await expect(refused).rejects.toMatchObject({ field: 'name' })
    await expect(f.magnum.clusters.update('busy', { nodeCount: 2, keypair: 'k' })).rejects.toMatchObject({
      field: 'keypair',
    })
    // A PATCH that sets node_count to null leaves nothing to scale to.
    await expect(
      f.magnum.clusters.update('busy', { nodeCount: null as unknown as number }),
    ).rejects.toMatchObject({ field: 'node_count', status: 400 })
    await expect(f.magnum.clusters.preview.update('busy', { nodeCount: 2 })).rejects.toBeInstanceOf(
      ClusterStatusConflictError,
    )
  })
})
