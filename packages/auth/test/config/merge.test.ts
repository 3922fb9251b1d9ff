import { join } from 'node:path'
import { ConfigError, loadCloudConfig } from '@magnum-ts/auth'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { makeTree, passwordCloud, type TempTree } from './tmp.js'

let tree: TempTree
beforeEach(async () => {
  tree = await makeTree()
})
afterEach(async () => {
  await tree.remove()
})

const load = (env: Record<string, string> = {}, extra: Parameters<typeof loadCloudConfig>[0] = {}) =>
  loadCloudConfig({ env, cwd: tree.cwd, homeDir: tree.home, searchPath: [tree.cwd], ...extra })

describe('secure.yaml', () => {
  it('is merged over clouds.yaml key by key, inside auth too', async () => {
    const clouds = await tree.write('work/clouds.yaml', {
      clouds: {
        mycloud: {
          region_name: 'RegionOne',
          auth: {
            auth_url: 'https://k.example.com/v3',
            username: 'demo',
            project_name: 'p',
            user_domain_name: 'Default',
          },
        },
      },
    })
    const secure = await tree.write('work/secure.yaml', {
      clouds: { mycloud: { region_name: 'RegionTwo', auth: { password: 's3cret-pass' } } },
    })
    const config = await load({ OS_CLOUD: 'mycloud' })
    expect(config.auth).toMatchObject({
      authUrl: 'https://k.example.com/v3',
      username: 'demo',
      password: 's3cret-pass',
    })
    expect(config.regionName).toBe('RegionTwo')
    expect(config.sources).toMatchObject({
      'auth.authUrl': clouds,
      'auth.password': secure,
      regionName: secure,
    })
  })
})

describe('profiles from clouds-public.yaml', () => {
  beforeEach(async () => {
    await tree.write('work/clouds-public.yaml', {
      'public-clouds': {
        acme: {
          auth: { auth_url: 'https://identity.acme.example/v3', user_domain_name: 'acme-users' },
          region_name: ['acme-east', 'acme-west'],
          interface: 'internal',
          compute_api_version: '2.60',
        },
      },
    })
  })

  it('fills what the cloud leaves out, and the cloud wins where both set a key', async () => {
    const vendor = join(tree.cwd, 'clouds-public.yaml')
    await tree.write('work/clouds.yaml', {
      clouds: {
        mine: {
          profile: 'acme',
          interface: 'public',
          auth: { username: 'u', password: 'pw-1234', project_id: 'p1', user_domain_name: 'mine' },
        },
      },
    })
    const config = await load({ OS_CLOUD: 'mine' })
    expect(config.auth.authUrl).toBe('https://identity.acme.example/v3')
    expect(config.auth.userDomainName).toBe('mine')
    expect(config.interface).toBe('public')
    expect(config.regionName).toBe('acme-east')
    expect(config.apiVersions).toEqual({ compute: '2.60' })
    expect(config.sources?.['auth.authUrl']).toBe(vendor)
    expect(config.sources?.regionName).toBe(vendor)
  })

  it('formats {region_name} in a profile auth_url with the chosen region', async () => {
    await tree.write('work/clouds-public.yaml', {
      'public-clouds': {
        zoned: { auth: { auth_url: 'https://identity.{region_name}.example/v3' }, regions: ['de', 'fr'] },
      },
    })
    await tree.write('work/clouds.yaml', {
      clouds: { z: { profile: 'zoned', auth: { user_id: 'u', password: 'pw-1234' } } },
    })
    expect((await load()).auth.authUrl).toBe('https://identity.de.example/v3')
    expect((await load({ OS_REGION_NAME: 'fr' })).auth.authUrl).toBe('https://identity.fr.example/v3')
  })

  it('accepts the legacy `cloud:` key for the profile', async () => {
    await tree.write('work/clouds.yaml', {
      clouds: { old: { cloud: 'acme', auth: { username: 'u', password: 'pw-1234' } } },
    })
    expect((await load({ OS_CLOUD: 'old' })).auth.authUrl).toBe('https://identity.acme.example/v3')
  })

  it('names the missing profile when the cloud then has no auth_url', async () => {
    await tree.write('work/clouds.yaml', {
      clouds: { c: { profile: 'nosuch', auth: { username: 'u', password: 'pw-1234' } } },
    })
    const error = await load({ OS_CLOUD: 'c' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as Error).message).toMatch(/no auth_url.*profile "nosuch"/)
  })

  it('is ignored when missing but the cloud is complete (as openstacksdk, which only warns)', async () => {
    await tree.write('work/clouds.yaml', { clouds: { c: passwordCloud({ profile: 'nosuch' }) } })
    expect((await load()).auth.authUrl).toBe('https://keystone.example.com:5000/v3')
  })
})

describe('regions', () => {
  it('takes the first region of a list, or the one OS_REGION_NAME picks from it', async () => {
    await tree.write('work/clouds.yaml', { clouds: { c: passwordCloud({ region_name: ['r1', 'r2'] }) } })
    expect((await load()).regionName).toBe('r1')
    const picked = await load({ OS_REGION_NAME: 'r2' })
    expect(picked.regionName).toBe('r2')
    expect(picked.sources?.regionName).toBe('env:OS_REGION_NAME')
  })

  it('rejects an OS_REGION_NAME that is not in the list, listing the valid ones', async () => {
    await tree.write('work/clouds.yaml', { clouds: { c: passwordCloud({ region_name: ['r1', 'r2'] }) } })
    const error = await load({ OS_REGION_NAME: 'R2' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ConfigError)
    expect(error).toMatchObject({ key: 'OS_REGION_NAME' })
    expect((error as Error).message).toContain('r1, r2')
  })

  it('lets OS_REGION_NAME replace a single region and the regionName option beat OS_REGION_NAME', async () => {
    await tree.write('work/clouds.yaml', { clouds: { c: passwordCloud({ region_name: 'r1' }) } })
    await expect(load({ OS_REGION_NAME: 'r9' })).rejects.toThrow(/region "r9" is not one of/)
    await tree.write('work/clouds.yaml', { clouds: { c: passwordCloud() } })
    expect((await load({ OS_REGION_NAME: 'r9' })).regionName).toBe('r9')
    expect((await load({ OS_REGION_NAME: 'r9' }, { regionName: 'r7' })).regionName).toBe('r7')
    await tree.write('work/clouds.yaml', { clouds: { c: passwordCloud({ region_name: 'r1' }) } })
    await expect(load({}, { regionName: 'r7' })).rejects.toMatchObject({
      file: undefined,
      key: 'regionName option',
    })
  })

  it('splits a comma list and applies per-region values from `regions:`', async () => {
    await tree.write('work/clouds.yaml', { clouds: { c: passwordCloud({ region_name: 'a, b' }) } })
    expect((await load({ OS_REGION_NAME: 'b' })).regionName).toBe('b')
    await tree.write('work/clouds.yaml', {
      clouds: {
        c: passwordCloud({
          regions: [
            'east',
            { name: 'west', values: { compute_endpoint_override: 'https://nova-west.example/v2.1' } },
          ],
        }),
      },
    })
    expect((await load()).endpointOverrides).toBeUndefined()
    expect((await load({ OS_REGION_NAME: 'west' })).endpointOverrides).toEqual({
      compute: 'https://nova-west.example/v2.1',
    })
  })
})

describe('OS_* variables with a cloud from clouds.yaml', () => {
  it('override interface and TLS settings but never the credentials', async () => {
    await tree.write('work/clouds.yaml', {
      clouds: { c: passwordCloud({ interface: 'public', verify: false }) },
    })
    const config = await load({
      OS_CLOUD: 'c',
      OS_ENDPOINT_TYPE: 'internalURL',
      OS_CACERT: 'ca.pem',
      OS_PASSWORD: 'leftover-from-openrc',
      OS_PROJECT_NAME: 'other-project',
      OS_AUTH_URL: 'https://other.example.com/v3',
    })
    expect(config.interface).toBe('internal')
    expect(config.sources?.interface).toBe('env:OS_ENDPOINT_TYPE')
    expect(config.cacert).toBe(join(tree.cwd, 'ca.pem'))
    expect(config.insecure).toBeUndefined()
    expect(config.auth.password).toBe('hunter2-secret')
    expect(config.auth.projectName).toBe('demo')
    expect(config.auth.authUrl).toBe('https://keystone.example.com:5000/v3')
  })

  it('OS_INTERFACE wins over OS_ENDPOINT_TYPE, and OS_INSECURE over verify', async () => {
    await tree.write('work/clouds.yaml', { clouds: { c: passwordCloud({ verify: true }) } })
    const config = await load({ OS_INTERFACE: 'admin', OS_ENDPOINT_TYPE: 'internalURL', OS_INSECURE: 'true' })
    expect(config.interface).toBe('admin')
    expect(config.insecure).toBe(true)
    expect(config.sources?.insecure).toBe('env:OS_INSECURE')
  })
})

describe('clouds.yaml keys', () => {
  it('reads per-service overrides and microversions, keeping the written text of numbers', async () => {
    await tree.write(
      'work/clouds.yaml',
      [
        'clouds:',
        '  c:',
        '    auth: {auth_url: "https://k.example/v3", user_id: "abc", password: "pw-1234", project_id: 1234}',
        '    compute_api_version: 2.60',
        '    container-infra_api_version: 1.10',
        '    identity_api_version: 3',
        '    load_balancer_endpoint_override: https://octavia.example/',
        '    volume_endpoint_override: https://cinder.example/v3/%(project_id)s',
        '    endpoint_type: adminURL',
        '',
      ].join('\n'),
    )
    const config = await load()
    expect(config.apiVersions).toEqual({ compute: '2.60', 'container-infra': '1.10' })
    expect(config.endpointOverrides).toEqual({
      'load-balancer': 'https://octavia.example/',
      volume: 'https://cinder.example/v3/%(project_id)s',
    })
    expect(config.auth.projectId).toBe('1234')
    expect(config.interface).toBe('admin')
  })

  it('maps tenant_* to project_*, auth_plugin to auth_type and spreads domain_* over user and project', async () => {
    await tree.write('work/clouds.yaml', {
      clouds: {
        c: {
          auth_plugin: 'v3password',
          auth: {
            'auth-url': 'https://k.example/v3',
            username: 'u',
            password: 'pw-1234',
            tenant_name: 'legacy',
            domain_name: 'corp',
          },
        },
      },
    })
    const config = await load()
    expect(config.authType).toBe('v3password')
    expect(config.auth).toEqual({
      authUrl: 'https://k.example/v3',
      username: 'u',
      password: 'pw-1234',
      projectName: 'legacy',
      userDomainName: 'corp',
      projectDomainName: 'corp',
    })
  })

  it('keeps domain_* as a domain scope when no project is given', async () => {
    await tree.write('work/clouds.yaml', {
      clouds: {
        c: {
          auth: { auth_url: 'https://k.example/v3', user_id: 'u1', password: 'pw-1234', domain_id: 'd1' },
        },
      },
    })
    expect((await load()).auth).toMatchObject({ domainId: 'd1' })
  })

  it('infers the auth type from the credentials and defaults interface to public', async () => {
    await tree.write('work/clouds.yaml', {
      clouds: {
        pw: passwordCloud(),
        appcred: {
          auth: {
            auth_url: 'https://k.example/v3',
            application_credential_id: 'ac1',
            application_credential_secret: 'acsecret',
          },
        },
        tok: { auth: { auth_url: 'https://k.example/v3', token: 'gAAAAA-token', project_id: 'p' } },
      },
    })
    const pw = await load({ OS_CLOUD: 'pw' })
    expect([pw.authType, pw.interface, pw.sources?.authType, pw.sources?.interface]).toEqual([
      'password',
      'public',
      'default',
      'default',
    ])
    expect((await load({ OS_CLOUD: 'appcred' })).authType).toBe('v3applicationcredential')
    expect((await load({ OS_CLOUD: 'tok' })).authType).toBe('token')
  })
})
