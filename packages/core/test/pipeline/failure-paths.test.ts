import { ServerError } from '@magnum-ts/auth'
import { createCertStore, memoryX509KeyPairTable } from '@magnum-ts/certs'
import { ClusterOperationError, type ClusterStatusEvent, ServiceNotInCatalogError } from '@magnum-ts/core'
import { describe, expect, it } from 'vitest'
import { withCatalog, without } from '../resources/support.js'
import { type PipelineFixture, pipelineOnFakeCloud, templateInput } from './support.js'

// Retries keep their number (3 after the first attempt) but not their seconds of backoff.
const fastRetries = { retry: { baseDelayMs: 1, maxDelayMs: 5 } }

describe('no Barbican: the "barbican" certificate store on a cloud without key-manager', () => {
  /** The fake cloud as seen through a catalog without Barbican, certificates configured to go there. */
  const noBarbican = () =>
    pipelineOnFakeCloud(
      // The store object alone says "barbican": no separate certStoreSpec is needed for the check.
      (_cloud, session) => ({ certStore: createCertStore('barbican', { session }) }),
      fastRetries,
      { wrapSession: (session) => withCatalog(session, without('key-manager')) },
    )

  /**
   * The template as it was stored before Barbican went away (a template create now runs the same
   * check): made on a healthy twin cloud, stored for the fixture's project.
   */
  async function existingTemplate(fixture: PipelineFixture) {
    const twin = await pipelineOnFakeCloud()
    const made = await twin.magnum.clusterTemplates.create(templateInput)
    const ctx = await fixture.session.context()
    return fixture.store.clusterTemplates.create({ ...made, projectId: ctx.projectId!, userId: ctx.userId })
  }

  it('clusters.create is refused synchronously naming Barbican and the fix; nothing stored, nothing in the cloud', async () => {
    const fixture = await noBarbican()
    const { cloud, store, magnum, notifications } = fixture
    await expect(magnum.clusterTemplates.create(templateInput)).rejects.toBeInstanceOf(
      ServiceNotInCatalogError,
    )
    const stored = await existingTemplate(fixture)

    const events: ClusterStatusEvent[] = []
    magnum.events.on((e) => events.push(e))
    const error = await magnum.clusters
      .create({ name: 'needs-barbican', clusterTemplateId: stored.uuid })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ServiceNotInCatalogError)
    expect(error).toMatchObject({ status: 400, serviceType: 'key-manager' })
    expect((error as Error).message).toContain('Barbican')
    expect((error as Error).message).toMatch(/local:DIR|"store"/)
    expect(await store.clusters.count()).toBe(0)
    expect(await store.nodegroups.list()).toEqual([])
    expect(events).toEqual([])
    expect(notifications).toEqual([])
    cloud.assertNoOrphans()
  })

  it('magnum.doctor() reports the missing key-manager, and as an error once a template is checked', async () => {
    const fixture = await noBarbican()
    const { magnum } = fixture
    const stored = await existingTemplate(fixture)

    // Certificates go to Barbican: its absence is an error even before any template is checked.
    const catalogOnly = await magnum.doctor()
    expect(catalogOnly.ok).toBe(false)
    const barbican = catalogOnly.errors.find((f) => f.check === 'catalog:key-manager')
    expect(barbican?.message).toContain('"barbican" certificate store')
    expect(barbican?.fix).toContain('local:DIR')

    const withTemplate = await magnum.doctor({ template: stored.uuid })
    expect(withTemplate.ok).toBe(false)
    expect(withTemplate.errors.map((f) => f.check)).toEqual(['catalog:key-manager', 'resource:cert_store'])
    expect(withTemplate.errors[1]?.message).toContain('key-manager (Barbican)')
    expect(withTemplate.errors[1]?.fix).toContain('local:DIR')
  })
})

describe('a 503 storm', () => {
  it('on Heat stack create → CREATE_FAILED naming the 503; trustee, trust and certificates removed; no orphans', async () => {
    const table = memoryX509KeyPairTable()
    const { cloud, store, magnum, notifications } = await pipelineOnFakeCloud(
      { certStore: createCertStore('store', { table }) },
      fastRetries,
    )
    const template = await magnum.clusterTemplates.create(templateInput)
    const storm = cloud.faults.add({
      service: 'orchestration',
      method: 'POST',
      path: /\/stacks$/,
      status: 503,
    })
    const error = await magnum.clusters
      .create({ name: 'stormy', clusterTemplateId: template.uuid })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ClusterOperationError)
    expect((error as ClusterOperationError).step).toBe('creating the Heat stack')
    expect((error as Error).message).toContain('503')
    // A POST is never retried by the session: a retry could create a second stack.
    expect(storm.hits()).toBe(1)

    const [row] = await store.clusters.list()
    expect(row?.status).toBe('CREATE_FAILED')
    expect(row?.statusReason).toContain('503')
    expect(row).toMatchObject({ trustId: undefined, trusteeUserId: undefined, caCertRef: undefined })
    expect(table.records.size).toBe(0)
    expect(notifications.at(-1)?.payload).toMatchObject({ action: 'create', outcome: 'failure' })
    cloud.assertNoOrphans()

    // The failed cluster deletes cleanly once Heat answers again.
    storm.remove()
    await magnum.clusters.delete('stormy')
    await magnum.clusters.waitFor(row!.uuid, 'DELETE_COMPLETE', { intervalMs: 5 })
    expect(await store.clusters.count()).toBe(0)
    cloud.assertNoOrphans()
  })

  it('on Nova during validation → a typed error, nothing stored, nothing created', async () => {
    const { cloud, store, magnum, notifications } = await pipelineOnFakeCloud({}, fastRetries)
    const template = await magnum.clusterTemplates.create(templateInput)
    const storm = cloud.faults.fail('compute', 503)
    const error = await magnum.clusters
      .create({ name: 'unvalidated', clusterTemplateId: template.uuid })
      .catch((e: unknown) => e)
    storm.remove()
    expect(error).toBeInstanceOf(ServerError)
    expect(error).toMatchObject({ status: 503 })
    expect((error as Error).message).toMatch(/^compute: 503/)
    // The failing GET was tried four times (the first attempt and three retries) before giving up.
    expect(storm.hits()).toBeGreaterThanOrEqual(4)
    expect(await store.clusters.count()).toBe(0)
    expect(notifications).toEqual([])
    cloud.assertNoOrphans()
  })

  it('that is short (503 twice on Nova and on Heat reads) is absorbed by the retry policy: the cluster completes', async () => {
    const { cloud, magnum } = await pipelineOnFakeCloud({}, fastRetries)
    const template = await magnum.clusterTemplates.create(templateInput)
    const nova = cloud.faults.fail('compute', 503, 2)
    const heat = cloud.faults.add({ service: 'orchestration', method: 'GET', status: 503, times: 2 })
    const created = await magnum.clusters.create({ name: 'weathered', clusterTemplateId: template.uuid })
    const ready = await magnum.clusters.waitFor(created.uuid, 'CREATE_COMPLETE', { intervalMs: 5 })
    expect(ready?.status).toBe('CREATE_COMPLETE')
    expect([nova.hits(), heat.hits()]).toEqual([2, 2])
  })

  it('on Heat during status sync keeps the cluster IN_PROGRESS (no false FAILED) until Heat answers again', async () => {
    const { cloud, magnum } = await pipelineOnFakeCloud({}, fastRetries)
    const template = await magnum.clusterTemplates.create(templateInput)
    const created = await magnum.clusters.create({ name: 'patient', clusterTemplateId: template.uuid })
    const events: ClusterStatusEvent[] = []
    magnum.events.on((e) => events.push(e))

    const storm = cloud.faults.add({ service: 'orchestration', method: 'GET', status: 503 })
    for (let cycle = 0; cycle < 3; cycle++) {
      await expect(magnum.sync.runOnce()).rejects.toThrow(/503/)
      expect((await magnum.clusters.get(created.uuid)).status).toBe('CREATE_IN_PROGRESS')
    }
    expect(events).toEqual([])

    // A waiter rides the storm out: its syncs fail, it keeps polling, and it resolves once Heat answers.
    let polls = 0
    const ready = await magnum.clusters.waitFor(created.uuid, 'CREATE_COMPLETE', {
      intervalMs: 5,
      onProgress: () => {
        if (++polls === 3) storm.remove()
      },
    })
    expect(polls).toBeGreaterThan(3)
    expect(ready?.status).toBe('CREATE_COMPLETE')
    expect(events.map((e) => e.to)).toEqual(['CREATE_COMPLETE'])
  })

  it('during delete → DELETE_FAILED with the 503 as reason; a retried delete then finishes with no orphans', async () => {
    const { cloud, store, magnum, notifications } = await pipelineOnFakeCloud({}, fastRetries)
    const template = await magnum.clusterTemplates.create(templateInput)
    const created = await magnum.clusters.create({ name: 'sticky', clusterTemplateId: template.uuid })
    await magnum.clusters.waitFor(created.uuid, 'CREATE_COMPLETE', { intervalMs: 5 })

    const storm = cloud.faults.add({ service: 'orchestration', method: 'DELETE', status: 503 })
    const error = await magnum.clusters.delete('sticky').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ClusterOperationError)
    expect((error as ClusterOperationError).step).toBe('deleting the Heat stack')
    // DELETE is idempotent: retried three times before giving up.
    expect(storm.hits()).toBe(4)
    const failed = await magnum.clusters.get('sticky')
    expect(failed.status).toBe('DELETE_FAILED')
    expect(failed.statusReason).toContain('503')
    expect(notifications.at(-1)?.payload).toMatchObject({ action: 'delete', outcome: 'failure' })
    expect(notifications.at(-1)?.payload.reason).toContain('503')
    // Nothing was cleaned up behind the stack's back: the trust and certificates still serve it.
    expect(failed.trustId).toBeTruthy()
    expect(failed.caCertRef).toBeTruthy()

    storm.remove()
    const retried = await magnum.clusters.delete('sticky')
    expect(retried?.status).toBe('DELETE_IN_PROGRESS')
    await magnum.clusters.waitFor(created.uuid, 'DELETE_COMPLETE', { intervalMs: 5 })
    expect(await store.clusters.count()).toBe(0)
    expect(await store.nodegroups.list()).toEqual([])
    cloud.assertNoOrphans()
  })
})
