/** Endpoint interface names as Keystone's catalog spells them. */
export type EndpointInterface = 'public' | 'internal' | 'admin'

/** Keystone v3 auth plugins we implement (keystoneauth1 names, plus their aliases). */
export type AuthType =
  | 'password'
  | 'v3password'
  | 'token'
  | 'v3token'
  | 'v3applicationcredential'
  | 'applicationcredential'

/** The `auth:` block of a cloud, camelCased. Trust scoping = `trustId` on password or token auth. */
export interface AuthOptions {
  authUrl: string
  username?: string
  userId?: string
  password?: string
  userDomainName?: string
  userDomainId?: string
  projectName?: string
  projectId?: string
  projectDomainName?: string
  projectDomainId?: string
  /** Domain scope (or, as in openstacksdk, the default for user/project domains). */
  domainName?: string
  domainId?: string
  token?: string
  applicationCredentialId?: string
  applicationCredentialName?: string
  applicationCredentialSecret?: string
  trustId?: string
  /** Explicitly ask for an unscoped token even when a project is known. */
  unscoped?: boolean
}

/** One resolved cloud: what `loadCloudConfig` returns and `createSession` takes. */
export interface CloudConfig {
  /** The cloud's name in clouds.yaml (or "envvars" when it came from OS_* alone). */
  name?: string
  authType?: AuthType
  auth: AuthOptions
  regionName?: string
  /** Endpoint interface, `public` by default (OS_INTERFACE / OS_ENDPOINT_TYPE). */
  interface?: EndpointInterface
  /** service-type (any alias) → URL that replaces the catalog entry (`<service>_endpoint_override`). */
  endpointOverrides?: Record<string, string>
  /** service-type → microversion pin (`<service>_api_version`), e.g. { compute: '2.60' }. */
  apiVersions?: Record<string, string>
  /** PEM file of CA certificates to trust (OS_CACERT / `cacert`). */
  cacert?: string
  /** Client certificate and key files for mutual TLS (OS_CERT / OS_KEY). */
  cert?: string
  key?: string
  /** Skip TLS verification (OS_INSECURE / `verify: false`). */
  insecure?: boolean
  /** Where each value came from, for error messages: key → file path or "env:OS_…". */
  sources?: Record<string, string>
}
