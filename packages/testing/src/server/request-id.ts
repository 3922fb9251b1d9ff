import { randomUUID } from 'node:crypto'

/** An OpenStack request id, as oslo.middleware makes them: `req-<uuid4>`. */
export function newRequestId(): string {
  return `req-${randomUUID()}`
}
