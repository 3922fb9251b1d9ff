/**
 * A failure a fake service answers with. Each service renders it in its own envelope
 * (Nova `itemNotFound`, Neutron `NeutronError`, Octavia `faultstring`, …).
 */
export class ApiError extends Error {
  readonly status: number
  /** Service-specific error kind: Neutron's `type` (`NetworkNotFound`), Nova's key (`itemNotFound`). */
  readonly kind: string | undefined
  constructor(status: number, message: string, kind?: string) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.kind = kind
  }
}

/** 400 with the given message. */
export const badRequest = (message: string, kind?: string) => new ApiError(400, message, kind)
/** 403 with the given message. */
export const forbidden = (message: string, kind?: string) => new ApiError(403, message, kind)
/** 404 with the given message. */
export const notFound = (message: string, kind?: string) => new ApiError(404, message, kind)
/** 409 with the given message. */
export const conflict = (message: string, kind?: string) => new ApiError(409, message, kind)
