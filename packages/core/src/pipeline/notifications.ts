import { randomUUID } from 'node:crypto'
import type { Cluster } from '../models/cluster.js'

export type NotificationAction = 'create' | 'update' | 'delete'
export type NotificationOutcome = 'pending' | 'success' | 'failure'

/** A CADF activity event as Magnum sends it (`magnum.cluster.{create,update,delete}`, §9). */
export interface ClusterNotification {
  eventType: `magnum.cluster.${NotificationAction}`
  /** Failures at ERROR, everything else at INFO. */
  priority: 'INFO' | 'ERROR'
  payload: {
    typeURI: 'http://schemas.dmtf.org/cloud/audit/1.0/event'
    id: string
    eventType: 'activity'
    eventTime: string
    action: NotificationAction
    outcome: NotificationOutcome
    initiator: { typeURI: 'service/security/account/user'; id: string; project_id: string | undefined }
    target: {
      typeURI: 'service/magnum/cluster'
      id: string
      name: string
      attachments: { name: 'cluster_data'; content: Record<string, unknown> }[]
    }
    observer: { typeURI: 'service/magnum/cluster'; id: string }
    reason?: string
  }
}

/** Receives notifications; plug a message bus, a log or a test array in. */
export type Notifier = (notification: ClusterNotification) => void | Promise<void>

/** Builds the CADF notification for one cluster operation. Secrets are never part of it. */
export function clusterNotification(args: {
  action: NotificationAction
  outcome: NotificationOutcome
  cluster: Cluster
  initiator: { userId: string; projectId: string | undefined }
  now: Date
  reason?: string | undefined
}): ClusterNotification {
  const c = args.cluster
  return {
    eventType: `magnum.cluster.${args.action}`,
    priority: args.outcome === 'failure' ? 'ERROR' : 'INFO',
    payload: {
      typeURI: 'http://schemas.dmtf.org/cloud/audit/1.0/event',
      id: randomUUID(),
      eventType: 'activity',
      eventTime: args.now.toISOString(),
      action: args.action,
      outcome: args.outcome,
      initiator: {
        typeURI: 'service/security/account/user',
        id: args.initiator.userId,
        project_id: args.initiator.projectId,
      },
      target: {
        typeURI: 'service/magnum/cluster',
        id: c.uuid,
        name: c.name,
        attachments: [
          {
            name: 'cluster_data',
            content: {
              status: c.status,
              status_reason: c.statusReason,
              cluster_template_id: c.clusterTemplateId,
              keypair: c.keypair,
              labels: c.labels,
              master_flavor_id: c.masterFlavorId,
              flavor_id: c.flavorId,
              stack_id: c.stackId,
              health_status: c.healthStatus,
              create_timeout: c.createTimeout,
              api_address: c.apiAddress,
              discovery_url: c.discoveryUrl,
              node_addresses: c.nodeAddresses,
              master_addresses: c.masterAddresses,
              node_count: c.nodeCount,
              master_count: c.masterCount,
              // Magnum spells this key with a trailing colon; consumers match on it.
              'docker_volume_size:': c.dockerVolumeSize,
            },
          },
        ],
      },
      observer: { typeURI: 'service/magnum/cluster', id: c.uuid },
      ...(args.reason ? { reason: args.reason } : {}),
    },
  }
}
