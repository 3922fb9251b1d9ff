import { join } from 'node:path'
import { ConfigError, listClouds, loadCloudConfig } from '@magnum-ts/auth'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { defaultSearchPath } from '../../src/config/files.js'
import { makeTree, passwordCloud, type TempTree } from './tmp.js'

let tree: TempTree
beforeEach(async () => {
  tree = await makeTree()
})
afterEach(async () => {
  await tree.remove()
})

/** A cloud whose auth_url says which file it came from. */
function marked(marker: string) {
  return { clouds: { mycloud: passwordCloud({}, { auth_url: `https://${marker}.example.com/v3` }) } }
}

describe('defaultSearchPath', () => {
  it('is cwd, $XDG_CONFIG_HOME/openstack, ~/.config/openstack, XDG system dirs, /etc/openstack', () => {
    expect(
      defaultSearchPath({
        cwd: '/w',
        homeDir: '/home/u',
        env: { XDG_CONFIG_HOME: '/xdg', XDG_CONFIG_DIRS: '/a:/b' },
      }),
    ).toEqual([
      '/w',
      '/xdg/openstack',
      '/home/u/.config/openstack',
      '/a/openstack',
      '/b/openstack',
      '/etc/openstack',
    ])
  })

  it('uses /etc/xdg when XDG_CONFIG_DIRS is unset and $SNAP_REAL_HOME for snaps', () => {
    expect(
      defaultSearchPath({ cwd: '/w', homeDir: '/snap/home', env: { SNAP_REAL_HOME: '/home/real' } }),
    ).toEqual(['/w', '/home/real/.config/openstack', '/etc/xdg/openstack', '/etc/openstack'])
  })
})

describe('file lookup order', () => {
  it('prefers the working directory over $XDG_CONFIG_HOME over ~/.config/openstack', async () => {
    await tree.write('home/.config/openstack/clouds.yaml', marked('home'))
    await tree.write('xdg/openstack/clouds.yaml', marked('xdg'))
    const env = { OS_CLOUD: 'mycloud', XDG_CONFIG_HOME: join(tree.root, 'xdg') }
    const base = { env, cwd: tree.cwd, homeDir: tree.home }

    expect((await loadCloudConfig(base)).auth.authUrl).toBe('https://xdg.example.com/v3')
    await tree.write('work/clouds.yaml', marked('cwd'))
    const config = await loadCloudConfig(base)
    expect(config.auth.authUrl).toBe('https://cwd.example.com/v3')
    expect(config.sources?.['auth.authUrl']).toBe(join(tree.cwd, 'clouds.yaml'))
  })

  it('falls back to ~/.config/openstack when $XDG_CONFIG_HOME has no file', async () => {
    await tree.write('home/.config/openstack/clouds.yml', marked('home'))
    const config = await loadCloudConfig({
      env: { OS_CLOUD: 'mycloud', XDG_CONFIG_HOME: join(tree.root, 'empty') },
      cwd: tree.cwd,
      homeDir: tree.home,
    })
    expect(config.auth.authUrl).toBe('https://home.example.com/v3')
  })

  it('uses only the first file found: a later directory never fills gaps', async () => {
    await tree.write('a/clouds.yaml', { clouds: { first: passwordCloud() } })
    await tree.write('b/clouds.yaml', { clouds: { second: passwordCloud() } })
    const names = await listClouds({
      env: {},
      cwd: tree.cwd,
      searchPath: [join(tree.root, 'a'), join(tree.root, 'b')],
    })
    expect(names).toEqual(['first'])
  })

  it('tries clouds.yaml, then clouds.yml, then clouds.json in one directory', async () => {
    const searchPath = [tree.cwd]
    await tree.write('work/clouds.json', marked('json'))
    expect((await loadCloudConfig({ env: {}, searchPath })).auth.authUrl).toBe('https://json.example.com/v3')
    await tree.write('work/clouds.yml', marked('yml'))
    expect((await loadCloudConfig({ env: {}, searchPath })).auth.authUrl).toBe('https://yml.example.com/v3')
    await tree.write('work/clouds.yaml', marked('yaml'))
    expect((await loadCloudConfig({ env: {}, searchPath })).auth.authUrl).toBe('https://yaml.example.com/v3')
  })

  it('reads OS_CLIENT_CONFIG_FILE before every directory', async () => {
    await tree.write('work/clouds.yaml', marked('cwd'))
    const file = await tree.write('elsewhere/my-clouds.yaml', marked('override'))
    const config = await loadCloudConfig({
      env: { OS_CLIENT_CONFIG_FILE: file },
      cwd: tree.cwd,
      searchPath: [tree.cwd],
    })
    expect(config.auth.authUrl).toBe('https://override.example.com/v3')
    expect(config.sources?.['auth.authUrl']).toBe(file)
  })

  it('resolves a relative OS_CLIENT_CONFIG_FILE against the working directory', async () => {
    await tree.write('work/conf/c.yaml', marked('relative'))
    const config = await loadCloudConfig({
      env: { OS_CLIENT_CONFIG_FILE: 'conf/c.yaml' },
      cwd: tree.cwd,
      searchPath: [],
    })
    expect(config.auth.authUrl).toBe('https://relative.example.com/v3')
  })

  it('the configFile option comes before OS_CLIENT_CONFIG_FILE', async () => {
    const fromEnv = await tree.write('env.yaml', marked('env'))
    const fromOption = await tree.write('option.yaml', marked('option'))
    const config = await loadCloudConfig({
      env: { OS_CLIENT_CONFIG_FILE: fromEnv },
      configFile: fromOption,
      searchPath: [],
    })
    expect(config.auth.authUrl).toBe('https://option.example.com/v3')
  })

  it('rejects an OS_CLIENT_CONFIG_FILE that does not exist instead of silently using another file', async () => {
    await tree.write('work/clouds.yaml', marked('cwd'))
    const missing = join(tree.root, 'nope.yaml')
    const error = await loadCloudConfig({
      env: { OS_CLIENT_CONFIG_FILE: missing },
      searchPath: [tree.cwd],
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ConfigError)
    expect(error).toMatchObject({ file: missing, key: 'OS_CLIENT_CONFIG_FILE' })
    expect((error as Error).message).toContain('file not found')
  })

  it('reads OS_CLIENT_SECURE_FILE before secure.yaml in the directories', async () => {
    await tree.write('work/clouds.yaml', { clouds: { mycloud: passwordCloud({}, { password: undefined }) } })
    await tree.write('work/secure.yaml', { clouds: { mycloud: { auth: { password: 'from-dir-secure' } } } })
    const secure = await tree.write('vault/secure.json', {
      clouds: { mycloud: { auth: { password: 'from-env-secure' } } },
    })
    const config = await loadCloudConfig({ env: { OS_CLIENT_SECURE_FILE: secure }, searchPath: [tree.cwd] })
    expect(config.auth.password).toBe('from-env-secure')
    expect(config.sources?.['auth.password']).toBe(secure)
  })
})

describe('listClouds', () => {
  it('lists clouds.yaml clouds, secure-only clouds, and the environment cloud', async () => {
    await tree.write('work/clouds.yaml', { clouds: { b: passwordCloud(), a: passwordCloud() } })
    await tree.write('work/secure.yaml', { clouds: { a: { auth: { password: 'x' } }, s: { auth: {} } } })
    const env = { OS_AUTH_URL: 'https://k.example.com/v3', OS_CLOUD_NAME: 'openrc' }
    expect(await listClouds({ env, searchPath: [tree.cwd] })).toEqual(['b', 'a', 's', 'openrc'])
  })

  it('is empty with no files and no OS_* credentials', async () => {
    expect(
      await listClouds({ env: { OS_REGION_NAME: 'r1', OS_INTERFACE: 'internal' }, searchPath: [tree.cwd] }),
    ).toEqual([])
  })
})

describe('cloud selection', () => {
  it('uses the only cloud when none is named', async () => {
    await tree.write('work/clouds.yaml', { clouds: { only: passwordCloud() } })
    expect((await loadCloudConfig({ env: {}, searchPath: [tree.cwd] })).name).toBe('only')
  })

  it('the cloud option beats OS_CLOUD', async () => {
    await tree.write('work/clouds.yaml', { clouds: { one: passwordCloud(), two: passwordCloud() } })
    const config = await loadCloudConfig({ cloud: 'two', env: { OS_CLOUD: 'one' }, searchPath: [tree.cwd] })
    expect(config.name).toBe('two')
  })

  it('OS_CLOUD beats the environment cloud, which beats a lone clouds.yaml cloud', async () => {
    await tree.write('work/clouds.yaml', { clouds: { filed: passwordCloud() } })
    const env = {
      OS_AUTH_URL: 'https://env.example.com/v3',
      OS_USERNAME: 'u',
      OS_PASSWORD: 'p4ssw0rd',
      OS_USER_DOMAIN_NAME: 'd',
    }
    expect((await loadCloudConfig({ env, searchPath: [tree.cwd] })).name).toBe('envvars')
    expect((await loadCloudConfig({ env: { ...env, OS_CLOUD: 'filed' }, searchPath: [tree.cwd] })).name).toBe(
      'filed',
    )
  })
})
