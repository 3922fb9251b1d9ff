/**
 * `clusters.config` options on the fake cloud: `outputCerts` writes python-magnumclient's
 * ca.pem / cert.pem / key.pem next to the driver's files, `force` guards every file, and
 * `useKeystone` hands the driver the caller's Keystone facts.
 */
import { execFileSync } from 'node:child_process'
import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  CERT_FILE_NAMES,
  type Cluster,
  ClusterConfigExistsError,
  type ClusterConfigRequest,
  type ClusterDriver,
} from '@magnum-ts/core'
import { afterEach, describe, expect, it } from 'vitest'
import { pipelineOnFakeCloud, templateInput, testDriver } from './support.js'

/** A k8s-like driver that writes only `config` and records what it was asked. */
function kubeconfigDriver() {
  const requests: (ClusterConfigRequest | undefined)[] = []
  const driver: ClusterDriver = {
    ...testDriver,
    name: 'test_vm_fedora_atomic_kubeconfig',
    clusterConfig(cluster, credentials, request) {
      requests.push(request)
      return {
        files: { config: `server: ${cluster.apiAddress}\nca: ${credentials.ca.length}\n` },
        env: { KUBECONFIG: 'config' },
      }
    },
  }
  return { driver, requests }
}

async function readyCluster() {
  const { driver, requests } = kubeconfigDriver()
  const fixture = await pipelineOnFakeCloud({ drivers: [driver] })
  const template = await fixture.magnum.clusterTemplates.create(templateInput)
  const created = await fixture.magnum.clusters.create({ name: 'cfg', clusterTemplateId: template.uuid })
  const cluster = (await fixture.magnum.clusters.waitFor(created.uuid, 'CREATE_COMPLETE', {
    intervalMs: 5,
  })) as Cluster
  return { ...fixture, cluster, requests }
}

const dirs: string[] = []
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'magnum-ts-config-options-'))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('clusters.config options', () => {
  it('outputCerts writes ca.pem, cert.pem and key.pem (0600) beside the kubeconfig; the cert verifies', async () => {
    const { magnum, cluster } = await readyCluster()
    const dir = tempDir()
    const config = await magnum.clusters.config(cluster.uuid, { dir, outputCerts: true })
    expect(Object.keys(config.files).sort()).toEqual(['ca.pem', 'cert.pem', 'config', 'key.pem'])
    expect(CERT_FILE_NAMES).toEqual({ ca: 'ca.pem', cert: 'cert.pem', key: 'key.pem' })
    for (const name of ['ca.pem', 'cert.pem', 'key.pem', 'config']) {
      expect(statSync(join(dir, name)).mode & 0o777).toBe(0o600)
    }
    const ca = join(dir, 'ca.pem')
    const cert = join(dir, 'cert.pem')
    expect(execFileSync('openssl', ['verify', '-CAfile', ca, cert], { encoding: 'utf8' })).toContain(': OK')
    const x509 = new X509Certificate(readFileSync(cert))
    expect(x509.subject).toContain('CN=admin')
    expect(x509.subject).toContain('O=system:masters')
    // key.pem is the private key of cert.pem.
    const publicFromKey = createPublicKey(createPrivateKey(readFileSync(join(dir, 'key.pem'))))
    expect(publicFromKey.export({ format: 'der', type: 'spki' })).toEqual(
      x509.publicKey.export({ format: 'der', type: 'spki' }),
    )
    expect(config.env.KUBECONFIG).toBe(join(dir, 'config'))
  })

  it('without outputCerts only the driver’s files are written', async () => {
    const { magnum, cluster } = await readyCluster()
    const dir = tempDir()
    const config = await magnum.clusters.config(cluster.uuid, { dir })
    expect(Object.keys(config.files)).toEqual(['config'])
    expect(existsSync(join(dir, 'ca.pem'))).toBe(false)
  })

  it('refuses to overwrite any of the files without force, writing none; force replaces them', async () => {
    const { magnum, cluster } = await readyCluster()
    const dir = tempDir()
    writeFileSync(join(dir, 'key.pem'), 'my own key')
    const error = await magnum.clusters
      .config(cluster.uuid, { dir, outputCerts: true })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ClusterConfigExistsError)
    expect((error as ClusterConfigExistsError).path).toBe(join(dir, 'key.pem'))
    expect((error as Error).message).toContain('force')
    expect(readFileSync(join(dir, 'key.pem'), 'utf8')).toBe('my own key')
    expect(existsSync(join(dir, 'config'))).toBe(false)
    expect(existsSync(join(dir, 'cert.pem'))).toBe(false)

    await magnum.clusters.config(cluster.uuid, { dir, outputCerts: true, force: true })
    const first = readFileSync(join(dir, 'cert.pem'), 'utf8')
    expect(readFileSync(join(dir, 'key.pem'), 'utf8')).toContain('PRIVATE KEY')
    await magnum.clusters.config(cluster.uuid, { dir, outputCerts: true, force: true })
    // A fresh key and certificate every time, as python-magnumclient.
    expect(readFileSync(join(dir, 'cert.pem'), 'utf8')).not.toBe(first)
  })

  it('useKeystone gives the driver the public identity endpoint and the caller’s scope', async () => {
    const { magnum, cluster, requests, session, cloud } = await readyCluster()
    await magnum.clusters.config(cluster.uuid, { useKeystone: true })
    const context = await session.context()
    expect(requests.at(-1)).toEqual({
      useKeystone: true,
      keystone: {
        authUrl: await session.endpoint('identity', { interface: 'public' }),
        projectId: context.projectId,
        projectName: 'demo',
        domainName: 'Default',
        userName: 'demo',
        regionName: session.config.regionName,
      },
    })
    expect(requests.at(-1)?.keystone?.authUrl).toContain(cloud.origin)
    await magnum.clusters.config(cluster.uuid)
    expect(requests.at(-1)).toEqual({})
  })
})
