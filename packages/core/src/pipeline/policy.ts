import { MagnumValidationError } from '../errors.js'

/** Magnum's `PolicyNotAuthorized` (403): the caller's roles do not allow the action. */
export class PolicyNotAuthorizedError extends MagnumValidationError {
  readonly action: string
  constructor(action: string, fix: string, field = 'project_id') {
    super('POLICY_NOT_AUTHORIZED', 403, {
      field,
      message: `Policy doesn't allow ${action} to be performed`,
      fix,
    })
    this.action = action
  }
}

/** The caller must hold the admin role (Magnum's `admin_api` rule). */
export function requireAdmin(caller: { isAdmin: boolean }, action: string): void {
  if (!caller.isAdmin)
    throw new PolicyNotAuthorizedError(action, 'ask a cloud administrator (admin role) to do it')
}

/** The caller must be an admin or belong to the project (Magnum's `admin_or_owner` rule). */
export function requireAdminOrOwner(
  caller: { isAdmin: boolean; projectId: string },
  projectId: string,
  action: string,
): void {
  if (!caller.isAdmin && caller.projectId !== projectId)
    throw new PolicyNotAuthorizedError(
      action,
      'use a token scoped to that project, or one with the admin role',
    )
}
