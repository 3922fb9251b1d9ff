import { randomUUID } from 'node:crypto'
import { type ClusterCertRefs, createClusterCertificates, deleteClusterCertificates } from '@magnum-ts/certs'
import { createStack, deleteStack, type HotTemplate } from '@magnum-ts/orchestration'
import type { ClusterDriver, StackRequest } from '../drivers/contract.js'
import type { Cluster } from '../models/cluster.js'
import type { ClusterTemplate } from '../models/cluster-template.js'
import { DEFAULT_MASTER_NODEGROUP, DEFAULT_WORKER_NODEGROUP, type NodeGroup } from '../models/nodegroup.js'
import { clusterStackName, stackTimeoutMinutes } from '../naming/stack-name.js'
import type { ResolvedClusterCreate } from '../validation/cluster.js'
import { buildClusterContext, readCloudFacts } from './cluster-context.js'
import {
  type ClusterApplicationCredential,
  clusterCredentialMode,
  createClusterApplicationCredential,
  deleteClusterApplicationCredential,
} from './cluster-credential.js'
import { announce, setStatus } from './cluster-work.js'
import { driverConfig, type PipelineDeps } from './deps.js'
import { ClusterOperationError } from './errors.js'
import type { RequestContext } from './request-context.js'
import { type ClusterTrust, createClusterTrust, deleteClusterTrust } from './trustee.js'

/** What a create has made so far, removed again when a later step fails. */
interface Created {
  trust?: ClusterTrust
  appCredential?: ClusterApplicationCredential
  refs?: ClusterCertRefs
  stackId?: string
}

/** Network ids and names the resource checks resolved. */
export interface ResolvedNetworks {
  externalNetworkId?: string | undefined
  fixedNetworkId?: string | undefined
  fixedNetworkName?: string | undefined
  fixedSubnetId?: string | undefined
}

/** The rows a new cluster starts with: CREATE_IN_PROGRESS, plus Magnum's two default nodegroups. */
export function newClusterRows(
  resolved: ResolvedClusterCreate,
  template: ClusterTemplate,
  caller: RequestContext,
  imageId: string | undefined,
): { cluster: Cluster; nodeGroups: NodeGroup[] } {
  const uuid = randomUUID()
  const cluster: Cluster = {
    ...resolved,
    uuid,
    projectId: caller.projectId,
    userId: caller.userId,
    stackId: undefined,
    status: 'CREATE_IN_PROGRESS',
    statusReason: undefined,
    healthStatus: undefined,
    healthStatusReason: undefined,
    apiAddress: undefined,
    coeVersion: undefined,
    containerVersion: undefined,
    nodeAddresses: [],
    masterAddresses: [],
    faults: undefined,
    createdAt: undefined,
    updatedAt: undefined,
    caCertRef: undefined,
    magnumCertRef: undefined,
    trustId: undefined,
    trusteeUsername: undefined,
    trusteeUserId: undefined,
  }
  const group = (
    name: string,
    role: 'master' | 'worker',
    nodeCount: number,
    flavorId: string | undefined,
  ): NodeGroup => ({
    uuid: randomUUID(),
    name,
    clusterId: uuid,
    projectId: caller.projectId,
    dockerVolumeSize: resolved.dockerVolumeSize,
    labels: { ...resolved.labels },
    flavorId,
    imageId: imageId ?? template.imageId,
    nodeAddresses: [],
    nodeCount,
    role,
    minNodeCount: 1,
    maxNodeCount: undefined,
    isDefault: true,
    stackId: undefined,
    status: 'CREATE_IN_PROGRESS',
    statusReason: undefined,
    version: undefined,
    createdAt: undefined,
    updatedAt: undefined,
  })
  return {
    cluster,
    nodeGroups: [
      group(DEFAULT_MASTER_NODEGROUP, 'master', resolved.masterCount, resolved.masterFlavorId),
      group(DEFAULT_WORKER_NODEGROUP, 'worker', resolved.nodeCount, resolved.flavorId),
    ],
  }
}

/**
 * Magnum's conductor create (§6), run before the caller gets an answer: the cluster credential
 * (trustee + trust, or an application credential: `config.clusterCredential`) and the cluster CA + conductor certificate concurrently, then the driver's stack request and
 * Heat's `POST /stacks`. On any failure the cluster becomes CREATE_FAILED with the reason,
 * everything created so far is removed, and a `ClusterOperationError` is thrown.
 */
export async function conductCreate(args: {
  deps: PipelineDeps
  caller: RequestContext
  cluster: Cluster
  nodeGroups: NodeGroup[]
  template: ClusterTemplate
  driver: ClusterDriver
  /** Ids the resource checks resolved from names (drivers send ids to Heat). */
  resolved?: ResolvedNetworks
  signal?: AbortSignal | undefined
}): Promise<Cluster> {
  const { deps, caller, template, driver } = args
  let cluster = args.cluster
  const created: Created = {}
  const mode = clusterCredentialMode(deps.config)
  let step = 'creating the cluster credential and the certificates'
  try {
    // allSettled, not all: when one side fails, the other's result must still be known to clean
    // it up. The catalog facts the driver needs are read meanwhile: they depend on neither.
    const factsReady = readCloudFacts(deps.session, deps.config.magnumUrl)
    factsReady.catch(() => {})
    const [credential, certs] = await Promise.allSettled([
      mode === 'application-credential'
        ? createClusterApplicationCredential({
            userSession: deps.session,
            clusterId: cluster.uuid,
            clusterName: cluster.name,
            caller,
          }).then((appCredential) => ({ appCredential }))
        : createClusterTrust({
            userSession: deps.session,
            settings: deps.trustee,
            clusterId: cluster.uuid,
            caller,
          }).then((trust) => ({ trust })),
      createClusterCertificates(deps.certStore, { clusterId: cluster.uuid, clusterName: cluster.name }),
    ])
    if (credential.status === 'fulfilled') Object.assign(created, credential.value)
    if (certs.status === 'fulfilled') created.refs = certs.value.refs
    if (credential.status === 'rejected') {
      step =
        mode === 'application-credential'
          ? 'creating the application credential'
          : 'creating the trustee and trust'
      throw credential.reason
    }
    if (certs.status === 'rejected') {
      step = 'creating the cluster certificates'
      throw certs.reason
    }
    const { trust, appCredential } = created
    cluster = await deps.store.clusters.update({
      ...cluster,
      ...(trust
        ? {
            trustId: trust.trustId,
            trusteeUserId: trust.trusteeUserId,
            trusteeUsername: trust.trusteeUsername,
            trusteePassword: trust.trusteePassword,
          }
        : {}),
      ...(appCredential
        ? { applicationCredentialId: appCredential.id, applicationCredentialSecret: appCredential.secret }
        : {}),
      caCertRef: certs.value.refs.caCertRef,
      magnumCertRef: certs.value.refs.magnumCertRef,
    })

    step = 'building the stack request'
    const facts = await factsReady
    const r = args.resolved ?? {}
    const context = buildClusterContext({
      cluster: {
        ...cluster,
        ...(r.fixedNetworkId ? { fixedNetwork: r.fixedNetworkId } : {}),
        ...(r.fixedSubnetId ? { fixedSubnet: r.fixedSubnetId } : {}),
      },
      template: { ...template, ...(r.externalNetworkId ? { externalNetworkId: r.externalNetworkId } : {}) },
      nodeGroups: args.nodeGroups,
      facts,
      caller,
      session: deps.session,
      config: {
        ...driverConfig(deps),
        ...(r.fixedNetworkName ? { fixedNetworkName: r.fixedNetworkName } : {}),
      },
      signal: args.signal,
    })
    const request = await driver.stackRequest(context)

    step = 'creating the Heat stack'
    await announce(deps, { cluster, from: cluster.status, action: 'create', outcome: 'pending', caller })
    const stack = await createStack(deps.session, {
      name: clusterStackName(cluster.name),
      template: topLevelTemplate(request),
      files: request.files,
      environmentFiles: request.environmentFiles,
      parameters: { ...request.parameters, is_cluster_stack: true },
      timeoutMins: stackTimeoutMinutes(cluster.createTimeout),
    })
    created.stackId = stack.id

    step = 'saving the stack id'
    return await deps.store.transaction(async (tx) => {
      const saved = await tx.clusters.update({ ...cluster, stackId: stack.id })
      for (const ng of await tx.nodegroups.list({ clusterId: cluster.uuid })) {
        await tx.nodegroups.update({ ...ng, stackId: stack.id })
      }
      return saved
    })
  } catch (cause) {
    const error = new ClusterOperationError({ clusterId: cluster.uuid, step, cause })
    await removeCreated(deps, created, caller.userId)
    const failed = await setStatus(deps, cluster, args.nodeGroups, 'CREATE_FAILED', error.message, {
      stackId: undefined,
      trustId: undefined,
      trusteeUserId: undefined,
      trusteeUsername: undefined,
      trusteePassword: undefined,
      applicationCredentialId: undefined,
      applicationCredentialSecret: undefined,
      caCertRef: undefined,
      magnumCertRef: undefined,
    })
    await announce(deps, {
      cluster: failed.cluster,
      from: cluster.status,
      action: 'create',
      outcome: 'failure',
      caller,
      reason: error.message,
    })
    throw error
  }
}

/** Best-effort removal of what a failed create made; each part is tried whatever the others do. */
async function removeCreated(deps: PipelineDeps, created: Created, callerUserId: string): Promise<void> {
  await Promise.allSettled([
    created.stackId ? deleteStack(deps.session, created.stackId) : undefined,
    created.refs ? deleteClusterCertificates(deps.certStore, created.refs) : undefined,
    created.trust
      ? deleteClusterTrust({
          userSession: deps.session,
          settings: deps.trustee,
          trustId: created.trust.trustId,
          trusteeUserId: created.trust.trusteeUserId,
        })
      : undefined,
    created.appCredential
      ? deleteClusterApplicationCredential({
          session: deps.session,
          ownerUserId: callerUserId,
          credentialId: created.appCredential.id,
        })
      : undefined,
  ])
}

/** The template to send: the request's own, or the `files` entry it names (drivers ship templates as files). */
export function topLevelTemplate(request: StackRequest): HotTemplate | string {
  const { template, files } = request
  return typeof template === 'string' && Object.hasOwn(files, template) ? files[template]! : template
}
