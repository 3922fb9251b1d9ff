import type { Session } from '@magnum-ts/auth'
import type { components } from '../generated/network.js'
import { securityGroupRules, securityGroups } from '../internal/collections.js'
import { type CallOptions, createOne, deleteOne, getOne, listAll } from '../internal/crud.js'

type Schemas = components['schemas']

/** A Neutron security group with its rules. */
export type SecurityGroup = NonNullable<Schemas['Security_GroupShowResponse']['security_group']> & {
  id: string
  name: string
}

/** One rule of a security group. */
export type SecurityGroupRule = NonNullable<
  Schemas['Security_Group_RulesCreateResponse']['security_group_rule']
> & {
  id: string
  security_group_id: string
}

export interface CreateSecurityGroupRuleOptions {
  securityGroupId: string
  direction: 'ingress' | 'egress'
  ethertype?: 'IPv4' | 'IPv6'
  /** `tcp`, `udp`, `icmp`, a protocol number, or undefined for any. */
  protocol?: string
  portRangeMin?: number
  portRangeMax?: number
  remoteIpPrefix?: string
  remoteGroupId?: string
  description?: string
  signal?: AbortSignal
}

/** Lists security groups (`GET /v2.0/security-groups`), across pages. */
export function listSecurityGroups(
  session: Session,
  options: { name?: string; projectId?: string; limit?: number; signal?: AbortSignal } = {},
): AsyncGenerator<SecurityGroup> {
  return listAll<SecurityGroup>(
    session,
    securityGroups,
    { name: options.name, project_id: options.projectId, limit: options.limit },
    options,
  )
}

/** Gets one security group (`GET /v2.0/security-groups/{id}`). */
export function getSecurityGroup(
  session: Session,
  id: string,
  options: CallOptions = {},
): Promise<SecurityGroup> {
  return getOne<SecurityGroup>(session, securityGroups, id, options)
}

/** Creates a security group (`POST /v2.0/security-groups`); Neutron adds default egress rules. */
export function createSecurityGroup(
  session: Session,
  options: { name: string; description?: string; stateful?: boolean; signal?: AbortSignal },
): Promise<SecurityGroup> {
  return createOne<SecurityGroup>(
    session,
    securityGroups,
    { name: options.name, description: options.description, stateful: options.stateful },
    options,
  )
}

/** Deletes a security group (`DELETE /v2.0/security-groups/{id}`). */
export function deleteSecurityGroup(session: Session, id: string, options: CallOptions = {}): Promise<void> {
  return deleteOne(session, securityGroups, id, options)
}

/** Lists security group rules (`GET /v2.0/security-group-rules`), across pages. */
export function listSecurityGroupRules(
  session: Session,
  options: {
    securityGroupId?: string
    direction?: 'ingress' | 'egress'
    limit?: number
    signal?: AbortSignal
  } = {},
): AsyncGenerator<SecurityGroupRule> {
  return listAll<SecurityGroupRule>(
    session,
    securityGroupRules,
    { security_group_id: options.securityGroupId, direction: options.direction, limit: options.limit },
    options,
  )
}

/** Adds a rule to a security group (`POST /v2.0/security-group-rules`); IPv4 unless told otherwise. */
export function createSecurityGroupRule(
  session: Session,
  options: CreateSecurityGroupRuleOptions,
): Promise<SecurityGroupRule> {
  return createOne<SecurityGroupRule>(
    session,
    securityGroupRules,
    {
      security_group_id: options.securityGroupId,
      direction: options.direction,
      ethertype: options.ethertype ?? 'IPv4',
      protocol: options.protocol,
      port_range_min: options.portRangeMin,
      port_range_max: options.portRangeMax,
      remote_ip_prefix: options.remoteIpPrefix,
      remote_group_id: options.remoteGroupId,
      description: options.description,
    },
    options,
  )
}

/** Deletes a security group rule (`DELETE /v2.0/security-group-rules/{id}`). */
export function deleteSecurityGroupRule(
  session: Session,
  id: string,
  options: CallOptions = {},
): Promise<void> {
  return deleteOne(session, securityGroupRules, id, options)
}
