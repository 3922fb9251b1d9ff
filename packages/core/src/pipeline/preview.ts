import { dumpTemplate } from '@magnum-ts/orchestration'
import type { StackRequest } from '../drivers/contract.js'
import { InvalidParameterValueError, throwIfInvalid } from '../errors.js'
import type { Cluster, ClusterCreateInput } from '../models/cluster.js'
import { validateClusterUpdate } from '../validation/cluster.js'
import { buildClusterContext, readCloudFacts } from './cluster-context.js'
import { checkClusterCreate } from './cluster-create-checks.js'
import { clusterCredentialMode } from './cluster-credential.js'
import { newClusterRows } from './conductor-create.js'
import { planResize, type ResizeInput } from './conductor-scale.js'
import { driverConfig, type PipelineDeps } from './deps.js'
import { requestContext } from './request-context.js'

/** What a dry run shows: the Heat request the real call would send. */
export interface StackRequestPreview {
  /** The top-level template: the `files` entry it names, else its YAML text. */
  template: string
  /** Keys of the `files` map sent with the template. */
  files: string[]
  /** Environment files, in the order Heat merges them. */
  environmentFiles: string[]
  /** The parameters: of `POST /stacks` for a create, of the `PATCH` for an update or resize. */
  parameters: Record<string, unknown>
}

/** Marks values only a real create makes (trustee, trust, certificates, the cluster's uuid). */
export const CREATED_AT_CREATE_TIME = '<created at create time>'

/** The template of a PATCH: Heat keeps the stack's own (`existing=true`); only parameters change. */
export const EXISTING_STACK_TEMPLATE = '<existing stack template (PATCH existing=true)>'

/**
 * `magnum.clusters.preview`: the same validation as the real calls (fields, quota, cloud
 * resources, driver rules), then the driver's `stackRequest` or `scaleParameters`, with no row
 * stored, no trustee, trust or certificate made and no Heat write. Cloud GETs still happen.
 */
export function clusterPreviewService(deps: PipelineDeps) {
  return {
    /** The `POST /stacks` a `clusters.create(input)` would send. */
    async create(
      input: ClusterCreateInput,
      options: { signal?: AbortSignal } = {},
    ): Promise<StackRequestPreview> {
      const checked = await checkClusterCreate(deps, input, options.signal)
      const rows = newClusterRows(checked.cluster, checked.template, checked.caller, checked.imageId)
      const cluster: Cluster = {
        ...rows.cluster,
        uuid: CREATED_AT_CREATE_TIME,
        ...(clusterCredentialMode(deps.config) === 'application-credential'
          ? {
              applicationCredentialId: CREATED_AT_CREATE_TIME,
              applicationCredentialSecret: CREATED_AT_CREATE_TIME,
            }
          : {
              trustId: CREATED_AT_CREATE_TIME,
              trusteeUserId: CREATED_AT_CREATE_TIME,
              trusteeUsername: CREATED_AT_CREATE_TIME,
              trusteePassword: CREATED_AT_CREATE_TIME,
            }),
        caCertRef: CREATED_AT_CREATE_TIME,
        magnumCertRef: CREATED_AT_CREATE_TIME,
      }
      const n = checked.networks
      // As conductCreate builds it: the ids the resource checks resolved replace the names given.
      const context = buildClusterContext({
        cluster: {
          ...cluster,
          ...(n.fixedNetworkId ? { fixedNetwork: n.fixedNetworkId } : {}),
          ...(n.fixedSubnetId ? { fixedSubnet: n.fixedSubnetId } : {}),
        },
        template: {
          ...checked.template,
          ...(n.externalNetworkId ? { externalNetworkId: n.externalNetworkId } : {}),
        },
        nodeGroups: rows.nodeGroups.map((ng) => ({ ...ng, clusterId: CREATED_AT_CREATE_TIME })),
        facts: await readCloudFacts(deps.session, deps.config.magnumUrl),
        caller: checked.caller,
        session: deps.session,
        config: {
          ...driverConfig(deps),
          ...(n.fixedNetworkName ? { fixedNetworkName: n.fixedNetworkName } : {}),
        },
        signal: options.signal,
      })
      const request = await checked.driver.stackRequest(context)
      return describeStackRequest(request, { ...request.parameters, is_cluster_stack: true })
    },

    /** The stack `PATCH` a `clusters.update(nameOrId, changes)` would send. */
    async update(nameOrId: string, changes: { nodeCount: number } & Record<string, unknown>) {
      checkClusterUpdate(changes)
      return scalePreview(deps, nameOrId, { nodeCount: changes.nodeCount }, 'update')
    },

    /** The stack `PATCH` a `clusters.resize(nameOrId, input)` would send. */
    async resize(nameOrId: string, input: ResizeInput) {
      return scalePreview(deps, nameOrId, input, 'resize')
    },
  }
}

/**
 * A cluster PATCH's fields: anything but `node_count` is refused naming it, and `node_count`
 * must be there (a PATCH that sets it to null leaves nothing to scale to).
 */
export function checkClusterUpdate(changes: Record<string, unknown>): void {
  throwIfInvalid(validateClusterUpdate(changes))
  if (changes.nodeCount === undefined || changes.nodeCount === null) {
    throwIfInvalid([
      new InvalidParameterValueError({
        field: 'node_count',
        message: 'node_count is required: it is the only field a cluster update changes',
        fix: 'set node_count to 1 or more (replace node_count=N)',
      }),
    ])
  }
}

/** The PATCH `conductResize` would send (same checks, via `planResize`); empty when unchanged. */
async function scalePreview(
  deps: PipelineDeps,
  nameOrId: string,
  input: ResizeInput,
  operation: 'resize' | 'update',
): Promise<StackRequestPreview> {
  const caller = await requestContext(deps.session)
  const cluster = await deps.store.clusters.find(
    nameOrId,
    caller.isAdmin ? {} : { projectId: caller.projectId },
  )
  const plan = await planResize({ deps, caller, cluster, input, operation })
  return {
    template: EXISTING_STACK_TEMPLATE,
    files: [],
    environmentFiles: [],
    parameters: plan?.parameters ?? {},
  }
}

function describeStackRequest(
  request: StackRequest,
  parameters: Record<string, unknown>,
): StackRequestPreview {
  const { template, files } = request
  const named = typeof template === 'string' && Object.hasOwn(files, template)
  return {
    template: named ? template : typeof template === 'string' ? template : dumpTemplate(template),
    files: Object.keys(files),
    environmentFiles: [...request.environmentFiles],
    parameters,
  }
}
