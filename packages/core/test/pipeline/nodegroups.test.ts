import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type RequestLogEntry, ResourceNotFoundError } from '@magnum-ts/auth'
import {
  ClusterOperationError,
  ClusterStatusConflictError,
  MagnumValidationError,
  NodeGroupFailedError,
  NodeGroupOperationInProgressError,
  NodeGroupsNotSupportedError,
  sqliteStore,
} from '@magnum-ts/core'
import { describe, expect, it } from 'vitest'
import { type PipelineFixture, pipelineOnFakeCloud, templateInput, testDriver } from './support.js'
import { asCaller, pipelineAs } from './support-extra.js'

const wait = { intervalMs: 5 }

/** A fixture with one CREATE_COMPLETE cluster `prod` (2 workers, labels, create_timeout 42). */
async function readyCluster(fixture?: PipelineFixture) {
  const f = fixture ?? (await pipelineOnFakeCloud())
  const template = await f.magnum.clusterTemplates.create({ ...templateInput, dockerVolumeSize: 5 })
  const created = await f.magnum.clusters.create({
    name: 'prod',
    clusterTemplateId: template.uuid,
    nodeCount: 2,
    flavorId: 'm1.medium',
    createTimeout: 42,
    labels: { region: 'eu', tier: 'web' },
  })
  const cluster = (await f.magnum.clusters.waitFor(created.uuid, 'CREATE_COMPLETE', wait))!
  return { ...f, template, cluster }
}

/** The fake Glance's uuid of an image name. */
function imageId(f: PipelineFixture, name: string): string {
  const image = [...f.cloud.state.image.images.values()].find((i) => i.name === name)
  if (!image) throw new Error(`no image ${name}`)
  return image.id
}

/** Heat's record of a stack (what it was asked to build). */
function heatStack(f: PipelineFixture, id: string | undefined) {
  const stack = f.cloud.state.orchestration.stacks.get(id ?? '')
  if (!stack) throw new Error(`no stack ${id}`)
  return stack
}

async function rejection(promise: Promise<unknown>): Promise<Error & { status?: number; field?: string }> {
  return promise.then(
    () => {
      throw new Error('expected a rejection')
    },
    (error: Error) => error,
  )
}

describe('nodegroups.create', () => {
  it('stores the row CREATE_IN_PROGRESS, sends the stack request, and the sync carries it to CREATE_COMPLETE', async () => {
    const f = await readyCluster()
    const before = f.notifications.length
    const ng = await f.magnum.nodegroups.create('prod', {
      name: 'gpu_workers',
      nodeCount: 2,
      maxNodeCount: 4,
    })

    expect(ng).toMatchObject({
      name: 'gpu_workers',
      clusterId: f.cluster.uuid,
      projectId: f.cluster.projectId,
      role: 'worker',
      isDefault: false,
      status: 'CREATE_IN_PROGRESS',
      nodeCount: 2,
      minNodeCount: 1,
      maxNodeCount: 4,
      // Magnum's defaults: flavor and docker_volume_size from the cluster (else template), image
      // from the template (as the default nodegroups store it: Glance's uuid), labels from the cluster.
      flavorId: 'm1.medium',
      imageId: imageId(f, 'fedora-atomic-latest'),
      dockerVolumeSize: 5,
      labels: { region: 'eu', tier: 'web' },
    })
    expect((await f.magnum.clusters.get('prod')).status).toBe('UPDATE_IN_PROGRESS')

    const stack = heatStack(f, ng.stackId)
    expect(stack.name).toMatch(/^prod-gpu-worke-[a-z0-9]{12}$/)
    expect(stack.timeoutMins).toBe(42)
    const clusterStack = heatStack(f, f.cluster.stackId)
    const subnet = clusterStack.resources.get('subnet')?.physicalId
    expect(subnet).toBeTruthy()
    expect(stack.givenParameters).toMatchObject({
      image: imageId(f, 'fedora-atomic-latest'),
      flavor: 'm1.medium',
      number_of_minions: 2,
      fixed_subnet: subnet,
      kube_master_ip: f.cluster.masterAddresses[0],
      trustee_user_id: f.cluster.trusteeUserId,
      is_cluster_stack: false,
    })

    const done = await f.magnum.nodegroups.waitFor('prod', 'gpu_workers', 'CREATE_COMPLETE', wait)
    expect(done?.nodeAddresses).toHaveLength(2)
    expect(done?.stackId).toBe(ng.stackId)
    const cluster = await f.magnum.clusters.get('prod')
    expect(cluster.status).toBe('UPDATE_COMPLETE')
    // The cluster's own stack and default nodegroups are untouched.
    expect(cluster.stackId).toBe(f.cluster.stackId)
    expect(cluster.nodeAddresses).toEqual(f.cluster.nodeAddresses)
    expect(f.notifications.slice(before).map((n) => `${n.eventType} ${n.payload.outcome}`)).toEqual([
      'magnum.cluster.update pending',
      'magnum.cluster.update success',
    ])
    // Stats count every nodegroup's nodes: 1 master + 2 default workers + 2 extra.
    expect(await f.magnum.stats()).toEqual({ clusters: 1, nodes: 5 })
  })

  it('takes given labels (merged over the cluster’s with mergeLabels), flavor, image and volume size', async () => {
    const f = await readyCluster()
    const merged = await f.magnum.nodegroups.create('prod', {
      name: 'merged',
      labels: { tier: 'gpu' },
      mergeLabels: true,
      flavorId: 'm1.small',
      imageId: 'ubuntu-mesos',
      dockerVolumeSize: 20,
    })
    expect(merged).toMatchObject({
      labels: { region: 'eu', tier: 'gpu' },
      flavorId: 'm1.small',
      imageId: imageId(f, 'ubuntu-mesos'),
      dockerVolumeSize: 20,
    })
    expect(heatStack(f, merged.stackId).givenParameters).toMatchObject({
      flavor: 'm1.small',
      image: imageId(f, 'ubuntu-mesos'),
    })
    // One nodegroup operation at a time: the cluster is UPDATE_IN_PROGRESS until it completes.
    await f.magnum.nodegroups.waitFor('prod', 'merged', 'CREATE_COMPLETE', wait)
    const replaced = await f.magnum.nodegroups.create('prod', { name: 'replaced', labels: { tier: 'gpu' } })
    expect(replaced.labels).toEqual({ tier: 'gpu' })
  })

  it('refuses synchronously with Magnum’s statuses, storing nothing and creating no stack', async () => {
    const f = await readyCluster()
    const stacksBefore = f.cloud.state.orchestration.stacks.size
    const cases: [Promise<unknown>, number, string][] = [
      [f.magnum.nodegroups.create('prod', { name: 'default-worker' }), 409, 'name'],
      [f.magnum.nodegroups.create('prod', { name: 'big', nodeCount: 5, maxNodeCount: 3 }), 409, 'node_count'],
      [
        f.magnum.nodegroups.create('prod', { name: 'small', nodeCount: 1, minNodeCount: 2 }),
        409,
        'node_count',
      ],
      [f.magnum.nodegroups.create('prod', { name: 'm2', role: 'master' }), 400, 'role'],
      [f.magnum.nodegroups.create('prod', { name: 'zero', nodeCount: 0 }), 400, 'node_count'],
      // The image and flavor are looked up before anything is stored, as for a cluster.
      [f.magnum.nodegroups.create('prod', { name: 'img', imageId: 'no-such-image' }), 400, 'image_id'],
      [f.magnum.nodegroups.create('prod', { name: 'flv', flavorId: 'm1.huge' }), 400, 'flavor_id'],
    ]
    for (const [promise, status, field] of cases) {
      const error = await rejection(promise)
      expect(error).toBeInstanceOf(MagnumValidationError)
      expect([error.status, error.field]).toEqual([status, field])
    }
    expect(await f.store.nodegroups.list({ clusterId: f.cluster.uuid })).toHaveLength(2)
    expect(f.cloud.state.orchestration.stacks.size).toBe(stacksBefore)
    expect((await f.magnum.clusters.get('prod')).status).toBe('CREATE_COMPLETE')
  })

  it('refuses a cluster without an API address yet (409) and one not in a *_COMPLETE status (400)', async () => {
    const f = await pipelineOnFakeCloud()
    f.cloud.heat.settings.resourceSeconds = 3600
    const template = await f.magnum.clusterTemplates.create(templateInput)
    await f.magnum.clusters.create({ name: 'young', clusterTemplateId: template.uuid })
    const early = await rejection(f.magnum.nodegroups.create('young', { name: 'gpu' }))
    expect([early.status, early.field]).toEqual([409, 'cluster_id'])

    // With an address but mid-update: the conductor would only log this; we say why.
    const young = await f.store.clusters.find('young')
    await f.store.clusters.update({ ...young, apiAddress: 'https://10.0.0.3:6443', status: 'UPDATE_FAILED' })
    const busy = await rejection(f.magnum.nodegroups.create('young', { name: 'gpu' }))
    expect(busy).toBeInstanceOf(ClusterStatusConflictError)
    expect(busy.status).toBe(400)
    expect(busy.message).toContain('UPDATE_FAILED')
    expect(await f.store.nodegroups.list({ clusterId: young.uuid })).toHaveLength(2)
  })

  it('a driver without nodeGroupStackRequest → NodeGroupsNotSupportedError naming it, nothing stored', async () => {
    const { nodeGroupStackRequest: _, ...plain } = testDriver
    const f = await readyCluster(await pipelineOnFakeCloud({ drivers: [{ ...plain, name: 'plain_driver' }] }))
    const error = await rejection(f.magnum.nodegroups.create('prod', { name: 'gpu' }))
    expect(error).toBeInstanceOf(NodeGroupsNotSupportedError)
    expect(error.status).toBe(400)
    expect(error.message).toContain('plain_driver')
    expect(await f.store.nodegroups.list({ clusterId: f.cluster.uuid })).toHaveLength(2)
    expect((await f.magnum.clusters.get('prod')).status).toBe('CREATE_COMPLETE')
  })

  it('a driver failing to build the request stores nothing; Heat refusing leaves the row CREATE_FAILED', async () => {
    const failing = {
      ...testDriver,
      async nodeGroupStackRequest() {
        throw new Error('no template for this role')
      },
    }
    const f = await readyCluster(await pipelineOnFakeCloud({ drivers: [failing] }))
    const built = await rejection(f.magnum.nodegroups.create('prod', { name: 'gpu' }))
    expect(built).toBeInstanceOf(ClusterOperationError)
    expect(built.message).toContain('no template for this role')
    expect(await f.store.nodegroups.list({ clusterId: f.cluster.uuid })).toHaveLength(2)
    expect((await f.magnum.clusters.get('prod')).status).toBe('CREATE_COMPLETE')

    const g = await readyCluster()
    g.cloud.faults.add({ service: 'orchestration', method: 'POST', path: /\/stacks$/, status: 400, times: 1 })
    const refused = await rejection(g.magnum.nodegroups.create('prod', { name: 'gpu' }))
    expect(refused).toBeInstanceOf(ClusterOperationError)
    expect(refused.status).toBe(400)
    const row = await g.magnum.nodegroups.get('prod', 'gpu')
    expect(row).toMatchObject({ status: 'CREATE_FAILED', stackId: undefined })
    expect(row.statusReason).toContain('creating the Heat stack of nodegroup gpu')
    expect(await g.magnum.clusters.get('prod')).toMatchObject({
      status: 'UPDATE_FAILED',
      statusReason: 'gpu failed',
    })
    expect(g.notifications.at(-1)?.payload).toMatchObject({ action: 'update', outcome: 'failure' })
    // The sync leaves a stackless failed nodegroup alone (and is not blocked by it).
    await g.magnum.sync.runOnce()
    expect((await g.magnum.nodegroups.get('prod', 'gpu')).status).toBe('CREATE_FAILED')
    await expect(g.magnum.nodegroups.waitFor('prod', 'gpu', 'CREATE_COMPLETE', wait)).rejects.toBeInstanceOf(
      NodeGroupFailedError,
    )

    // Deleting it removes the row at once; the cluster is whole again.
    const gone = await g.magnum.nodegroups.delete('prod', 'gpu')
    expect(gone.status).toBe('DELETE_COMPLETE')
    expect(await g.store.nodegroups.list({ clusterId: g.cluster.uuid })).toHaveLength(2)
    expect((await g.magnum.clusters.get('prod')).status).toBe('UPDATE_COMPLETE')
  })
})

describe('nodegroups list, get, update', () => {
  it('lists the defaults then the extra ones, filters by role, finds by name or uuid', async () => {
    const f = await readyCluster()
    const gpu = await f.magnum.nodegroups.create('prod', { name: 'gpu', role: 'gpu' })
    const names = async (role?: string) =>
      (await f.magnum.nodegroups.list('prod', role === undefined ? {} : { role })).map((ng) => ng.name)
    const all = await names()
    expect(all.slice(0, 2).sort()).toEqual(['default-master', 'default-worker'])
    expect(all[2]).toBe('gpu')
    expect(await names('worker')).toEqual(['default-worker'])
    expect(await names('gpu')).toEqual(['gpu'])
    expect(await names('master')).toEqual(['default-master'])
    expect((await f.magnum.nodegroups.get('prod', gpu.uuid)).name).toBe('gpu')
    expect((await f.magnum.nodegroups.get(f.cluster.uuid, 'gpu')).uuid).toBe(gpu.uuid)
    await expect(f.magnum.nodegroups.get('prod', 'nope')).rejects.toBeInstanceOf(ResourceNotFoundError)
  })

  it('changes only min/max within the node count; null clears max; other fields are named in a 400', async () => {
    const f = await readyCluster()
    await f.magnum.nodegroups.create('prod', { name: 'gpu', nodeCount: 2 })
    expect(
      await f.magnum.nodegroups.update('prod', 'gpu', { minNodeCount: 2, maxNodeCount: 5 }),
    ).toMatchObject({
      minNodeCount: 2,
      maxNodeCount: 5,
    })
    expect(
      (await f.magnum.nodegroups.update('prod', 'gpu', { maxNodeCount: null })).maxNodeCount,
    ).toBeUndefined()
    expect((await f.magnum.nodegroups.get('prod', 'gpu')).maxNodeCount).toBeUndefined()

    const tooSmall = await rejection(f.magnum.nodegroups.update('prod', 'gpu', { maxNodeCount: 1 }))
    expect([tooSmall.status, tooSmall.field]).toEqual([409, 'max_node_count'])
    const tooBig = await rejection(f.magnum.nodegroups.update('prod', 'gpu', { minNodeCount: 3 }))
    expect([tooBig.status, tooBig.field]).toEqual([409, 'min_node_count'])
    const other = await rejection(
      f.magnum.nodegroups.update('prod', 'gpu', { nodeCount: 3, flavorId: 'x' } as { minNodeCount?: number }),
    )
    expect([other.status, other.field]).toEqual([400, 'node_count'])
    expect(other.message).toContain('node_count, flavor_id')
    expect(await f.magnum.nodegroups.get('prod', 'gpu')).toMatchObject({ nodeCount: 2, minNodeCount: 2 })
  })
})

describe('nodegroups.delete and resize', () => {
  it('deletes an extra nodegroup: row DELETE_IN_PROGRESS, stack deleted, row destroyed; defaults → 400', async () => {
    const f = await readyCluster()
    const ng = await f.magnum.nodegroups.create('prod', { name: 'gpu' })
    await f.magnum.nodegroups.waitFor('prod', 'gpu', 'CREATE_COMPLETE', wait)

    const refused = await rejection(f.magnum.nodegroups.delete('prod', 'default-worker'))
    expect([refused.status, refused.field]).toEqual([400, 'nodegroup'])

    const deleting = await f.magnum.nodegroups.delete('prod', 'gpu')
    expect(deleting.status).toBe('DELETE_IN_PROGRESS')
    expect(heatStack(f, ng.stackId).action).toBe('DELETE')
    expect((await f.magnum.clusters.get('prod')).status).toBe('UPDATE_IN_PROGRESS')
    expect(await f.magnum.nodegroups.waitFor('prod', 'gpu', 'DELETE_COMPLETE', wait)).toBeUndefined()
    expect(await f.store.nodegroups.get(ng.uuid)).toBeUndefined()
    expect(heatStack(f, ng.stackId)).toMatchObject({ action: 'DELETE', status: 'COMPLETE' })
    expect((await f.magnum.clusters.get('prod')).status).toBe('UPDATE_COMPLETE')
    // A destroyed nodegroup counts as DELETE_COMPLETE for a later wait too.
    expect(await f.magnum.nodegroups.waitFor('prod', 'gpu', 'DELETE_COMPLETE', wait)).toBeUndefined()
  })

  it('Heat busy (409) restores the rows and says so (400); a stack Heat lost is destroyed at once', async () => {
    const f = await readyCluster()
    const ng = await f.magnum.nodegroups.create('prod', { name: 'gpu' })
    await f.magnum.nodegroups.waitFor('prod', 'gpu', 'CREATE_COMPLETE', wait)
    const stackPath = new RegExp(`/stacks/[^/]+/${ng.stackId}$|/stacks/${ng.stackId}$`)
    f.cloud.faults.add({ service: 'orchestration', method: 'DELETE', path: stackPath, status: 409, times: 1 })
    const busy = await rejection(f.magnum.nodegroups.delete('prod', 'gpu'))
    expect(busy).toBeInstanceOf(NodeGroupOperationInProgressError)
    expect([busy.status, busy.field]).toEqual([400, 'nodegroup'])
    expect((await f.magnum.nodegroups.get('prod', 'gpu')).status).toBe('CREATE_COMPLETE')
    expect((await f.magnum.clusters.get('prod')).status).toBe('UPDATE_COMPLETE')

    f.cloud.faults.add({ service: 'orchestration', method: 'DELETE', path: stackPath, status: 404, times: 1 })
    const gone = await f.magnum.nodegroups.delete('prod', 'gpu')
    expect(gone.status).toBe('DELETE_COMPLETE')
    expect(await f.store.nodegroups.get(ng.uuid)).toBeUndefined()
    expect((await f.magnum.clusters.get('prod')).status).toBe('UPDATE_COMPLETE')
  })

  it('resize with nodegroup updates that nodegroup’s stack only, within its bounds', async () => {
    const f = await readyCluster()
    const ng = await f.magnum.nodegroups.create('prod', { name: 'gpu', nodeCount: 1, maxNodeCount: 3 })
    await f.magnum.nodegroups.waitFor('prod', 'gpu', 'CREATE_COMPLETE', wait)

    const out = await rejection(f.magnum.clusters.resize('prod', { nodegroup: 'gpu', nodeCount: 4 }))
    expect([out.status, out.field]).toEqual([400, 'node_count'])

    await f.magnum.clusters.resize('prod', { nodegroup: 'gpu', nodeCount: 3 })
    expect(heatStack(f, ng.stackId).givenParameters.number_of_minions).toBe(3)
    expect(heatStack(f, f.cluster.stackId).givenParameters.number_of_minions).toBe(2)
    const grown = await f.magnum.nodegroups.waitFor('prod', 'gpu', 'UPDATE_COMPLETE', wait)
    expect(grown?.nodeCount).toBe(3)
    expect(grown?.nodeAddresses).toHaveLength(3)
    const cluster = await f.magnum.clusters.waitFor('prod', 'UPDATE_COMPLETE', wait)
    expect(cluster?.nodeCount).toBe(2)
    expect((await f.magnum.nodegroups.get('prod', 'default-worker')).nodeCount).toBe(2)
  })

  it('cluster delete: extra nodegroup stacks first, the cluster stack after them, nothing left', async () => {
    const requests: RequestLogEntry[] = []
    const f = await readyCluster(await pipelineOnFakeCloud({}, { logger: (e) => requests.push(e) }))
    const ng = await f.magnum.nodegroups.create('prod', { name: 'gpu', nodeCount: 2 })
    await f.magnum.nodegroups.waitFor('prod', 'gpu', 'CREATE_COMPLETE', wait)

    requests.length = 0
    const deleting = await f.magnum.clusters.delete('prod')
    expect(deleting?.status).toBe('DELETE_IN_PROGRESS')
    const rows = await f.store.nodegroups.list({ clusterId: f.cluster.uuid })
    expect(rows.map((r) => r.status)).toEqual([
      'DELETE_IN_PROGRESS',
      'DELETE_IN_PROGRESS',
      'DELETE_IN_PROGRESS',
    ])
    // The cluster stack waits: the extra nodes still sit on its subnet.
    expect(heatStack(f, f.cluster.stackId).action).toBe('CREATE')

    await f.magnum.clusters.waitFor(f.cluster.uuid, 'DELETE_COMPLETE', wait)
    const deletes = requests
      .filter((r) => r.service === 'orchestration' && r.method === 'DELETE')
      .map((r) => new URL(r.url).pathname.split('/').pop())
    expect(deletes).toEqual([ng.stackId, f.cluster.stackId])
    expect(await f.store.clusters.list()).toEqual([])
    expect(await f.store.nodegroups.list()).toEqual([])
    f.cloud.assertNoOrphans()
  })
})

describe('nodegroups in the status sync and across projects', () => {
  it('reads the cluster and nodegroup stacks in one batched list call, never one GET per nodegroup', async () => {
    const requests: RequestLogEntry[] = []
    const f = await readyCluster(await pipelineOnFakeCloud({}, { logger: (e) => requests.push(e) }))
    const a = await f.magnum.nodegroups.create('prod', { name: 'a' })
    await f.magnum.nodegroups.waitFor('prod', 'a', 'CREATE_COMPLETE', wait)
    f.cloud.heat.settings.resourceSeconds = 3600 // b's stack stays in progress
    const b = await f.magnum.nodegroups.create('prod', { name: 'b' })

    requests.length = 0
    const report = await f.magnum.sync.runOnce()
    const heat = requests.filter((r) => r.service === 'orchestration')
    expect(report.heatListCalls).toBe(1)
    expect(heat.map((r) => `${r.method} ${new URL(r.url).pathname.split('/').pop()}`)).toEqual(['GET stacks'])
    const asked = new URL(heat[0]!.url).searchParams.getAll('id')
    expect(asked.sort()).toEqual([f.cluster.stackId, a.stackId, b.stackId].sort())
    expect((await f.magnum.clusters.get('prod')).status).toBe('UPDATE_IN_PROGRESS')
  })

  it('a failed nodegroup stack fails the cluster update with "<ng> failed"', async () => {
    const f = await readyCluster()
    f.cloud.heat.failResource('prod-broken-*', 'kube_minions', 'No valid host was found')
    await f.magnum.nodegroups.create('prod', { name: 'broken' })
    const error = await rejection(f.magnum.nodegroups.waitFor('prod', 'broken', 'CREATE_COMPLETE', wait))
    expect(error).toBeInstanceOf(NodeGroupFailedError)
    expect((error as NodeGroupFailedError).nodeGroupStatus).toBe('CREATE_FAILED')
    expect(await f.magnum.clusters.get('prod')).toMatchObject({
      status: 'UPDATE_FAILED',
      statusReason: 'broken failed',
    })
    expect(f.notifications.at(-1)?.payload).toMatchObject({ action: 'update', outcome: 'failure' })
  })

  it('another project sees none of it (404); an admin does', async () => {
    const f = await readyCluster()
    await f.magnum.nodegroups.create('prod', { name: 'gpu' })
    const stranger = pipelineAs(f, asCaller(f.session, { projectId: 'another-project', isAdmin: false }))
    for (const call of [
      stranger.nodegroups.list('prod'),
      stranger.nodegroups.get('prod', 'gpu'),
      stranger.nodegroups.create('prod', { name: 'mine' }),
      stranger.nodegroups.update('prod', 'gpu', { maxNodeCount: 9 }),
      stranger.nodegroups.delete('prod', 'gpu'),
    ])
      await expect(call).rejects.toBeInstanceOf(ResourceNotFoundError)
    const admin = pipelineAs(f, asCaller(f.session, { projectId: 'another-project', isAdmin: true }))
    expect((await admin.nodegroups.list('prod')).map((ng) => ng.name)).toContain('gpu')
    expect(await f.store.nodegroups.list({ clusterId: f.cluster.uuid })).toHaveLength(3)
  })
})

it('on a SQLite store: a refused create leaves exactly the failed row, a good one completes and is deleted', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'magnum-ts-ng-'))
  const store = await sqliteStore(join(dir, 'magnum.db'))
  try {
    const f = await readyCluster({ ...(await pipelineOnFakeCloud({ store })), store })
    f.cloud.faults.add({ service: 'orchestration', method: 'POST', path: /\/stacks$/, status: 400, times: 1 })
    await expect(f.magnum.nodegroups.create('prod', { name: 'bad' })).rejects.toBeInstanceOf(
      ClusterOperationError,
    )
    const rows = await store.nodegroups.list({ clusterId: f.cluster.uuid, isDefault: false })
    expect(rows.map((r) => [r.name, r.status, r.stackId])).toEqual([['bad', 'CREATE_FAILED', undefined]])
    await f.magnum.nodegroups.delete('prod', 'bad')

    await f.magnum.nodegroups.create('prod', { name: 'good', nodeCount: 2 })
    expect(
      (await f.magnum.nodegroups.waitFor('prod', 'good', 'CREATE_COMPLETE', wait))?.nodeAddresses,
    ).toHaveLength(2)
    await f.magnum.clusters.delete('prod')
    await f.magnum.clusters.waitFor(f.cluster.uuid, 'DELETE_COMPLETE', wait)
    expect(await store.nodegroups.list()).toEqual([])
    f.cloud.assertNoOrphans()
  } finally {
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  }
})
