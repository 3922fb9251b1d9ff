import type { ApiError } from '../server/api-error.js'
import { json, type Reply } from '../server/reply.js'
import type { RouteContext, ServiceModule } from '../server/service.js'
import type { CloudState } from '../state.js'
import type { HeatRuntime, HeatSettings, ResourceFault } from './engine.js'
import { heatRoutes } from './routes.js'

const TITLES: Record<number, [string, string]> = {
  400: [
    'Bad Request',
    'The server could not comply with the request since it is either malformed or otherwise incorrect.',
  ],
  401: [
    'Unauthorized',
    'This server could not verify that you are authorized to access the document you requested.',
  ],
  403: ['Forbidden', 'Access was denied to this resource.'],
  404: ['Not Found', 'The resource could not be found.'],
  405: ['Method Not Allowed', 'The method specified is not allowed for this resource.'],
  409: ['Conflict', 'There was a conflict when trying to complete your request.'],
  500: [
    'Internal Server Error',
    'The server has either erred or is incapable of performing the requested operation.',
  ],
  503: ['Service Unavailable', 'The server is currently unavailable. Please try again at a later time.'],
}

/** Heat's error envelope: `{ code, title, explanation, error: { type, traceback, message } }`. */
export function heatError(error: ApiError): Reply {
  const [title, explanation] = TITLES[error.status] ?? ['Error', 'An error occurred.']
  const defaultType =
    error.status === 404 ? 'EntityNotFound' : error.status === 400 ? 'StackValidationFailed' : 'Error'
  return {
    status: error.status,
    body: {
      code: error.status,
      title,
      explanation,
      error: { type: error.kind ?? defaultType, traceback: null, message: error.message },
    },
  }
}

/** Control of the fake Heat from a test: failures of named resources, timing, wait conditions. */
export interface HeatControl {
  /**
   * Makes `resource` fail (CREATE by default) in stacks whose name, or an ancestor's, matches
   * `stack` (exact, `*` globs, or a RegExp); `times` failures, unlimited when omitted.
   */
  failResource(
    stack: string | RegExp,
    resource: string,
    reason?: string,
    options?: { action?: 'CREATE' | 'UPDATE' | 'DELETE'; times?: number },
  ): { hits(): number; remove(): void }
  /** Tunables (seconds per resource, wait conditions auto/manual), changeable at runtime. */
  settings: HeatSettings
  /** Lifts every resource fault. */
  clear(): void
}

/** The fake Heat: its service module and its control handle. */
export function orchestrationService(
  state: () => CloudState,
  options: Partial<HeatSettings> = {},
  prefix = '/heat-api/v1/{project_id}',
): { service: ServiceModule; control: HeatControl } {
  const settings: HeatSettings = {
    resourceSeconds: options.resourceSeconds ?? 1,
    waitConditions: options.waitConditions ?? 'auto',
  }
  const faults: ResourceFault[] = []
  const runtime: HeatRuntime = {
    get state() {
      return state()
    },
    settings,
    faults,
  }
  const version = (ctx: RouteContext) => ({
    id: 'v1.0',
    status: 'CURRENT',
    links: [{ rel: 'self', href: `${ctx.origin}/heat-api/v1/` }],
  })
  const service: ServiceModule = {
    type: 'orchestration',
    name: 'heat',
    prefix,
    routes: heatRoutes(runtime),
    errorReply: heatError,
    root: (ctx) => json(300, { versions: [version(ctx)] }),
    versionsRoot: { path: '/heat-api', handler: (ctx) => json(300, { versions: [version(ctx)] }) },
  }
  const control: HeatControl = {
    settings,
    failResource: (stack, resource, reason, opts = {}) => {
      const fault: ResourceFault = {
        stack,
        resource,
        reason: reason ?? `Injected failure of ${resource}`,
        action: opts.action ?? 'CREATE',
        left: opts.times ?? Number.POSITIVE_INFINITY,
        hits: 0,
      }
      faults.push(fault)
      return {
        hits: () => fault.hits,
        remove: () => {
          const i = faults.indexOf(fault)
          if (i >= 0) faults.splice(i, 1)
        },
      }
    },
    clear: () => {
      faults.length = 0
    },
  }
  return { service, control }
}
