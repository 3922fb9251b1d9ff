import { X509Certificate } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { toArray } from '@magnum-ts/auth'
import { createCertStore, memoryX509KeyPairTable } from '@magnum-ts/certs'
import { listServers } from '@magnum-ts/compute'
import { ClusterConfigExistsError, ClusterOperationError, ClusterQuotaExceededError } from '@magnum-ts/core'
import { findExternalNetwork } from '@magnum-ts/network'
import { describe, expect, it } from 'vitest'
import { pipelineOnFakeCloud, templateInput, testDriver } from './support.js'

describe('pipeline on the fake cloud: the whole lifecycle', () => {
  it('create → CREATE_COMPLETE → config → scale up → resize with nodes_to_remove → delete, no orphans', async () => {
    const { cloud, store, magnum, notifications } = await pipelineOnFakeCloud()
    const template = await magnum.clusterTemplates.create(templateInput)
    expect(template.clusterDistro).toBe('fedora-atomic')

    const created = await magnum.clusters.create({
      name: 'prod_k8s',
      clusterTemplateId: template.uuid,
      nodeCount: 2,
    })
    expect(created.status).toBe('CREATE_IN_PROGRESS')
    expect(created.stackId).toBeTruthy()
    expect(created.trustId).toBeTruthy()
    expect(
      notifications.filter((n) => n.eventType === 'magnum.cluster.create').map((n) => n.payload.outcome),
    ).toEqual(['pending'])
    const stack = cloud.state.orchestration.stacks.get(created.stackId!)
    expect(stack?.name).toMatch(/^prod-k8s-[a-z0-9]{12}$/)

    const ready = await magnum.clusters.waitFor(created.uuid, 'CREATE_COMPLETE', { intervalMs: 10 })
    expect(ready?.apiAddress).toMatch(/^https:\/\/\d+\.\d+\.\d+\.\d+:6443$/)
    expect(ready?.nodeAddresses).toHaveLength(2)
    expect(ready?.containerVersion).toBe('1.12.6')
    expect(notifications.at(-1)?.payload).toMatchObject({ action: 'create', outcome: 'success' })

    const dir = mkdtempSync(join(tmpdir(), 'magnum-ts-config-'))
    try {
      const config = await magnum.clusters.config('prod_k8s', { dir })
      const ca = new X509Certificate(readFileSync(join(dir, 'ca.pem')))
      const cert = new X509Certificate(readFileSync(join(dir, 'cert.pem')))
      expect(cert.checkIssued(ca)).toBe(true)
      expect(cert.subject).toContain('CN=admin')
      expect(statSync(join(dir, 'key.pem')).mode & 0o777).toBe(0o600)
      expect(config.env.TEST_API).toBe(ready?.apiAddress)
      // A file the driver names relatively is exported as the path it was written to.
      expect(config.env.TEST_CA).toBe(join(dir, 'ca.pem'))
      await expect(magnum.clusters.config('prod_k8s', { dir })).rejects.toBeInstanceOf(
        ClusterConfigExistsError,
      )
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }

    await magnum.clusters.update('prod_k8s', { nodeCount: 4 })
    const grown = await magnum.clusters.waitFor('prod_k8s', 'UPDATE_COMPLETE', { intervalMs: 10 })
    expect(grown?.nodeAddresses).toHaveLength(4)

    const doomed = grown!.nodeAddresses.slice(0, 2)
    const servers = await toArray(listServers(cloud.session()))
    const doomedServers = servers.filter((s) =>
      Object.values(s.addresses ?? {})
        .flat()
        .some((a) => doomed.includes(a.addr)),
    )
    expect(doomedServers).toHaveLength(2)
    await magnum.clusters.resize('prod_k8s', { nodeCount: 2, nodesToRemove: doomedServers.map((s) => s.id) })
    const shrunk = await magnum.clusters.waitFor('prod_k8s', 'UPDATE_COMPLETE', { intervalMs: 10 })
    expect(shrunk?.nodeAddresses).toHaveLength(2)
    expect(shrunk?.nodeAddresses.some((a) => doomed.includes(a))).toBe(false)

    await magnum.clusters.delete('prod_k8s')
    await magnum.clusters.waitFor(created.uuid, 'DELETE_COMPLETE', { intervalMs: 10 })
    expect(await store.clusters.list()).toEqual([])
    expect(await store.nodegroups.list()).toEqual([])
    cloud.assertNoOrphans()
  })
})

describe('pipeline failure paths leave no orphans', () => {
  it('Heat CREATE_FAILED on a named resource → CREATE_FAILED with the reason; delete cleans everything', async () => {
    const { cloud, magnum, notifications } = await pipelineOnFakeCloud()
    cloud.heat.failResource('*', 'kube_master', 'No valid host was found')
    const template = await magnum.clusterTemplates.create(templateInput)
    const created = await magnum.clusters.create({ name: 'broken', clusterTemplateId: template.uuid })
    const error = await magnum.clusters
      .waitFor(created.uuid, 'CREATE_COMPLETE', { intervalMs: 10 })
      .catch((e) => e)
    expect(error.clusterStatus).toBe('CREATE_FAILED')
    expect(notifications.at(-1)?.payload).toMatchObject({ action: 'create', outcome: 'failure' })
    await magnum.clusters.delete('broken')
    await magnum.clusters.waitFor(created.uuid, 'DELETE_COMPLETE', { intervalMs: 10 })
    cloud.assertNoOrphans()
  })

  it('trust creation refused → ClusterOperationError, CREATE_FAILED, trustee user and certificates removed', async () => {
    const table = memoryX509KeyPairTable()
    const { cloud, store, magnum } = await pipelineOnFakeCloud({
      certStore: createCertStore('store', { table }),
    })
    const template = await magnum.clusterTemplates.create(templateInput)
    cloud.faults.add({
      service: 'identity',
      method: 'POST',
      path: /OS-TRUST\/trusts$/,
      status: 403,
      times: 1,
    })
    const error = await magnum.clusters
      .create({ name: 'untrusted', clusterTemplateId: template.uuid })
      .catch((e) => e)
    expect(error).toBeInstanceOf(ClusterOperationError)
    expect(error.message).toContain('creating the trustee and trust')
    const [row] = await store.clusters.list()
    expect(row?.status).toBe('CREATE_FAILED')
    expect(row?.caCertRef).toBeUndefined()
    expect(table.records.size).toBe(0)
    cloud.assertNoOrphans()
  })

  it('the project quota is enforced before anything is created (403)', async () => {
    const { cloud, store, magnum } = await pipelineOnFakeCloud()
    const template = await magnum.clusterTemplates.create(templateInput)
    const ctx = await cloud.session().context()
    await store.quotas.create({
      projectId: ctx.projectId!,
      resource: 'Cluster',
      hardLimit: 1,
      createdAt: undefined,
      updatedAt: undefined,
    })
    await magnum.clusters.create({ name: 'one', clusterTemplateId: template.uuid })
    const error = await magnum.clusters
      .create({ name: 'two', clusterTemplateId: template.uuid })
      .catch((e) => e)
    expect(error).toBeInstanceOf(ClusterQuotaExceededError)
    expect(error.status).toBe(403)
    expect(await store.clusters.count()).toBe(1)
  })
})

describe('what a driver receives', () => {
  it('resolved ids for networks named by name, Cinder’s default volume type, trustee credentials', async () => {
    let seen: Parameters<typeof testDriver.stackRequest>[0] | undefined
    const capturing = {
      ...testDriver,
      stackRequest: (ctx: Parameters<typeof testDriver.stackRequest>[0]) => {
        seen = ctx
        return testDriver.stackRequest(ctx)
      },
    }
    const { magnum, session } = await pipelineOnFakeCloud({ drivers: [capturing] })
    const template = await magnum.clusterTemplates.create(templateInput)
    await magnum.clusters.create({ name: 'seen', clusterTemplateId: template.uuid })
    const external = await findExternalNetwork(session, 'public')
    expect(template.externalNetworkId).toBe('public')
    expect(seen?.clusterTemplate.externalNetworkId).toBe(external.id)
    expect(seen?.config.cinderDefaultVolumeType).toBe('lvmdriver-1')
    expect(seen?.trust.trustId).toBeTruthy()
    expect(seen?.trust.trusteePassword).toHaveLength(18)
    expect(seen?.endpoints.authUrl).toMatch(/\/identity\/v3$/)
  })
})
