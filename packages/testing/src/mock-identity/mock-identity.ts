import { createSession, type Session, type SessionOptions } from '@magnum-ts/auth'
import { type MockIdentityOptions, type MockKeystone, mockCredentials, mockKeystone } from './handlers.js'

export interface MockIdentity extends MockKeystone {
  /** A real `Session` (from `@magnum-ts/auth`) that authenticates as demo/secret against these handlers. */
  session(options?: SessionOptions): Session
}

/**
 * A minimal Keystone for unit tests: issues a token with a catalog of the given services and
 * serves their version documents, so a `Session` can authenticate and negotiate microversions.
 *
 * @example
 * const identity = mockIdentity({ services: { compute: 'http://nova.test/v2.1' } })
 * const server = setupServer(...identity.handlers)
 * const session = identity.session()
 */
export function mockIdentity(options: MockIdentityOptions = {}): MockIdentity {
  const keystone = mockKeystone(options)
  return {
    ...keystone,
    session: (sessionOptions) =>
      createSession(
        {
          auth: {
            authUrl: keystone.authUrl,
            username: mockCredentials.username,
            password: mockCredentials.password,
            projectName: mockCredentials.projectName,
            userDomainName: 'Default',
            projectDomainName: 'Default',
          },
        },
        sessionOptions,
      ),
  }
}
