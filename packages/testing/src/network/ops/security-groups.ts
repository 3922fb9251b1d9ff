import { randomUUID } from 'node:crypto'
import { conflict } from '../../server/api-error.js'
import type { NetworkState, SecurityGroupRecord, SecurityGroupRuleRecord } from '../state.js'
import { must, type Stamp, stamps } from './common.js'

/** The project's `default` security group, created with Neutron's four default rules when missing. */
export function ensureDefaultSecurityGroup(s: NetworkState, stamp: Stamp): SecurityGroupRecord {
  const existing = [...s.securityGroups.values()].find(
    (g) => g.name === 'default' && g.project_id === stamp.projectId,
  )
  if (existing) return existing
  const group = createSecurityGroup(s, stamp, { name: 'default', description: 'Default security group' })
  for (const ethertype of ['IPv4', 'IPv6'] as const) {
    createSecurityGroupRule(s, stamp, {
      securityGroupId: group.id,
      direction: 'ingress',
      ethertype,
      remoteGroupId: group.id,
    })
  }
  return group
}

/** Creates a security group with Neutron's two egress rules. */
export function createSecurityGroup(
  s: NetworkState,
  stamp: Stamp,
  input: { name: string; description?: string },
) {
  const group: SecurityGroupRecord = {
    id: randomUUID(),
    name: input.name,
    description: input.description ?? '',
    ...stamps(stamp),
    stateful: true,
    tags: [],
  }
  s.securityGroups.set(group.id, group)
  for (const ethertype of ['IPv4', 'IPv6'] as const) {
    createSecurityGroupRule(s, stamp, { securityGroupId: group.id, direction: 'egress', ethertype })
  }
  return group
}

/** Adds a rule; 409 `SecurityGroupRuleExists` for an exact duplicate. */
export function createSecurityGroupRule(
  s: NetworkState,
  stamp: Stamp,
  input: {
    securityGroupId: string
    direction: 'ingress' | 'egress'
    ethertype?: 'IPv4' | 'IPv6'
    protocol?: string | null
    portRangeMin?: number | null
    portRangeMax?: number | null
    remoteIpPrefix?: string | null
    remoteGroupId?: string | null
    description?: string
  },
): SecurityGroupRuleRecord {
  must(s.securityGroups, input.securityGroupId, 'SecurityGroup', 'Security group')
  const rule: SecurityGroupRuleRecord = {
    id: randomUUID(),
    security_group_id: input.securityGroupId,
    direction: input.direction,
    ethertype: input.ethertype ?? 'IPv4',
    protocol: input.protocol ?? null,
    port_range_min: input.portRangeMin ?? null,
    port_range_max: input.portRangeMax ?? null,
    remote_ip_prefix: input.remoteIpPrefix ?? null,
    remote_group_id: input.remoteGroupId ?? null,
    ...stamps(stamp),
    description: input.description ?? '',
  }
  const same = (a: SecurityGroupRuleRecord) =>
    a.security_group_id === rule.security_group_id &&
    a.direction === rule.direction &&
    a.ethertype === rule.ethertype &&
    a.protocol === rule.protocol &&
    a.port_range_min === rule.port_range_min &&
    a.port_range_max === rule.port_range_max &&
    a.remote_ip_prefix === rule.remote_ip_prefix &&
    a.remote_group_id === rule.remote_group_id
  const duplicate = [...s.securityGroupRules.values()].find(same)
  if (duplicate) {
    throw conflict(
      `Security group rule already exists. Rule id is ${duplicate.id}.`,
      'SecurityGroupRuleExists',
    )
  }
  s.securityGroupRules.set(rule.id, rule)
  return rule
}

/** Deletes a security group: 409 `SecurityGroupInUse` while ports use it. */
export function deleteSecurityGroup(s: NetworkState, id: string) {
  must(s.securityGroups, id, 'SecurityGroup', 'Security group')
  if ([...s.ports.values()].some((p) => p.security_groups.includes(id))) {
    throw conflict(`Security Group ${id} in use.`, 'SecurityGroupInUse')
  }
  s.securityGroups.delete(id)
  for (const [ruleId, rule] of s.securityGroupRules)
    if (rule.security_group_id === id) s.securityGroupRules.delete(ruleId)
}
