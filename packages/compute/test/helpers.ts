import { type CapturedRequest, mockIdentity } from '@magnum-ts/testing'
import type { HttpHandler } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll } from 'vitest'

export const NOVA = 'http://nova.test/v2.1'
export const GLANCE = 'http://glance.test'

/**
 * A mock Keystone with Nova (2.1–2.90) and Glance in the catalog, an msw server, and a log
 * of every request that reached a service handler (Keystone and version documents excluded).
 */
export function setup(options: { computeMax?: string; services?: Record<string, string> } = {}) {
  const identity = mockIdentity({
    services: { compute: NOVA, image: GLANCE, ...options.services },
    versions: { compute: { min: '2.1', max: options.computeMax ?? '2.90' } },
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
