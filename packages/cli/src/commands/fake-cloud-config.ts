import type { CloudConfig } from '@magnum-ts/auth'
import { stringify } from 'yaml'

/** A clouds.yaml document with one cloud, in the snake_case keys the openstack CLI reads. */
export function cloudsYamlFor(name: string, config: CloudConfig): string {
  const a = config.auth
  const auth = Object.fromEntries(
    Object.entries({
      auth_url: a.authUrl,
      username: a.username,
      password: a.password,
      project_name: a.projectName,
      user_domain_name: a.userDomainName,
      project_domain_name: a.projectDomainName,
    }).filter(([, v]) => v !== undefined),
  )
  return stringify({
    clouds: { [name]: { auth, region_name: config.regionName ?? 'RegionOne', interface: 'public' } },
  })
}

/** The same cloud as `export OS_*=…` lines. */
export function osEnvFor(config: CloudConfig): string {
  const a = config.auth
  const vars: Record<string, string | undefined> = {
    OS_AUTH_URL: a.authUrl,
    OS_USERNAME: a.username,
    OS_PASSWORD: a.password,
    OS_PROJECT_NAME: a.projectName,
    OS_USER_DOMAIN_NAME: a.userDomainName,
    OS_PROJECT_DOMAIN_NAME: a.projectDomainName,
    OS_REGION_NAME: config.regionName ?? 'RegionOne',
  }
  return Object.entries(vars)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `export ${k}=${v}`)
    .join('\n')
    .concat('\n')
}
