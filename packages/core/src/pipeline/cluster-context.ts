import type { Session } from '@magnum-ts/auth'
import { defaultVolumeType } from '@magnum-ts/network'
import type { ClusterContext } from '../drivers/contract.js'
import type { Cluster } from '../models/cluster.js'
import type { ClusterTemplate } from '../models/cluster-template.js'
import type { NodeGroup } from '../models/nodegroup.js'
import type { RequestContext } from './request-context.js'

/** Catalog facts a driver needs, read once per operation. */
export interface CloudFacts {
  authUrl: string
  magnumUrl: string
  regionName: string | undefined
  services: { octavia: boolean; cinder: boolean; barbican: boolean }
  /** Cinder's default volume type, the last fallback drivers use for volumes (undefined without Cinder). */
  cinderDefaultVolumeType: string | undefined
}

async function has(session: Session, service: string): Promise<boolean> {
  try {
    await session.endpoint(service)
    return true
  } catch {
    return false
  }
}

/**
 * Reads what drivers need from the catalog: the public identity URL (nodes reach Keystone
 * from outside), the certificate API URL nodes call (`magnumUrl` from config, else the
 * catalog's container-infra endpoint), and which optional services exist.
 */
export async function readCloudFacts(session: Session, magnumUrl: string | undefined): Promise<CloudFacts> {
  const [authUrl, catalogMagnum, octavia, cinder, barbican] = await Promise.all([
    session.endpoint('identity', { interface: 'public' }),
    magnumUrl
      ? Promise.resolve(magnumUrl)
      : session.endpoint('container-infra', { interface: 'public' }).catch(() => ''),
    has(session, 'load-balancer'),
    has(session, 'block-storage'),
    has(session, 'key-manager'),
  ])
  const cinderDefaultVolumeType = cinder
    ? await defaultVolumeType(session).then(
        (t) => t.name,
        () => undefined,
      )
    : undefined
  return {
    cinderDefaultVolumeType,
    authUrl,
    magnumUrl: catalogMagnum,
    regionName: session.config.regionName,
    services: { octavia, cinder, barbican },
  }
}

/** Assembles the context a driver's hooks receive for one cluster operation. */
export function buildClusterContext(args: {
  cluster: Cluster
  template: ClusterTemplate
  nodeGroups: NodeGroup[]
  facts: CloudFacts
  caller: RequestContext
  session: Session
  config: Record<string, unknown>
  signal?: AbortSignal | undefined
}): ClusterContext {
  const c = args.cluster
  const trust = {
    trusteeUserId: c.trusteeUserId ?? '',
    trusteeUsername: c.trusteeUsername ?? '',
    trusteePassword: c.trusteePassword ?? '',
    trusteeDomainId: c.applicationCredentialId
      ? ''
      : ((args.config.trusteeDomainId as string | undefined) ?? ''),
    trustId: c.trustId ?? '',
  }
  return {
    cluster: c,
    clusterTemplate: args.template,
    nodeGroups: args.nodeGroups,
    // Stored cluster labels are already the effective ones (inherited or merged at create).
    labels: { ...c.labels },
    trust,
    credential: c.applicationCredentialId
      ? {
          kind: 'application-credential',
          id: c.applicationCredentialId,
          secret: c.applicationCredentialSecret ?? '',
        }
      : { kind: 'trust', ...trust },
    endpoints: {
      authUrl: args.facts.authUrl,
      magnumUrl: args.facts.magnumUrl,
      regionName: args.facts.regionName,
    },
    services: args.facts.services,
    context: {
      userId: args.caller.userId,
      userName: args.caller.userName,
      projectId: args.caller.projectId,
      domainName: args.caller.domainName,
    },
    config: { cinderDefaultVolumeType: args.facts.cinderDefaultVolumeType, ...args.config },
    session: args.session,
    signal: args.signal,
  }
}
