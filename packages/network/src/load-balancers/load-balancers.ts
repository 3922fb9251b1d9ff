import type { Session } from '@magnum-ts/auth'
import { loadBalancers } from '../internal/collections.js'
import { type CallOptions, createOne, deleteOne, getOne, listAll, listQuery } from '../internal/crud.js'
import type { CreateLoadBalancerOptions, ListLoadBalancersOptions, LoadBalancer } from './types.js'

/** Lists load balancers (`GET /v2/lbaas/loadbalancers`) with filters, across pages. */
export function listLoadBalancers(
  session: Session,
  options: ListLoadBalancersOptions = {},
): AsyncGenerator<LoadBalancer> {
  return listAll<LoadBalancer>(
    session,
    loadBalancers,
    listQuery(
      {
        name: options.name,
        description: options.description,
        provisioning_status: options.provisioningStatus,
        vip_network_id: options.vipNetworkId,
        project_id: options.projectId,
        tags: options.tags?.join(','),
        limit: options.limit,
      },
      options.filters,
    ),
    options,
  )
}

/** Gets one load balancer (`GET /v2/lbaas/loadbalancers/{id}`). */
export function getLoadBalancer(
  session: Session,
  id: string,
  options: CallOptions = {},
): Promise<LoadBalancer> {
  return getOne<LoadBalancer>(session, loadBalancers, id, options)
}

/** Creates a load balancer (`POST /v2/lbaas/loadbalancers`); it starts PENDING_CREATE. */
export function createLoadBalancer(
  session: Session,
  options: CreateLoadBalancerOptions,
): Promise<LoadBalancer> {
  return createOne<LoadBalancer>(
    session,
    loadBalancers,
    {
      name: options.name,
      description: options.description,
      vip_subnet_id: options.vipSubnetId,
      vip_network_id: options.vipNetworkId,
      vip_port_id: options.vipPortId,
      vip_address: options.vipAddress,
      provider: options.provider,
      flavor_id: options.flavorId,
      availability_zone: options.availabilityZone,
      admin_state_up: options.adminStateUp,
      tags: options.tags,
    },
    options,
  )
}

/**
 * Deletes a load balancer (`DELETE /v2/lbaas/loadbalancers/{id}`). With `cascade`, Octavia also
 * deletes its listeners, pools, members and monitors (what Magnum needs on cluster delete).
 */
export function deleteLoadBalancer(
  session: Session,
  id: string,
  options: CallOptions & { cascade?: boolean } = {},
): Promise<void> {
  return deleteOne(session, loadBalancers, id, {
    ...options,
    ...(options.cascade ? { query: { cascade: true } } : {}),
  })
}
