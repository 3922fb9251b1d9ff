import { emptyLayer, type Layer } from './layer.js'

type Env = Record<string, string | undefined>

/** OS_* variables that go into the `auth:` block, with their clouds.yaml key. */
const AUTH_VARIABLES: Record<string, string> = {
  OS_AUTH_URL: 'auth_url',
  OS_USERNAME: 'username',
  OS_USER_ID: 'user_id',
  OS_PASSWORD: 'password',
  OS_PROJECT_NAME: 'project_name',
  OS_PROJECT_ID: 'project_id',
  OS_TENANT_NAME: 'tenant_name',
  OS_TENANT_ID: 'tenant_id',
  OS_USER_DOMAIN_NAME: 'user_domain_name',
  OS_USER_DOMAIN_ID: 'user_domain_id',
  OS_PROJECT_DOMAIN_NAME: 'project_domain_name',
  OS_PROJECT_DOMAIN_ID: 'project_domain_id',
  OS_DOMAIN_NAME: 'domain_name',
  OS_DOMAIN_ID: 'domain_id',
  OS_DEFAULT_DOMAIN_NAME: 'default_domain_name',
  OS_DEFAULT_DOMAIN_ID: 'default_domain_id',
  OS_TOKEN: 'token',
  OS_AUTH_TOKEN: 'auth_token',
  OS_APPLICATION_CREDENTIAL_ID: 'application_credential_id',
  OS_APPLICATION_CREDENTIAL_NAME: 'application_credential_name',
  OS_APPLICATION_CREDENTIAL_SECRET: 'application_credential_secret',
  OS_TRUST_ID: 'trust_id',
}

/** OS_* variables that set top-level cloud keys. */
const CLOUD_VARIABLES: Record<string, string> = {
  OS_AUTH_TYPE: 'auth_type',
  OS_REGION_NAME: 'region_name',
  OS_INTERFACE: 'interface',
  OS_ENDPOINT_TYPE: 'endpoint_type',
  OS_CACERT: 'cacert',
  OS_CERT: 'cert',
  OS_KEY: 'key',
  OS_INSECURE: 'insecure',
}

/** `OS_COMPUTE_API_VERSION`, `OS_LOAD_BALANCER_ENDPOINT_OVERRIDE`, … */
const PER_SERVICE = /^OS_([A-Z0-9_]+)_(API_VERSION|ENDPOINT_OVERRIDE)$/

/**
 * Variables that apply to a cloud chosen from clouds.yaml too (as the `openstack` CLI does):
 * they pick a region, an interface or TLS files without changing whose credentials are used.
 */
export const OVERRIDE_KEYS = [
  'region_name',
  'interface',
  'endpoint_type',
  'cacert',
  'cert',
  'key',
  'insecure',
] as const

/** Every OS_* variable we understand, as a layer (empty values count as unset). */
export function envLayer(env: Env, cwd: string): Layer {
  const layer = emptyLayer()
  for (const [name, raw] of Object.entries(env)) {
    if (!raw || !name.startsWith('OS_')) continue
    const entry = { value: raw, source: `env:${name}`, dir: cwd, key: name }
    const authKey = AUTH_VARIABLES[name]
    if (authKey) {
      layer.auth.set(authKey, entry)
      continue
    }
    const cloudKey = CLOUD_VARIABLES[name]
    if (cloudKey) {
      layer.top.set(cloudKey, entry)
      continue
    }
    const perService = PER_SERVICE.exec(name)
    if (perService?.[1] && perService[2]) {
      layer.top.set(`${perService[1].toLowerCase()}_${perService[2].toLowerCase()}`, entry)
    }
  }
  return layer
}

/**
 * True when the environment describes a cloud of its own (the `envvars` cloud): some
 * credential or auth variable is set. Selectors and behaviour switches alone
 * (OS_CLOUD, OS_REGION_NAME, OS_INTERFACE, OS_CACERT, …) do not make a cloud.
 */
export function hasEnvCloud(env: Env): boolean {
  return Object.keys(AUTH_VARIABLES).some((name) => Boolean(env[name])) || Boolean(env.OS_AUTH_TYPE)
}

/** The name of the environment's cloud: OS_CLOUD_NAME, else `envvars`. */
export function envCloudName(env: Env): string {
  return env.OS_CLOUD_NAME || 'envvars'
}
