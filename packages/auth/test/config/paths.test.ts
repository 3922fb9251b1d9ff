import { join } from 'node:path'
import { loadCloudConfig } from '@magnum-ts/auth'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { makeTree, passwordCloud, type TempTree } from './tmp.js'

let tree: TempTree
beforeEach(async () => {
  tree = await makeTree()
})
afterEach(async () => {
  await tree.remove()
})

describe('relative TLS paths', () => {
  it('resolve against the directory of the file that set them', async () => {
    const cloudsDir = join(tree.root, 'clouds-dir')
    const secureDir = join(tree.root, 'secure-dir')
    const vendorDir = join(tree.root, 'vendor-dir')
    const clouds = await tree.write('clouds-dir/clouds.yaml', {
      clouds: { c: passwordCloud({ profile: 'p', cert: 'certs/client.pem' }) },
    })
    const secure = await tree.write('secure-dir/secure.yaml', {
      clouds: { c: { key: '../keys/client.key' } },
    })
    const vendor = await tree.write('vendor-dir/clouds-public.yaml', {
      'public-clouds': { p: { cacert: 'ca.pem' } },
    })
    const config = await loadCloudConfig({
      env: { OS_CLIENT_CONFIG_FILE: clouds, OS_CLIENT_SECURE_FILE: secure },
      vendorFile: vendor,
      cwd: tree.cwd,
      searchPath: [],
    })
    expect(config.cert).toBe(join(cloudsDir, 'certs/client.pem'))
    expect(config.key).toBe(join(secureDir, '../keys/client.key'))
    expect(config.cacert).toBe(join(vendorDir, 'ca.pem'))
    expect(config.sources).toMatchObject({ cert: clouds, key: secure, cacert: vendor })
  })

  it('keep absolute paths, expand ~/ to the home directory, and resolve OS_* paths against cwd', async () => {
    await tree.write('work/clouds.yaml', {
      clouds: { c: passwordCloud({ cacert: '/etc/pki/ca.pem', cert: '~/tls/c.pem' }) },
    })
    const config = await loadCloudConfig({
      env: { OS_KEY: 'tls/k.pem' },
      cwd: tree.cwd,
      homeDir: tree.home,
      searchPath: [tree.cwd],
    })
    expect(config.cacert).toBe('/etc/pki/ca.pem')
    expect(config.cert).toBe(join(tree.home, 'tls/c.pem'))
    expect(config.key).toBe(join(tree.cwd, 'tls/k.pem'))
  })

  it('treat `verify: <path>` as the CA bundle and `verify: false` as insecure; cacert wins over verify', async () => {
    const load = () => loadCloudConfig({ env: {}, cwd: tree.cwd, searchPath: [tree.cwd] })
    await tree.write('work/clouds.yaml', { clouds: { c: passwordCloud({ verify: 'bundle.pem' }) } })
    expect(await load()).toMatchObject({ cacert: join(tree.cwd, 'bundle.pem') })
    await tree.write('work/clouds.yaml', {
      clouds: { c: passwordCloud({ verify: 'bundle.pem', cacert: 'ca.pem' }) },
    })
    expect((await load()).cacert).toBe(join(tree.cwd, 'ca.pem'))
    await tree.write(
      'work/clouds.yaml',
      'clouds:\n  c:\n    verify: no\n    auth: {auth_url: "https://k/v3", user_id: u, password: pw}\n',
    )
    expect((await load()).insecure).toBe(true)
    await tree.write('work/clouds.yaml', { clouds: { c: passwordCloud({ verify: false, insecure: false }) } })
    expect((await load()).insecure).toBe(false)
  })
})
