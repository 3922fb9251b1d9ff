import { ApiError } from '../../server/api-error.js'
import type { RouteContext } from '../../server/service.js'
import { isAdmin } from '../validate.js'

/** The object under `key` in the request body, or Keystone's 400 naming the missing field. */
export function member(ctx: RouteContext, key: string): Record<string, unknown> {
  const body = ctx.body as Record<string, unknown> | undefined
  const value = body?.[key]
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new ApiError(400, `Invalid input for field '${key}': a JSON object is required.`, 'Bad Request')
  }
  return value as Record<string, unknown>
}

/** A required string field of a request object. */
export function requiredString(obj: Record<string, unknown>, key: string): string {
  const value = obj[key]
  if (typeof value !== 'string' || value === '') {
    throw new ApiError(
      400,
      `Invalid input for field '${key}': a non-empty string is required.`,
      'Bad Request',
    )
  }
  return value
}

/** An optional string field. */
export function optionalString(obj: Record<string, unknown>, key: string): string | undefined {
  const value = obj[key]
  return typeof value === 'string' ? value : undefined
}

/** Keystone's 403 for a policy the caller does not pass. */
export function requireAdmin(ctx: RouteContext, action: string): void {
  if (!isAdmin(ctx.auth)) {
    throw new ApiError(403, `You are not authorized to perform the requested action: ${action}.`, 'Forbidden')
  }
}

/** Keystone's 404 for an id that names nothing. */
export function keystoneNotFound(kind: string, id: string): ApiError {
  return new ApiError(404, `Could not find ${kind}: ${id}.`, 'Not Found')
}
