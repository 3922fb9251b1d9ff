import { randomUUID } from 'node:crypto'
import { throwIfInvalid } from '../errors.js'
import type { ClusterTemplate, ClusterTemplateInput } from '../models/cluster-template.js'
import { CLUSTER_TEMPLATE_DEFAULTS } from '../models/cluster-template.js'
import { validateOpenStackResources } from '../resources/validate.js'
import {
  validateClusterTemplate,
  validateClusterTemplateDelete,
  validateClusterTemplateUpdate,
} from '../validation/cluster-template.js'
import { driverConfig, type PipelineDeps } from './deps.js'
import { requestContext } from './request-context.js'

/** `magnum.clusterTemplates`: create, list, get, update and delete cluster templates. */
export function clusterTemplatesService(deps: PipelineDeps) {
  const visibility = async () => {
    const ctx = await requestContext(deps.session)
    return { ctx, query: ctx.isAdmin ? {} : { visibleToProject: ctx.projectId } }
  }

  return {
    /**
     * Validates a template (fields, then the image, flavors and networks in the cloud, then the
     * driver's rules for the image's os_distro) and stores it with the defaults filled in.
     */
    async create(input: ClusterTemplateInput): Promise<ClusterTemplate> {
      const ctx = await requestContext(deps.session)
      const options = { registry: deps.registry, isAdmin: ctx.isAdmin, config: driverConfig(deps) }
      // Field errors first: no cloud call for a template that cannot be valid.
      throwIfInvalid(validateClusterTemplate(input, options).errors)
      const resources = await validateOpenStackResources(deps.session, {
        template: input as Parameters<typeof validateOpenStackResources>[1]['template'],
        needs: {
          keypair: false,
          ...(deps.config.certStoreSpec ? { certStore: deps.config.certStoreSpec } : {}),
          ...(deps.config.volumeTypeDefaults ? { volumeTypeDefaults: deps.config.volumeTypeDefaults } : {}),
        },
      })
      const osDistro = resources.image?.osDistro
      const checked = validateClusterTemplate(input, { ...options, osDistro })
      throwIfInvalid(checked.errors)
      const template = {
        ...CLUSTER_TEMPLATE_DEFAULTS,
        ...checked.template,
        uuid: randomUUID(),
        projectId: ctx.projectId,
        userId: ctx.userId,
        clusterDistro: osDistro,
        createdAt: undefined,
        updatedAt: undefined,
      } as ClusterTemplate
      return deps.store.clusterTemplates.create(template)
    },

    /** Templates the caller may see: its project's and public ones (every one for admins). */
    async list(): Promise<ClusterTemplate[]> {
      const { query } = await visibility()
      return deps.store.clusterTemplates.list(query)
    },

    /** One template by name or uuid among those the caller may see. */
    async get(nameOrId: string): Promise<ClusterTemplate> {
      const { query } = await visibility()
      return deps.store.clusterTemplates.find(nameOrId, query)
    },

    /** Changes a template; one in use may only be renamed or have public/hidden changed. */
    async update(nameOrId: string, changes: Partial<ClusterTemplate>): Promise<ClusterTemplate> {
      const { ctx, query } = await visibility()
      const current = await deps.store.clusterTemplates.find(nameOrId, query)
      const inUse = (await deps.store.clusters.count({ clusterTemplateId: current.uuid })) > 0
      const checked = validateClusterTemplateUpdate(current, changes, {
        registry: deps.registry,
        isAdmin: ctx.isAdmin,
        inUse,
        osDistro: current.clusterDistro,
        config: driverConfig(deps),
      })
      throwIfInvalid(checked.errors)
      return deps.store.clusterTemplates.update({ ...current, ...checked.template } as ClusterTemplate)
    },

    /** Deletes a template no cluster uses. */
    async delete(nameOrId: string): Promise<void> {
      const { query } = await visibility()
      const template = await deps.store.clusterTemplates.find(nameOrId, query)
      const inUse = (await deps.store.clusters.count({ clusterTemplateId: template.uuid })) > 0
      const error = validateClusterTemplateDelete(template, inUse)
      if (error) throw error
      await deps.store.clusterTemplates.delete(template.uuid)
    },
  }
}
