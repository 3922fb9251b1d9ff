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

/**
 * The clouds.yaml the demo and the CLI's tests use against a fake cloud at `origin`: `fake`
 * (the demo user), `fake-admin` (the admin) and `fake-trustee` (Magnum's trustee domain admin).
 */
export function fakeCloudsYaml(origin: string): string {
  const auth_url = `${origin}/identity/v3`
  const user = (name: string) => ({
    auth: {
      auth_url,
      username: name,
      password: 'secret',
      project_name: name,
      user_domain_name: 'Default',
      project_domain_name: 'Default',
    },
    region_name: 'RegionOne',
  })
  return stringify({
    clouds: {
      fake: user('demo'),
      'fake-admin': user('admin'),
      'fake-trustee': {
        auth: {
          auth_url,
          username: 'magnum_domain_admin',
          password: 'secret',
          user_domain_name: 'magnum',
          domain_name: 'magnum',
        },
        region_name: 'RegionOne',
      },
    },
  })
}
