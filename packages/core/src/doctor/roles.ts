import type { SessionContext } from '@magnum-ts/auth'
import type { DoctorFinding } from './types.js'

/** Roles Heat's default policy lets create stacks (older clouds: heat_stack_owner; newer: member). */
export const STACK_OWNER_ROLES: readonly string[] = ['heat_stack_owner', 'member', '_member_', 'admin']

/** The token's roles: without a stack-owner role every cluster create fails in Heat with a 403. */
export function rolesFinding(context: SessionContext): DoctorFinding {
  const roles = context.roles.map((r) => r.toLowerCase())
  const who = `${context.userName ?? context.userId} on project ${context.projectName ?? context.projectId ?? '(none)'}`
  if (context.projectId === undefined) {
    return {
      level: 'error',
      check: 'roles',
      message: `The token of ${who} is not scoped to a project, so no service catalog or Heat stack is available`,
      fix: 'authenticate with a project (OS_PROJECT_NAME / project_name in clouds.yaml)',
    }
  }
  const owner = STACK_OWNER_ROLES.find((r) => roles.includes(r))
  if (owner !== undefined) {
    return {
      level: 'ok',
      check: 'roles',
      message: `${who} has role ${owner} (roles: ${context.roles.join(', ')})`,
      fix: '',
    }
  }
  return {
    level: 'error',
    check: 'roles',
    message: `${who} has roles ${context.roles.join(', ') || '(none)'}, none of which lets Heat create stacks`,
    fix: `grant one: openstack role add --user ${context.userName ?? context.userId} --project ${
      context.projectName ?? context.projectId
    } member (or heat_stack_owner on older clouds)`,
  }
}
