import { ConfigError } from '../errors/errors.js'
import { registerSecret } from '../errors/redact.js'
import { asString, configErrorAt, type Layer, present, type Sourced } from './layer.js'
import type { AuthOptions, AuthType } from './types.js'

/** Auth plugins `loadCloudConfig` accepts (keystoneauth1 names). */
export const SUPPORTED_AUTH_TYPES: readonly AuthType[] = [
  'password',
  'v3password',
  'token',
  'v3token',
  'v3applicationcredential',
  'applicationcredential',
]

type StringAuthField = Exclude<keyof AuthOptions, 'unscoped'>

/** clouds.yaml `auth:` key → AuthOptions field. */
const AUTH_FIELDS = {
  auth_url: 'authUrl',
  username: 'username',
  user_id: 'userId',
  password: 'password',
  project_name: 'projectName',
  project_id: 'projectId',
  user_domain_name: 'userDomainName',
  user_domain_id: 'userDomainId',
  project_domain_name: 'projectDomainName',
  project_domain_id: 'projectDomainId',
  domain_name: 'domainName',
  domain_id: 'domainId',
  token: 'token',
  application_credential_id: 'applicationCredentialId',
  application_credential_name: 'applicationCredentialName',
  application_credential_secret: 'applicationCredentialSecret',
  trust_id: 'trustId',
} as const satisfies Record<string, StringAuthField>

type AuthKey = keyof typeof AUTH_FIELDS

/** Legacy spellings openstacksdk still maps (the canonical key wins when both are set). */
const AUTH_ALIASES: Partial<Record<string, readonly string[]>> = {
  project_name: ['tenant_name'],
  project_id: ['tenant_id'],
  token: ['auth_token'],
}

/** The OS_* variable for each auth key, to name the fix when the envvars cloud lacks one. */
const ENV_NAMES: Record<string, string> = {
  auth_url: 'OS_AUTH_URL',
  username: 'OS_USERNAME',
  user_id: 'OS_USER_ID',
  password: 'OS_PASSWORD',
  token: 'OS_TOKEN',
  application_credential_id: 'OS_APPLICATION_CREDENTIAL_ID',
  application_credential_secret: 'OS_APPLICATION_CREDENTIAL_SECRET',
  auth_type: 'OS_AUTH_TYPE',
}

const SECRET_KEYS: ReadonlySet<string> = new Set(['password', 'token', 'application_credential_secret'])

/** Where the cloud being normalised was defined, to word "missing key" errors. */
export interface CloudOrigin {
  name: string
  /** The clouds.yaml (or secure.yaml) that defines it; undefined for the envvars cloud. */
  file?: string | undefined
  /** Extra sentence for a missing auth_url (e.g. a profile that was not found). */
  authUrlHint?: string | undefined
  homeDir: string
}

/** Reads the `auth:` fields (and their legacy and top-level spellings) into AuthOptions fields. */
export function readAuth(
  layer: Layer,
  sources: Record<string, string>,
): Partial<Record<StringAuthField, string>> {
  const auth: Partial<Record<StringAuthField, string>> = {}
  for (const [key, field] of Object.entries(AUTH_FIELDS) as [AuthKey, StringAuthField][]) {
    const s = pickAuth(layer, key)
    if (!s) continue
    const value = asString(s, key)
    if (value === '') continue
    if (SECRET_KEYS.has(key)) registerSecret(value)
    auth[field] = value
    sources[`auth.${field}`] = s.source
  }
  // openstacksdk: with a project scope, domain_* is shorthand for the user's and the
  // project's domain, not a domain scope.
  if (auth.projectId || auth.projectName) {
    spreadDomain(auth, sources, 'domainId', 'domainName')
    spreadDomain(auth, sources, 'domainName', 'domainId')
  }
  // keystoneauth's default_domain_*: the user's and project's domain when not given.
  for (const [key, field, other] of [
    ['default_domain_id', 'domainId', 'domainName'],
    ['default_domain_name', 'domainName', 'domainId'],
  ] as const) {
    const s = pickAuth(layer, key)
    const value = s ? asString(s, key) : ''
    if (!s || value === '') continue
    fillDomain(auth, sources, 'user', field, other, value, s.source)
    fillDomain(auth, sources, 'project', field, other, value, s.source)
  }
  return auth
}

function spreadDomain(
  auth: Partial<Record<StringAuthField, string>>,
  sources: Record<string, string>,
  field: 'domainId' | 'domainName',
  other: 'domainId' | 'domainName',
): void {
  const value = auth[field]
  if (value === undefined) return
  const source = sources[`auth.${field}`] ?? 'default'
  fillDomain(auth, sources, 'user', field, other, value, source)
  fillDomain(auth, sources, 'project', field, other, value, source)
  delete auth[field]
  delete sources[`auth.${field}`]
}

function fillDomain(
  auth: Partial<Record<StringAuthField, string>>,
  sources: Record<string, string>,
  who: 'user' | 'project',
  field: 'domainId' | 'domainName',
  other: 'domainId' | 'domainName',
  value: string,
  source: string,
): void {
  const target = `${who}${field[0]!.toUpperCase()}${field.slice(1)}` as StringAuthField
  const sibling = `${who}${other[0]!.toUpperCase()}${other.slice(1)}` as StringAuthField
  if (auth[target] !== undefined || auth[sibling] !== undefined) return
  auth[target] = value
  sources[`auth.${target}`] = source
}

/** First non-empty value among the key and its aliases, in `auth:` then at the cloud's top level. */
function pickAuth(layer: Layer, key: string): Sourced | undefined {
  const names = [key, ...(AUTH_ALIASES[key] ?? [])]
  for (const map of [layer.auth, layer.top]) {
    for (const name of names) {
      const s = map.get(name)
      if (s && s.value !== null && s.value !== undefined && s.value !== '') return s
    }
  }
  return undefined
}

/**
 * openstacksdk formats auth_url with the cloud's other settings, so a profile can say
 * `https://identity.{region_name}.example.com/v3`.
 */
export function expandAuthUrl(authUrl: string, layer: Layer): string {
  if (!authUrl.includes('{')) return authUrl
  return authUrl.replace(/\{([A-Za-z0-9_]+)\}/g, (_match, key: string) => {
    const s = present(layer.top.get(key))
    if (s && (typeof s.value === 'string' || typeof s.value === 'number')) return String(s.value)
    throw configErrorAt(
      pickAuth(layer, 'auth_url')!,
      `auth_url refers to {${key}}, which this cloud does not set. Fix: set ${key}, or write the URL out in full`,
    )
  })
}

/** auth_url must be an http(s) URL. */
export function checkAuthUrl(authUrl: string, layer: Layer): void {
  let ok = false
  try {
    const url = new URL(authUrl)
    ok = url.protocol === 'http:' || url.protocol === 'https:'
  } catch {
    ok = false
  }
  if (!ok) {
    const s = pickAuth(layer, 'auth_url')!
    throw configErrorAt(
      s,
      `auth_url must be an http(s) URL such as https://keystone.example.com:5000/v3, not ${authUrl.includes('@') ? 'this value' : `"${authUrl}"`}. Fix: copy the Identity endpoint from your cloud's API access page`,
    )
  }
}

/** The explicit auth_type, checked, or the one the credentials imply. */
export function readAuthType(
  layer: Layer,
  auth: AuthOptions | Partial<AuthOptions>,
  sources: Record<string, string>,
): AuthType {
  const s = present(layer.top.get('auth_type')) ?? present(layer.top.get('auth_plugin'))
  if (s) {
    const value = asString(s, 'auth_type')
    if (!(SUPPORTED_AUTH_TYPES as readonly string[]).includes(value)) {
      throw configErrorAt(
        s,
        `unknown auth_type "${value}". Supported: ${SUPPORTED_AUTH_TYPES.join(', ')}. Fix: use one of those, or remove auth_type to infer it from the credentials`,
      )
    }
    sources.authType = s.source
    return value as AuthType
  }
  sources.authType = 'default'
  if (auth.applicationCredentialId || auth.applicationCredentialName || auth.applicationCredentialSecret) {
    return 'v3applicationcredential'
  }
  if (auth.token && !auth.password && !auth.username && !auth.userId) return 'token'
  return 'password'
}

export type MissingReporter = (key: string, what: string, hint?: string) => ConfigError

/** Builds "missing key" errors worded for a file cloud or the environment's cloud. */
export function missingKeyReporter(origin: CloudOrigin): MissingReporter {
  return (key, what, hint) => {
    if (!origin.file) {
      const variable = ENV_NAMES[key] ?? `OS_${key.toUpperCase()}`
      return new ConfigError(
        `the environment's cloud "${origin.name}" has no ${key} (${what}). Fix: export ${variable}, or set OS_CLOUD to a cloud from clouds.yaml${hint ? `. ${hint}` : ''}`,
        { key: variable },
      )
    }
    const where = SECRET_KEYS.has(key) ? 'clouds.yaml or secure.yaml' : 'clouds.yaml'
    return new ConfigError(
      `cloud "${origin.name}" has no ${key} (${what}). Fix: add \`${key}:\` under clouds.${origin.name}.auth in ${where}${hint ? `. ${hint}` : ''}`,
      { file: origin.file, key: `clouds.${origin.name}.auth.${key}` },
    )
  }
}

/** Checks that the credentials the auth type needs are all there. */
export function checkCredentials(
  authType: AuthType,
  auth: Partial<AuthOptions>,
  missing: MissingReporter,
): void {
  switch (authType) {
    case 'password':
    case 'v3password':
      if (!auth.username && !auth.userId) {
        throw missing('username', 'password auth needs a user: username (with user_domain_name) or user_id')
      }
      if (!auth.password) throw missing('password', 'password auth needs the password')
      return
    case 'token':
    case 'v3token':
      if (!auth.token) throw missing('token', 'token auth needs an existing Keystone token')
      return
    case 'v3applicationcredential':
    case 'applicationcredential':
      if (!auth.applicationCredentialSecret) {
        throw missing('application_credential_secret', 'application credential auth needs its secret')
      }
      if (!auth.applicationCredentialId && !auth.applicationCredentialName) {
        throw missing(
          'application_credential_id',
          'application credential auth needs the credential id (or its name)',
        )
      }
      if (!auth.applicationCredentialId && !auth.username && !auth.userId) {
        throw missing(
          'user_id',
          'an application credential given by name needs its owner: user_id, or username with user_domain_name; or give application_credential_id instead',
        )
      }
      return
  }
}
