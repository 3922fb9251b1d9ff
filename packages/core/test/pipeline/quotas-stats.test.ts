import { createSession, ResourceNotFoundError } from '@magnum-ts/auth'
import {
  ClusterQuotaExceededError,
  InvalidParameterValueError,
  PolicyNotAuthorizedError,
  StoreDuplicateError,
  ValidationErrors,
} from '@magnum-ts/core'
import { describe, expect, it } from 'vitest'
import { pipelineOnFakeCloud, templateInput } from './support.js'
import { asCaller, pipelineAs } from './support-extra.js'

/** The fixture (as `demo`, a member of `demo`) and the same pipeline as the cloud's `admin`. */
async function withAdmin() {
  const fixture = await pipelineOnFakeCloud()
  const adminSession = createSession(fixture.cloud.cloudConfig({ user: 'admin', project: 'admin' }), {
    fetch: fixture.cloud.fetch,
  })
  const admin = pipelineAs(fixture, adminSession)
  const demoProject = (await fixture.session.context()).projectId!
  const adminProject = (await adminSession.context()).projectId!
  return { ...fixture, admin, demoProject, adminProject }
}

describe('magnum.quotas', () => {
  it('admin creates, reads, lists, updates and deletes a quota; the limit applies to cluster create', async () => {
    const { magnum, admin, demoProject } = await withAdmin()
    const created = await admin.quotas.create({ projectId: demoProject, resource: 'Cluster', hardLimit: 1 })
    expect(created).toMatchObject({ projectId: demoProject, resource: 'Cluster', hardLimit: 1 })
    expect(created.id).toBeDefined()
    // The project's own members may read it.
    expect(await magnum.quotas.get(demoProject)).toMatchObject({ hardLimit: 1, id: created.id })
    expect(await admin.quotas.list()).toHaveLength(1)

    const template = await magnum.clusterTemplates.create(templateInput)
    await magnum.clusters.create({ name: 'one', clusterTemplateId: template.uuid })
    await expect(
      magnum.clusters.create({ name: 'two', clusterTemplateId: template.uuid }),
    ).rejects.toBeInstanceOf(ClusterQuotaExceededError)

    expect(await admin.quotas.update(demoProject, 'Cluster', { hardLimit: 5 })).toMatchObject({
      hardLimit: 5,
    })
    await magnum.clusters.create({ name: 'two', clusterTemplateId: template.uuid })

    await admin.quotas.delete(demoProject)
    expect(await admin.quotas.get(demoProject)).toMatchObject({ id: undefined, hardLimit: 20 })
    await expect(admin.quotas.delete(demoProject)).rejects.toBeInstanceOf(ResourceNotFoundError)
    await expect(admin.quotas.update(demoProject, 'Cluster', { hardLimit: 3 })).rejects.toBeInstanceOf(
      ResourceNotFoundError,
    )
  })

  it('a new quota defaults to hard_limit 1; a project without one reads the default 20', async () => {
    const { admin, adminProject, demoProject } = await withAdmin()
    expect(await admin.quotas.get(demoProject)).toEqual({
      id: undefined,
      projectId: demoProject,
      resource: 'Cluster',
      hardLimit: 20,
      createdAt: undefined,
      updatedAt: undefined,
    })
    expect((await admin.quotas.create({ projectId: adminProject, resource: 'Cluster' })).hardLimit).toBe(1)
    await expect(
      admin.quotas.create({ projectId: adminProject, resource: 'Cluster' }),
    ).rejects.toBeInstanceOf(StoreDuplicateError)
  })

  it('refuses writes and listing to non-admins, and reading another project (403)', async () => {
    const { magnum, admin, demoProject, adminProject } = await withAdmin()
    await admin.quotas.create({ projectId: demoProject, resource: 'Cluster', hardLimit: 3 })
    for (const attempt of [
      magnum.quotas.create({ projectId: demoProject, resource: 'Cluster', hardLimit: 99 }),
      magnum.quotas.update(demoProject, 'Cluster', { hardLimit: 99 }),
      magnum.quotas.delete(demoProject),
      magnum.quotas.list(),
      magnum.quotas.get(adminProject),
    ]) {
      await expect(attempt).rejects.toBeInstanceOf(PolicyNotAuthorizedError)
      await expect(attempt).rejects.toMatchObject({ status: 403 })
    }
    expect(await magnum.quotas.get(demoProject)).toMatchObject({ hardLimit: 3 })
  })

  it('validates the body: resource must be Cluster, hard_limit an integer ≥ 1', async () => {
    const { admin, demoProject } = await withAdmin()
    const bad = admin.quotas.create({ projectId: demoProject, resource: 'Nodes' as 'Cluster', hardLimit: 0 })
    await expect(bad).rejects.toBeInstanceOf(ValidationErrors)
    const error = (await bad.catch((e: unknown) => e)) as ValidationErrors
    expect(error.errors.every((e) => e instanceof InvalidParameterValueError)).toBe(true)
    expect(error.errors.map((e) => e.field)).toEqual(['resource', 'hard_limit'])
    await expect(admin.quotas.update(demoProject, 'Cluster', { hardLimit: 1.5 })).rejects.toThrow(
      /hard_limit/,
    )
  })
})

describe('magnum.stats', () => {
  it('counts clusters and nodes (masters included) in the caller project; admins may ask for any', async () => {
    const { magnum, admin, demoProject, adminProject } = await withAdmin()
    expect(await magnum.stats()).toEqual({ clusters: 0, nodes: 0 })
    const template = await magnum.clusterTemplates.create(templateInput)
    await magnum.clusters.create({
      name: 'a',
      clusterTemplateId: template.uuid,
      nodeCount: 3,
      masterCount: 1,
    })
    await magnum.clusters.create({ name: 'b', clusterTemplateId: template.uuid, nodeCount: 1 })
    expect(await magnum.stats()).toEqual({ clusters: 2, nodes: 6 })
    expect(await magnum.stats({ projectId: demoProject })).toEqual({ clusters: 2, nodes: 6 })
    expect(await admin.stats({ projectId: demoProject })).toEqual({ clusters: 2, nodes: 6 })
    expect(await admin.stats({ projectId: adminProject })).toEqual({ clusters: 0, nodes: 0 })
    expect(await admin.stats()).toEqual({ clusters: 2, nodes: 6 })
    expect(await magnum.stats({ type: 'cluster' })).toEqual({ clusters: 2, nodes: 6 })
    await expect(magnum.stats({ type: 'node' })).rejects.toMatchObject({ field: 'type', status: 400 })
  })

  it('refuses another project to a non-admin (403)', async () => {
    const { fixture, adminProject } = await withAdmin().then((f) => ({
      fixture: f,
      adminProject: f.adminProject,
    }))
    const refused = fixture.magnum.stats({ projectId: adminProject })
    await expect(refused).rejects.toBeInstanceOf(PolicyNotAuthorizedError)
    await expect(refused).rejects.toMatchObject({ status: 403 })
    // A non-admin in another project sees only that project (here: nothing).
    const other = pipelineAs(fixture, asCaller(fixture.session, { projectId: 'elsewhere', isAdmin: false }))
    expect(await other.stats()).toEqual({ clusters: 0, nodes: 0 })
  })
})
