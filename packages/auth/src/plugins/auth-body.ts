import type { AuthOptions, AuthType } from '../config/types.js'
import { ConfigError } from '../errors/errors.js'

type Json = Record<string, unknown>

/** Which plugin a config means: explicit auth type, else inferred from the credentials given. */
export function resolveAuthType(
  authType: AuthType | undefined,
  auth: AuthOptions,
): 'password' | 'token' | 'application_credential' {
  switch (authType) {
    case 'password':
    case 'v3password':
      return 'password'
    case 'token':
    case 'v3token':
      return 'token'
    case 'v3applicationcredential':
    case 'applicationcredential':
      return 'application_credential'
    case undefined:
      if (auth.applicationCredentialSecret || auth.applicationCredentialId) return 'application_credential'
      if (auth.token && !auth.password) return 'token'
      return 'password'
    default:
      throw new ConfigError(
        `unknown auth_type "${String(authType)}"; supported: password, v3password, token, v3token, v3applicationcredential, applicationcredential`,
        { key: 'auth_type' },
      )
  }
}

/** The Keystone v3 `POST /auth/tokens` body for a plugin and its options. */
export function buildAuthBody(authType: AuthType | undefined, auth: AuthOptions): { auth: Json } {
  const method = resolveAuthType(authType, auth)
  const identity = buildIdentity(method, auth)
  // Keystone refuses an explicit scope on application-credential auth: the credential carries it.
  const scope = method === 'application_credential' ? undefined : buildScope(auth)
  return { auth: scope ? { identity, scope } : { identity } }
}

function buildIdentity(method: ReturnType<typeof resolveAuthType>, auth: AuthOptions): Json {
  if (method === 'password') {
    if (!auth.password)
      throw new ConfigError('password auth needs a password (auth.password / OS_PASSWORD)', {
        key: 'auth.password',
      })
    return {
      methods: ['password'],
      password: { user: { ...userRef(auth, 'auth.username'), password: auth.password } },
    }
  }
  if (method === 'token') {
    if (!auth.token)
      throw new ConfigError('token auth needs a token (auth.token / OS_TOKEN)', { key: 'auth.token' })
    return { methods: ['token'], token: { id: auth.token } }
  }
  if (!auth.applicationCredentialSecret) {
    throw new ConfigError(
      'application credential auth needs its secret (auth.application_credential_secret / OS_APPLICATION_CREDENTIAL_SECRET)',
      { key: 'auth.application_credential_secret' },
    )
  }
  let credential: Json
  if (auth.applicationCredentialId) {
    credential = { id: auth.applicationCredentialId, secret: auth.applicationCredentialSecret }
  } else if (auth.applicationCredentialName) {
    credential = {
      name: auth.applicationCredentialName,
      secret: auth.applicationCredentialSecret,
      user: userRef(auth, 'auth.username'),
    }
  } else {
    throw new ConfigError(
      'application credential auth needs application_credential_id, or application_credential_name with the owning user',
      { key: 'auth.application_credential_id' },
    )
  }
  return { methods: ['application_credential'], application_credential: credential }
}

function userRef(auth: AuthOptions, key: string): Json {
  if (auth.userId) return { id: auth.userId }
  if (!auth.username)
    throw new ConfigError('a user is needed: set username (OS_USERNAME) or user_id (OS_USER_ID)', { key })
  const domain = domainRef(auth.userDomainId ?? auth.domainId, auth.userDomainName ?? auth.domainName)
  if (!domain) {
    throw new ConfigError(
      'username needs its domain: set user_domain_name (OS_USER_DOMAIN_NAME), usually "Default", or user_domain_id',
      { key: 'auth.user_domain_name' },
    )
  }
  return { name: auth.username, domain }
}

function buildScope(auth: AuthOptions): Json | undefined {
  if (auth.unscoped) return undefined
  if (auth.trustId) return { 'OS-TRUST:trust': { id: auth.trustId } }
  if (auth.projectId) return { project: { id: auth.projectId } }
  if (auth.projectName) {
    const domain = domainRef(auth.projectDomainId ?? auth.domainId, auth.projectDomainName ?? auth.domainName)
    if (!domain) {
      throw new ConfigError(
        'project_name needs its domain: set project_domain_name (OS_PROJECT_DOMAIN_NAME), usually "Default", or project_domain_id',
        { key: 'auth.project_domain_name' },
      )
    }
    return { project: { name: auth.projectName, domain } }
  }
  const domain = domainRef(auth.domainId, auth.domainName)
  return domain ? { domain } : undefined
}

function domainRef(id: string | undefined, name: string | undefined): Json | undefined {
  if (id) return { id }
  if (name) return { name }
  return undefined
}
