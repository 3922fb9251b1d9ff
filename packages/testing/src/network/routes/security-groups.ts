import { badRequest } from '../../server/api-error.js'
import { empty, json } from '../../server/reply.js'
import { type Route, type RouteContext, route } from '../../server/service.js'
import { isoSeconds } from '../../server/time.js'
import {
  createSecurityGroup,
  createSecurityGroupRule,
  deleteSecurityGroup,
  ensureDefaultSecurityGroup,
  must,
  neutronNotFound,
} from '../ops.js'
import type { SecurityGroupRecord } from '../state.js'
import { applyUpdate, neutronList, resourceBody, stampOf, visible } from './common.js'

function groupView(ctx: RouteContext, group: SecurityGroupRecord) {
  const rules = [...ctx.cloud.state.network.securityGroupRules.values()].filter(
    (r) => r.security_group_id === group.id,
  )
  return { ...group, security_group_rules: rules }
}

function groupOr404(ctx: RouteContext) {
  const group = must(
    ctx.cloud.state.network.securityGroups,
    ctx.params.id ?? '',
    'SecurityGroup',
    'Security group',
  )
  if (!visible(ctx, group)) throw neutronNotFound('SecurityGroup', 'Security group', group.id)
  return group
}

function optionalNumber(value: unknown): number | null {
  return typeof value === 'number' ? value : null
}

/** Security groups and their rules (a project's `default` group appears on first use, as in Neutron). */
export const securityGroupRoutes: Route[] = [
  route('GET', '/v2.0/security-groups', (ctx) => {
    if (ctx.auth?.projectId) ensureDefaultSecurityGroup(ctx.cloud.state.network, stampOf(ctx))
    const groups = [...ctx.cloud.state.network.securityGroups.values()].filter((g) => visible(ctx, g))
    return neutronList(
      ctx,
      'security_groups',
      groups.map((g) => groupView(ctx, g)),
    )
  }),
  route('POST', '/v2.0/security-groups', (ctx) => {
    const input = resourceBody(ctx, 'security_group')
    const stamp = stampOf(ctx, input)
    ensureDefaultSecurityGroup(ctx.cloud.state.network, stamp)
    const group = createSecurityGroup(ctx.cloud.state.network, stamp, {
      name: typeof input.name === 'string' ? input.name : '',
      ...(typeof input.description === 'string' ? { description: input.description } : {}),
    })
    return json(201, { security_group: groupView(ctx, group) })
  }),
  route('GET', '/v2.0/security-groups/:id', (ctx) =>
    json(200, { security_group: groupView(ctx, groupOr404(ctx)) }),
  ),
  route('PUT', '/v2.0/security-groups/:id', (ctx) => {
    const group = groupOr404(ctx)
    applyUpdate(
      group as never,
      resourceBody(ctx, 'security_group'),
      ['name', 'description'],
      isoSeconds(ctx.cloud.clock.now()),
    )
    return json(200, { security_group: groupView(ctx, group) })
  }),
  route('DELETE', '/v2.0/security-groups/:id', (ctx) => {
    const group = groupOr404(ctx)
    if (group.name === 'default') {
      throw badRequest(
        'Insufficient rights for removing default security group.',
        'SecurityGroupCannotRemoveDefault',
      )
    }
    deleteSecurityGroup(ctx.cloud.state.network, group.id)
    return empty(204)
  }),
  route('GET', '/v2.0/security-group-rules', (ctx) =>
    neutronList(
      ctx,
      'security_group_rules',
      [...ctx.cloud.state.network.securityGroupRules.values()].filter((r) => visible(ctx, r)),
    ),
  ),
  route('POST', '/v2.0/security-group-rules', (ctx) => {
    const input = resourceBody(ctx, 'security_group_rule')
    const direction = input.direction
    if (direction !== 'ingress' && direction !== 'egress') {
      throw badRequest(
        `Invalid input for direction. Reason: '${String(direction)}' is not in ['ingress', 'egress'].`,
        'HTTPBadRequest',
      )
    }
    const group = must(
      ctx.cloud.state.network.securityGroups,
      String(input.security_group_id ?? ''),
      'SecurityGroup',
      'Security group',
    )
    const rule = createSecurityGroupRule(
      ctx.cloud.state.network,
      stampOf(ctx, { project_id: group.project_id }),
      {
        securityGroupId: group.id,
        direction,
        ethertype: input.ethertype === 'IPv6' ? 'IPv6' : 'IPv4',
        protocol: typeof input.protocol === 'string' ? input.protocol : null,
        portRangeMin: optionalNumber(input.port_range_min),
        portRangeMax: optionalNumber(input.port_range_max),
        remoteIpPrefix: typeof input.remote_ip_prefix === 'string' ? input.remote_ip_prefix : null,
        remoteGroupId: typeof input.remote_group_id === 'string' ? input.remote_group_id : null,
        ...(typeof input.description === 'string' ? { description: input.description } : {}),
      },
    )
    return json(201, { security_group_rule: rule })
  }),
  route('GET', '/v2.0/security-group-rules/:id', (ctx) => {
    const rule = must(
      ctx.cloud.state.network.securityGroupRules,
      ctx.params.id ?? '',
      'SecurityGroupRule',
      'Security group rule',
    )
    return json(200, { security_group_rule: rule })
  }),
  route('DELETE', '/v2.0/security-group-rules/:id', (ctx) => {
    const rule = must(
      ctx.cloud.state.network.securityGroupRules,
      ctx.params.id ?? '',
      'SecurityGroupRule',
      'Security group rule',
    )
    ctx.cloud.state.network.securityGroupRules.delete(rule.id)
    return empty(204)
  }),
]
