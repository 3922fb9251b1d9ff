import { randomUUID } from 'node:crypto'
import { AmbiguousResourceError, InvalidOptionError, ResourceNotFoundError } from '@magnum-ts/auth'
import { KeyValueCertStore } from '@magnum-ts/certs'
import {
  type Cluster,
  ClusterQuotaExceededError,
  type ClusterStatus,
  type Store,
  StoreConflictError,
  StoreDuplicateError,
  updateWithRetry,
} from '@magnum-ts/core'
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { defaultNodeGroups, fullCluster, fullNodeGroup, fullTemplate, quota, sleep } from './records.js'

/** How the suite gets stores from one backend. */
export interface StoreHarness {
  /** A new, empty store. */
  open(): Promise<Store>
  /**
   * Another store over the same database as the last `open()`, as a second process would open
   * it (migrations run again). Absent for backends that cannot be shared (memory).
   */
  openShared?: (() => Promise<Store>) | undefined
}

const isoTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

/** The behaviour every `Store` backend must have; call inside a `describe` per backend. */
export function storeConformance(harness: StoreHarness): void {
  let store: Store
  const extra: Store[] = []
  beforeEach(async () => {
    store = await harness.open()
  })
  afterEach(async () => {
    for (const other of extra.splice(0)) await other.close()
    await store.close()
  })
  const shared = async (): Promise<Store> => {
    if (harness.openShared === undefined) throw new Error('no shared store')
    const other = await harness.openShared()
    extra.push(other)
    return other
  }
  const inProgressCluster = (overrides: Partial<Cluster> = {}) =>
    fullCluster({ status: 'CREATE_IN_PROGRESS', ...overrides })

  describe('round trips', () => {
    it('keeps every field of a cluster template, and sets createdAt and updatedAt', async () => {
      const template = fullTemplate()
      const created = await store.clusterTemplates.create(template)
      expect(created.createdAt).toMatch(isoTimestamp)
      expect(created.updatedAt).toMatch(isoTimestamp)
      expect(created).toEqual({ ...template, createdAt: created.createdAt, updatedAt: created.updatedAt })
      expect(await store.clusterTemplates.get(template.uuid)).toEqual(created)
      expect(await store.clusterTemplates.list()).toEqual([created])
    })

    it('keeps unset optional fields unset', async () => {
      const template = fullTemplate({ flavorId: undefined, dnsNameserver: undefined, projectId: undefined })
      await store.clusterTemplates.create(template)
      const read = await store.clusterTemplates.get(template.uuid)
      expect(read?.flavorId).toBeUndefined()
      expect(read?.dnsNameserver).toBeUndefined()
      expect(read?.projectId).toBeUndefined()
      expect(read?.coe).toBe('kubernetes')
    })

    it('keeps every field of a cluster, the hidden trust and certificate references included', async () => {
      const cluster = fullCluster({ createdAt: '2020-01-02T03:04:05.006Z' })
      const created = await store.clusters.create(cluster)
      expect(created.createdAt).toBe('2020-01-02T03:04:05.006Z')
      expect(created).toEqual({ ...cluster, updatedAt: created.updatedAt })
      expect(await store.clusters.get(cluster.uuid)).toEqual(created)
    })

    it('keeps every field of a nodegroup', async () => {
      const cluster = await store.clusters.create(fullCluster())
      const nodegroup = fullNodeGroup(cluster)
      const created = await store.nodegroups.create(nodegroup)
      expect(created).toEqual({ ...nodegroup, createdAt: created.createdAt, updatedAt: created.updatedAt })
      expect(await store.nodegroups.get(nodegroup.uuid)).toEqual(created)
    })

    it('assigns quota ids and keeps every quota field', async () => {
      const first = await store.quotas.create(quota({ projectId: 'p1', hardLimit: 3 }))
      const second = await store.quotas.create(quota({ projectId: 'p2', hardLimit: 7 }))
      expect(first.id).toEqual(expect.any(Number))
      expect(second.id).not.toBe(first.id)
      expect(await store.quotas.get('p2')).toEqual(second)
      expect(second).toMatchObject({ projectId: 'p2', resource: 'Cluster', hardLimit: 7 })
      expect(await store.quotas.list()).toEqual([first, second])
      expect(await store.quotas.list({ projectId: 'p1' })).toEqual([first])
      expect(await store.quotas.get('p3')).toBeUndefined()
      expect(await store.quotas.delete('p1')).toBe(true)
      expect(await store.quotas.delete('p1')).toBe(false)
      expect(await store.quotas.get('p1')).toBeUndefined()
    })

    it('serves as the x509keypair table of KeyValueCertStore', async () => {
      const record = {
        uuid: randomUUID(),
        name: 'c-ca',
        clusterId: 'c',
        certificate: 'CERT',
        privateKey: 'KEY',
      }
      await store.x509KeyPairs.put(record)
      expect(await store.x509KeyPairs.get(record.uuid)).toEqual(record)
      await store.x509KeyPairs.put({ ...record, privateKeyPassphrase: 'secret', intermediates: 'CHAIN' })
      expect(await store.x509KeyPairs.get(record.uuid)).toEqual({
        ...record,
        privateKeyPassphrase: 'secret',
        intermediates: 'CHAIN',
      })
      await store.x509KeyPairs.delete(record.uuid)
      expect(await store.x509KeyPairs.get(record.uuid)).toBeUndefined()

      const certs = new KeyValueCertStore(store.x509KeyPairs)
      const ref = await certs.storeCert(
        { certificate: 'PEM', privateKey: 'PKCS8', privateKeyPassphrase: 'pw' },
        { name: 'x-conductor', clusterId: 'x' },
      )
      expect(await certs.getCert(ref)).toEqual({
        certificate: 'PEM',
        privateKey: 'PKCS8',
        privateKeyPassphrase: 'pw',
      })
      await certs.deleteCert(ref)
      expect(await store.x509KeyPairs.get(ref)).toBeUndefined()
    })

    it('returns undefined, or false on delete, for rows that do not exist', async () => {
      const missing = randomUUID()
      expect(await store.clusterTemplates.get(missing)).toBeUndefined()
      expect(await store.clusters.get(missing)).toBeUndefined()
      expect(await store.nodegroups.get(missing)).toBeUndefined()
      expect(await store.clusterTemplates.delete(missing)).toBe(false)
      expect(await store.clusters.delete(missing)).toBe(false)
      expect(await store.nodegroups.delete(missing)).toBe(false)
    })
  })

  describe('unique keys', () => {
    it('refuses a second row with the same uuid', async () => {
      const template = await store.clusterTemplates.create(fullTemplate())
      await expect(store.clusterTemplates.create(fullTemplate({ uuid: template.uuid }))).rejects.toThrow(
        StoreDuplicateError,
      )
      const cluster = await store.clusters.create(fullCluster())
      await expect(store.clusters.create(fullCluster({ uuid: cluster.uuid }))).rejects.toThrow(
        StoreDuplicateError,
      )
    })

    it('keeps nodegroup names unique within a cluster only', async () => {
      const a = await store.clusters.create(fullCluster())
      const b = await store.clusters.create(fullCluster())
      await store.nodegroups.create(fullNodeGroup(a, { name: 'gpu' }))
      await expect(store.nodegroups.create(fullNodeGroup(a, { name: 'gpu' }))).rejects.toMatchObject({
        name: 'StoreDuplicateError',
        status: 409,
      })
      await expect(store.nodegroups.create(fullNodeGroup(b, { name: 'gpu' }))).resolves.toMatchObject({
        name: 'gpu',
      })
    })

    it('refuses renaming a nodegroup onto a sibling name', async () => {
      const cluster = await store.clusters.create(fullCluster())
      await store.nodegroups.create(fullNodeGroup(cluster, { name: 'one' }))
      const two = await store.nodegroups.create(fullNodeGroup(cluster, { name: 'two' }))
      await expect(store.nodegroups.update({ ...two, name: 'one' })).rejects.toThrow(StoreDuplicateError)
      expect((await store.nodegroups.get(two.uuid))?.name).toBe('two')
    })

    it('keeps one quota per project and resource', async () => {
      await store.quotas.create(quota({ projectId: 'p1' }))
      await expect(store.quotas.create(quota({ projectId: 'p1', hardLimit: 9 }))).rejects.toThrow(
        StoreDuplicateError,
      )
      expect((await store.quotas.get('p1'))?.hardLimit).toBe(5)
    })

    it('refuses a nodegroup of a cluster that does not exist', async () => {
      const ghost = fullCluster()
      await expect(store.nodegroups.create(fullNodeGroup(ghost))).rejects.toThrow(ResourceNotFoundError)
    })
  })

  describe('tenancy queries', () => {
    it('shows a project its own templates and public non-hidden ones', async () => {
      const own = await store.clusterTemplates.create(fullTemplate({ name: 'own', projectId: 'a' }))
      const ownHidden = await store.clusterTemplates.create(
        fullTemplate({ name: 'own-h', projectId: 'a', hidden: true }),
      )
      await store.clusterTemplates.create(fullTemplate({ name: 'other', projectId: 'b' }))
      const pub = await store.clusterTemplates.create(
        fullTemplate({ name: 'pub', projectId: 'b', public: true }),
      )
      const pubHidden = await store.clusterTemplates.create(
        fullTemplate({ name: 'pub-h', projectId: 'b', public: true, hidden: true }),
      )
      const names = (list: { name: string }[]) => list.map((t) => t.name).sort()
      expect(names(await store.clusterTemplates.list({ visibleToProject: 'a' }))).toEqual(
        names([own, ownHidden, pub]),
      )
      expect(
        names(await store.clusterTemplates.list({ visibleToProject: 'a', includeHidden: true })),
      ).toEqual(names([own, ownHidden, pub, pubHidden]))
      expect(names(await store.clusterTemplates.list({ projectId: 'a' }))).toEqual(names([own, ownHidden]))
      expect(await store.clusterTemplates.list()).toHaveLength(5)
      // A lookup still finds the hidden public one, as Magnum's GET does; another project's private one, never.
      expect((await store.clusterTemplates.find('pub-h', { visibleToProject: 'a' })).uuid).toBe(
        pubHidden.uuid,
      )
      await expect(store.clusterTemplates.find('other', { visibleToProject: 'a' })).rejects.toThrow(
        ResourceNotFoundError,
      )
    })

    it('finds a template by uuid or name among those visible, never another project private one', async () => {
      const mine = await store.clusterTemplates.create(fullTemplate({ name: 'mine', projectId: 'a' }))
      const theirs = await store.clusterTemplates.create(fullTemplate({ name: 'theirs', projectId: 'b' }))
      expect((await store.clusterTemplates.find('mine', { visibleToProject: 'a' })).uuid).toBe(mine.uuid)
      expect((await store.clusterTemplates.find(mine.uuid, { visibleToProject: 'a' })).name).toBe('mine')
      await expect(store.clusterTemplates.find(theirs.uuid, { visibleToProject: 'a' })).rejects.toThrow(
        ResourceNotFoundError,
      )
      await expect(store.clusterTemplates.find('theirs', { visibleToProject: 'a' })).rejects.toThrow(
        ResourceNotFoundError,
      )
      expect((await store.clusterTemplates.find('theirs')).uuid).toBe(theirs.uuid)
    })

    it('raises AmbiguousResourceError for a name two visible templates share', async () => {
      const first = await store.clusterTemplates.create(fullTemplate({ name: 'dup', projectId: 'a' }))
      const second = await store.clusterTemplates.create(
        fullTemplate({ name: 'dup', projectId: 'b', public: true }),
      )
      const error = await store.clusterTemplates
        .find('dup', { visibleToProject: 'a' })
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(AmbiguousResourceError)
      expect((error as AmbiguousResourceError).matches.map((m) => m.id).sort()).toEqual(
        [first.uuid, second.uuid].sort(),
      )
      // The uuid always picks one.
      expect((await store.clusterTemplates.find(second.uuid, { visibleToProject: 'a' })).projectId).toBe('b')
    })

    it('lists, counts and finds clusters per project', async () => {
      const templateId = randomUUID()
      const a1 = await store.clusters.create(
        fullCluster({ name: 'web', projectId: 'a', clusterTemplateId: templateId }),
      )
      const a2 = await store.clusters.create(
        fullCluster({ name: 'db', projectId: 'a', status: 'UPDATE_IN_PROGRESS' }),
      )
      const b1 = await store.clusters.create(
        fullCluster({ name: 'web', projectId: 'b', clusterTemplateId: templateId }),
      )
      const uuids = (list: Cluster[]) => list.map((c) => c.uuid).sort()
      expect(uuids(await store.clusters.list({ projectId: 'a' }))).toEqual(uuids([a1, a2]))
      expect(await store.clusters.count({ projectId: 'a' })).toBe(2)
      expect(await store.clusters.count({ projectId: 'c' })).toBe(0)
      expect(await store.clusters.count()).toBe(3)
      expect(uuids(await store.clusters.list({ clusterTemplateId: templateId }))).toEqual(uuids([a1, b1]))
      expect(await store.clusters.count({ clusterTemplateId: templateId, projectId: 'b' })).toBe(1)
      expect((await store.clusters.find('web', { projectId: 'a' })).uuid).toBe(a1.uuid)
      await expect(store.clusters.find(b1.uuid, { projectId: 'a' })).rejects.toThrow(ResourceNotFoundError)
      await expect(store.clusters.find('web')).rejects.toThrow(AmbiguousResourceError)
      expect((await store.clusters.find(b1.uuid)).projectId).toBe('b')
    })

    it('selects clusters by status, in progress, oldest first, with a limit', async () => {
      const statuses: ClusterStatus[] = [
        'CREATE_IN_PROGRESS',
        'CREATE_COMPLETE',
        'DELETE_IN_PROGRESS',
        'UPDATE_FAILED',
        'ROLLBACK_IN_PROGRESS',
        'UPDATE_IN_PROGRESS',
      ]
      const created: Cluster[] = []
      for (const [i, status] of statuses.entries()) {
        created.push(
          await store.clusters.create(
            fullCluster({ status, createdAt: `2024-01-01T00:00:0${i}.000Z`, name: `c${i}` }),
          ),
        )
      }
      const names = (list: Cluster[]) => list.map((c) => c.name)
      expect(names(await store.clusters.list({ inProgress: true }))).toEqual(['c0', 'c2', 'c4', 'c5'])
      expect(names(await store.clusters.list({ inProgress: true, limit: 2 }))).toEqual(['c0', 'c2'])
      expect(names(await store.clusters.list({ statuses: ['UPDATE_FAILED', 'CREATE_COMPLETE'] }))).toEqual([
        'c1',
        'c3',
      ])
      expect(await store.clusters.list({ statuses: [] })).toEqual([])
      expect(await store.clusters.count({ inProgress: true })).toBe(4)
      await expect(store.clusters.list({ limit: 0 })).rejects.toThrow(InvalidOptionError)
    })

    it('reads a batch of clusters and their nodegroups in one query each', async () => {
      const [a, b, c] = [fullCluster(), fullCluster(), fullCluster()]
      for (const cluster of [a, b, c]) await store.clusters.create(cluster, defaultNodeGroups(cluster))
      const uuids = [a.uuid, c.uuid, a.uuid]
      expect((await store.clusters.list({ uuids })).map((x) => x.uuid).sort()).toEqual(
        [a.uuid, c.uuid].sort(),
      )
      expect(await store.clusters.list({ uuids: [] })).toEqual([])
      expect(await store.clusters.count({ uuids, projectId: 'nobody' })).toBe(0)
      const groups = await store.nodegroups.list({ clusterIds: [a.uuid, b.uuid] })
      expect(groups).toHaveLength(4)
      expect(new Set(groups.map((g) => g.clusterId))).toEqual(new Set([a.uuid, b.uuid]))
      expect(await store.nodegroups.list({ clusterIds: [] })).toEqual([])
    })

    it('lists nodegroups by cluster, project, role and default flag; finds one by name or uuid', async () => {
      const a = await store.clusters.create(fullCluster({ projectId: 'a' }))
      const b = await store.clusters.create(fullCluster({ projectId: 'b' }))
      const [master, worker] = defaultNodeGroups(a)
      await store.nodegroups.create(master!)
      await store.nodegroups.create(worker!)
      const extraGroup = await store.nodegroups.create(fullNodeGroup(a, { name: 'gpu', isDefault: false }))
      await store.nodegroups.create(fullNodeGroup(b))
      const names = (list: { name: string }[]) => list.map((n) => n.name).sort()
      expect(names(await store.nodegroups.list({ clusterId: a.uuid }))).toEqual([
        'default-master',
        'default-worker',
        'gpu',
      ])
      expect(names(await store.nodegroups.list({ clusterId: a.uuid, role: 'master' }))).toEqual([
        'default-master',
      ])
      expect(names(await store.nodegroups.list({ clusterId: a.uuid, isDefault: false }))).toEqual(['gpu'])
      expect(await store.nodegroups.list({ projectId: 'b' })).toHaveLength(1)
      expect((await store.nodegroups.find(a.uuid, 'gpu')).uuid).toBe(extraGroup.uuid)
      expect((await store.nodegroups.find(a.uuid, extraGroup.uuid)).name).toBe('gpu')
      await expect(store.nodegroups.find(b.uuid, 'gpu')).rejects.toThrow(ResourceNotFoundError)
    })
  })

  describe('transactions', () => {
    it('creates a cluster with its default nodegroups, and deleting it removes them', async () => {
      const cluster = fullCluster()
      await store.clusters.create(cluster, defaultNodeGroups(cluster))
      expect(await store.nodegroups.list({ clusterId: cluster.uuid })).toHaveLength(2)
      expect(await store.clusters.delete(cluster.uuid)).toBe(true)
      expect(await store.clusters.get(cluster.uuid)).toBeUndefined()
      expect(await store.nodegroups.list({ clusterId: cluster.uuid })).toEqual([])
    })

    it('writes nothing of a cluster create whose nodegroup fails', async () => {
      const cluster = fullCluster()
      const [master] = defaultNodeGroups(cluster)
      const clash = { ...master!, uuid: randomUUID() }
      await expect(store.clusters.create(cluster, [master!, clash])).rejects.toThrow(StoreDuplicateError)
      expect(await store.clusters.get(cluster.uuid)).toBeUndefined()
      expect(await store.nodegroups.get(master!.uuid)).toBeUndefined()
    })

    it('rolls back every write of a transaction that throws, and commits one that returns', async () => {
      const kept = await store.clusters.create(fullCluster())
      const cluster = fullCluster()
      const keypair = { uuid: randomUUID(), name: 'n', clusterId: '', certificate: 'c', privateKey: 'k' }
      const failure = new Error('driver refused')
      await expect(
        store.transaction(async (tx) => {
          await tx.clusters.create(cluster, defaultNodeGroups(cluster))
          await tx.clusters.update({ ...kept, status: 'DELETE_IN_PROGRESS' })
          await tx.quotas.create(quota())
          await tx.clusterTemplates.create(fullTemplate())
          await tx.x509KeyPairs.put({ ...keypair, clusterId: cluster.uuid })
          expect(await tx.clusters.get(cluster.uuid)).toBeDefined()
          throw failure
        }),
      ).rejects.toBe(failure)
      expect(await store.clusters.get(cluster.uuid)).toBeUndefined()
      expect(await store.nodegroups.list()).toEqual([])
      expect(await store.clusters.get(kept.uuid)).toEqual(kept)
      expect(await store.quotas.list()).toEqual([])
      expect(await store.clusterTemplates.list()).toEqual([])
      expect(await store.x509KeyPairs.get(keypair.uuid)).toBeUndefined()

      const result = await store.transaction(async (tx) => {
        await tx.clusters.create(cluster, defaultNodeGroups(cluster))
        return tx.clusters.count()
      })
      expect(result).toBe(2)
      expect(await store.nodegroups.list({ clusterId: cluster.uuid })).toHaveLength(2)
    })

    it('goes on after a refused write the transaction caught, as every backend does', async () => {
      const cluster = fullCluster()
      const [master, worker] = defaultNodeGroups(cluster)
      await store.transaction(async (tx) => {
        await tx.clusters.create(cluster, [master!])
        await expect(tx.nodegroups.create({ ...master!, uuid: randomUUID() })).rejects.toThrow(
          StoreDuplicateError,
        )
        await tx.nodegroups.create(worker!)
      })
      expect((await store.nodegroups.list({ clusterId: cluster.uuid })).map((n) => n.name).sort()).toEqual([
        'default-master',
        'default-worker',
      ])
    })

    it('does not roll back a write made outside the transaction while it was open', async () => {
      const inside = fullCluster({ name: 'inside' })
      const outside = fullCluster({ name: 'outside' })
      let pending: Promise<Cluster> | undefined
      await expect(
        store.transaction(async (tx) => {
          await tx.clusters.create(inside)
          pending = store.clusters.create(outside)
          await sleep(20)
          throw new Error('abort')
        }),
      ).rejects.toThrow('abort')
      await pending
      expect(await store.clusters.get(inside.uuid)).toBeUndefined()
      expect((await store.clusters.get(outside.uuid))?.name).toBe('outside')
    })
  })

  describe('quota-checked create', () => {
    it('lets concurrent creates take exactly the free slots of a project', async () => {
      await store.clusters.create(fullCluster({ projectId: 'q' }))
      await store.clusters.create(fullCluster({ projectId: 'elsewhere' }))
      const attempts = await Promise.allSettled(
        Array.from({ length: 8 }, () => {
          const cluster = fullCluster({ projectId: 'q' })
          return store.clusters.create(cluster, defaultNodeGroups(cluster), { maxClustersInProject: 3 })
        }),
      )
      const refused = attempts.filter((a) => a.status === 'rejected')
      expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(2)
      for (const r of refused) {
        expect((r as PromiseRejectedResult).reason).toBeInstanceOf(ClusterQuotaExceededError)
        expect((r as PromiseRejectedResult).reason).toMatchObject({ status: 403, limit: 3, projectId: 'q' })
      }
      expect(await store.clusters.count({ projectId: 'q' })).toBe(3)
      // A refused create leaves none of its nodegroups behind.
      expect(await store.nodegroups.list({ projectId: 'q' })).toHaveLength(4)
    })
  })

  describe('optimistic concurrency', () => {
    it('refuses an update based on a stale read, keeping the first writer change', async () => {
      const cluster = await store.clusters.create(fullCluster({ status: 'CREATE_IN_PROGRESS' }))
      const readBySync = (await store.clusters.get(cluster.uuid))!
      const readByApi = (await store.clusters.get(cluster.uuid))!
      const synced = await store.clusters.update({
        ...readBySync,
        status: 'CREATE_COMPLETE',
        apiAddress: 'https://x',
      })
      expect(synced.updatedAt! > readBySync.updatedAt!).toBe(true)
      expect(synced.createdAt).toBe(cluster.createdAt)
      const error = await store.clusters.update({ ...readByApi, nodeCount: 9 }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(StoreConflictError)
      expect(error).toMatchObject({ status: 409, table: 'cluster', key: cluster.uuid })
      expect(await store.clusters.get(cluster.uuid)).toMatchObject({
        status: 'CREATE_COMPLETE',
        nodeCount: 3,
      })
      // Reread and reapply succeeds.
      const again = await store.clusters.update({
        ...(await store.clusters.get(cluster.uuid))!,
        nodeCount: 9,
      })
      expect(again).toMatchObject({ status: 'CREATE_COMPLETE', apiAddress: 'https://x', nodeCount: 9 })
    })

    it('gives every write a new updatedAt, even within one millisecond', async () => {
      let template = await store.clusterTemplates.create(fullTemplate())
      const seen = new Set([template.updatedAt])
      for (let i = 0; i < 5; i++) {
        template = await store.clusterTemplates.update({ ...template, name: `t${i}` })
        seen.add(template.updatedAt)
      }
      expect(seen.size).toBe(6)
      expect(await store.clusterTemplates.get(template.uuid)).toEqual(template)
    })

    it('checks versions on templates, nodegroups and quotas too; force overrides', async () => {
      const template = await store.clusterTemplates.create(fullTemplate())
      await store.clusterTemplates.update({ ...template, name: 'renamed' })
      await expect(store.clusterTemplates.update({ ...template, public: true })).rejects.toThrow(
        StoreConflictError,
      )
      const forced = await store.clusterTemplates.update({ ...template, public: true }, { force: true })
      expect(forced).toMatchObject({ name: 'k8s-template', public: true })

      const cluster = await store.clusters.create(fullCluster())
      const nodegroup = await store.nodegroups.create(fullNodeGroup(cluster))
      await store.nodegroups.update({ ...nodegroup, nodeCount: 4 })
      await expect(store.nodegroups.update({ ...nodegroup, maxNodeCount: 9 })).rejects.toThrow(
        StoreConflictError,
      )

      const q = await store.quotas.create(quota())
      const raised = await store.quotas.update({ ...q, hardLimit: 10 })
      expect(raised).toMatchObject({ id: q.id, hardLimit: 10 })
      expect(await store.quotas.get(q.projectId)).toEqual(raised)
      await expect(store.quotas.update({ ...q, hardLimit: 2 })).rejects.toThrow(StoreConflictError)
    })

    it('reports a conflict when the row was deleted meanwhile', async () => {
      const cluster = await store.clusters.create(fullCluster())
      await store.clusters.delete(cluster.uuid)
      await expect(store.clusters.update({ ...cluster, nodeCount: 2 })).rejects.toThrow(/deleted/)
      await expect(store.clusters.update({ ...cluster, nodeCount: 2 }, { force: true })).rejects.toThrow(
        StoreConflictError,
      )
    })

    it('loses no increment when many writers retry on conflict', async () => {
      const cluster = await store.clusters.create(fullCluster({ nodeCount: 0 }))
      const writers = 8
      await Promise.all(
        Array.from({ length: writers }, () =>
          updateWithRetry(store.clusters, cluster.uuid, (c) => ({ ...c, nodeCount: c.nodeCount + 1 }), 50),
        ),
      )
      expect((await store.clusters.get(cluster.uuid))?.nodeCount).toBe(writers)
    })
  })

  describe('leases', () => {
    it('gives each in-progress cluster to exactly one of two owners', async () => {
      const clusters = await Promise.all(
        Array.from({ length: 12 }, () => store.clusters.create(inProgressCluster())),
      )
      await store.clusters.create(fullCluster({ status: 'CREATE_COMPLETE' }))
      const [a, b] = await Promise.all([
        store.leases.acquire('owner-a', { inProgress: true, limit: 7 }, 60_000),
        store.leases.acquire('owner-b', { inProgress: true }, 60_000),
      ])
      const ids = [...a, ...b].map((l) => l.clusterId)
      expect(new Set(ids).size).toBe(ids.length)
      expect(ids.sort()).toEqual(clusters.map((c) => c.uuid).sort())
      expect(a.length).toBeLessThanOrEqual(7)
      for (const lease of a)
        expect(lease).toMatchObject({ ownerId: 'owner-a', expiresAt: expect.any(Number) })
      // A second round changes nothing: each keeps (renews) its own, takes none of the other's.
      const again = await store.leases.acquire(
        'owner-b',
        clusters.map((c) => c.uuid),
        60_000,
      )
      expect(again.map((l) => l.clusterId).sort()).toEqual(b.map((l) => l.clusterId).sort())
    })

    it('hands a lease over once it expires, and renew keeps it', async () => {
      const [first, second] = await Promise.all([
        store.clusters.create(inProgressCluster()),
        store.clusters.create(inProgressCluster()),
      ])
      await store.leases.acquire('crashed', [first!.uuid], 150)
      await store.leases.acquire('alive', [second!.uuid], 150)
      expect(await store.leases.acquire('other', [first!.uuid, second!.uuid], 60_000)).toEqual([])
      await sleep(80)
      expect((await store.leases.renew('alive', [second!.uuid], 60_000)).map((l) => l.clusterId)).toEqual([
        second!.uuid,
      ])
      await sleep(120)
      const taken = await store.leases.acquire('other', { inProgress: true }, 60_000)
      expect(taken.map((l) => l.clusterId)).toEqual([first!.uuid])
      expect(await store.leases.get(first!.uuid)).toMatchObject({ ownerId: 'other' })
      expect(await store.leases.get(second!.uuid)).toMatchObject({ ownerId: 'alive' })
      // The crashed owner cannot renew what it lost.
      expect(await store.leases.renew('crashed', [first!.uuid], 60_000)).toEqual([])
    })

    it('releases only the caller own leases, and forgets a deleted cluster lease', async () => {
      const cluster = await store.clusters.create(inProgressCluster())
      await store.leases.acquire('a', [cluster.uuid], 60_000)
      await store.leases.release('b', [cluster.uuid])
      expect(await store.leases.get(cluster.uuid)).toMatchObject({ ownerId: 'a' })
      await store.leases.release('a', [cluster.uuid])
      expect(await store.leases.get(cluster.uuid)).toBeUndefined()
      expect(await store.leases.acquire('b', [cluster.uuid], 60_000)).toHaveLength(1)
      await store.clusters.delete(cluster.uuid)
      expect(await store.leases.get(cluster.uuid)).toBeUndefined()
      expect(await store.leases.acquire('a', [cluster.uuid, randomUUID()], 60_000)).toEqual([])
      expect(await store.leases.acquire('a', [], 60_000)).toEqual([])
      await expect(store.leases.acquire('a', { inProgress: true }, 0)).rejects.toThrow(InvalidOptionError)
    })

    it('does not disturb the row version (a lease is not a write of the cluster)', async () => {
      const cluster = await store.clusters.create(inProgressCluster())
      await store.leases.acquire('a', { inProgress: true }, 60_000)
      await expect(store.clusters.update({ ...cluster, status: 'CREATE_COMPLETE' })).resolves.toBeDefined()
      expect(await store.leases.get(cluster.uuid)).toMatchObject({ ownerId: 'a' })
    })

    it('matches a model of owners over random interleavings of acquire, renew and release', async () => {
      const owners = ['a', 'b', 'c']
      const op = fc.oneof(
        fc.record({
          kind: fc.constant('acquire' as const),
          owner: fc.constantFrom(...owners),
          pick: fc.array(fc.nat(5)),
        }),
        fc.record({
          kind: fc.constant('acquireAll' as const),
          owner: fc.constantFrom(...owners),
          limit: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
        }),
        fc.record({
          kind: fc.constant('renew' as const),
          owner: fc.constantFrom(...owners),
          pick: fc.array(fc.nat(5)),
        }),
        fc.record({
          kind: fc.constant('release' as const),
          owner: fc.constantFrom(...owners),
          pick: fc.array(fc.nat(5)),
        }),
      )
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.array(op, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 8 }),
          async (rounds) => {
            // Fresh clusters per run; other runs' leases live on other rows.
            const clusters = []
            for (let i = 0; i < 6; i++) clusters.push(await store.clusters.create(inProgressCluster()))
            const ids = clusters.map((c) => c.uuid)
            const mine = new Set(ids)
            const model = new Map<string, string>()
            for (const round of rounds) {
              // Operations of one round run concurrently, as several processes would.
              const results = await Promise.all(
                round.map(async (o) => {
                  const picked = 'pick' in o ? o.pick.map((i) => ids[i]!) : []
                  if (o.kind === 'acquire') return store.leases.acquire(o.owner, picked, 60_000)
                  if (o.kind === 'acquireAll') {
                    const all = await store.leases.acquire(
                      o.owner,
                      { inProgress: true, limit: o.limit },
                      60_000,
                    )
                    return all.filter((l) => mine.has(l.clusterId))
                  }
                  if (o.kind === 'renew') return store.leases.renew(o.owner, picked, 60_000)
                  await store.leases.release(o.owner, picked)
                  return []
                }),
              )
              const granted = new Map<string, Set<string>>()
              for (const lease of results.flat()) {
                granted.set(lease.clusterId, (granted.get(lease.clusterId) ?? new Set()).add(lease.ownerId))
              }
              const released = round.some((o) => o.kind === 'release')
              for (const id of ids) {
                const lease = await store.leases.get(id)
                const holders = granted.get(id)
                if (!released) {
                  // Without a release nothing can change hands (no lease expires within the run):
                  // a cluster goes to at most one owner, the one that held it or took it when free.
                  if (holders !== undefined) {
                    expect(holders.size).toBe(1)
                    const [holder] = holders
                    expect(model.get(id) ?? holder).toBe(holder)
                    expect(lease?.ownerId).toBe(holder)
                  } else {
                    expect(lease?.ownerId).toBe(model.get(id))
                  }
                }
                if (lease === undefined) model.delete(id)
                else model.set(id, lease.ownerId)
              }
            }
            // Sequential check against the model: an owner can only take what is free or its own.
            for (const owner of owners) {
              const got = await store.leases.acquire(owner, ids, 60_000)
              const expected = ids.filter((id) => (model.get(id) ?? owner) === owner).sort()
              expect(got.map((l) => l.clusterId).sort()).toEqual(expected)
              for (const id of expected) model.set(id, owner)
            }
            await store.leases.release('a', ids)
            await store.leases.release('b', ids)
            await store.leases.release('c', ids)
            for (const id of ids) await store.clusters.delete(id)
          },
        ),
        { numRuns: 25 },
      )
    })
  })

  describe('shared by two processes', () => {
    it.skipIf(harness.openShared === undefined)(
      'sees the other store writes and runs migrations again harmlessly',
      async () => {
        const created = fullCluster()
        const cluster = await store.clusters.create(created, defaultNodeGroups(created))
        const other = await shared()
        expect(await other.clusters.get(cluster.uuid)).toEqual(cluster)
        const updated = await other.clusters.update({ ...cluster, status: 'UPDATE_IN_PROGRESS' })
        await expect(store.clusters.update({ ...cluster, nodeCount: 1 })).rejects.toThrow(StoreConflictError)
        expect(await store.clusters.get(cluster.uuid)).toEqual(updated)
      },
    )

    it.skipIf(harness.openShared === undefined)(
      'leases each cluster to exactly one of two stores',
      async () => {
        const other = await shared()
        const clusters = await Promise.all(
          Array.from({ length: 30 }, () => store.clusters.create(inProgressCluster())),
        )
        const rounds = await Promise.all([
          store.leases.acquire('process-1', { inProgress: true, limit: 10 }, 60_000),
          other.leases.acquire('process-2', { inProgress: true, limit: 10 }, 60_000),
          store.leases.acquire('process-1', { inProgress: true }, 60_000),
          other.leases.acquire('process-2', { inProgress: true }, 60_000),
        ])
        const owner = new Map<string, string>()
        for (const lease of rounds.flat()) {
          const previous = owner.get(lease.clusterId)
          expect(previous === undefined || previous === lease.ownerId).toBe(true)
          owner.set(lease.clusterId, lease.ownerId)
        }
        expect([...owner.keys()].sort()).toEqual(clusters.map((c) => c.uuid).sort())
        for (const [clusterId, ownerId] of owner)
          expect((await other.leases.get(clusterId))?.ownerId).toBe(ownerId)
      },
    )
  })
}
