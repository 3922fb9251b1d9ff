import { type CapturedRequest, mockIdentity } from '@magnum-ts/testing'
import type { HttpHandler } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll } from 'vitest'

export const NEUTRON = 'http://neutron.test:9696'
export const OCTAVIA = 'http://octavia.test:9876'
export const CINDER_ROOT = 'http://cinder.test:8776'

/**
 * A mock Keystone with Neutron, Octavia and Cinder (3.0–3.71, project in the URL) in the
 * catalog, an msw server, and a log of every request that reached a service handler.
 */
export function setup(options: { services?: Record<string, string> } = {}) {
  const identity = mockIdentity({
    services: {
      network: NEUTRON,
      'load-balancer': OCTAVIA,
      'block-storage': `${CINDER_ROOT}/v3/%(project_id)s`,
      ...options.services,
    },
    versions: { 'block-storage': { min: '3.0', max: '3.71' } },
  })
  const server = setupServer(...identity.handlers)
  const seen: CapturedRequest[] = []
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  afterEach(() => {
    server.resetHandlers()
    seen.length = 0
  })
  afterAll(() => server.close())
  return {
    identity,
    /** Cinder's endpoint with the project id filled in. */
    cinder: `${CINDER_ROOT}/v3/${identity.projectId}`,
    server,
    seen,
    session: () => identity.session(),
    /** Installs handlers for this test. */
    use: (...handlers: HttpHandler[]) => server.use(...handlers),
  }
}

export {
  type CapturedRequest as Seen,
  captureRequest as record,
  openstackJson as json,
} from '@magnum-ts/testing'
