/**
 * The kubeconfig for `clusters.config`: the admin certificate variant with real certificates
 * (checked with openssl against the cluster CA), and the `useKeystone` variant whose user runs
 * client-keystone-auth.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCa, createConductorCertificate } from '@magnum-ts/certs'
import type { Cluster, ClusterCredentials } from '@magnum-ts/core'
import { KEYSTONE_EXEC_API_VERSION, k8sClusterConfig } from '@magnum-ts/driver-k8s-fedora-atomic'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'

interface Exec {
  apiVersion: string
  command: string
  args: string[]
  env: { name: string; value: string }[]
  interactiveMode: string
}

interface Kubeconfig {
  apiVersion: string
  kind: string
  'current-context': string
  contexts: { name: string; context: { cluster: string; user: string } }[]
  clusters: { name: string; cluster: { server: string; 'certificate-authority-data': string } }[]
  users: { name: string; user: Record<string, unknown> & { exec?: Exec } }[]
  preferences: Record<string, never>
}

const cluster = { name: 'prod: "k8s"', uuid: 'u-1', apiAddress: 'https://172.24.4.10:6443' } as Cluster
const keystone = {
  authUrl: 'https://keystone.example.com:5000/v3',
  projectId: 'p-123',
  projectName: 'team a',
  domainName: 'Default',
  userName: 'alice',
  regionName: 'RegionOne',
}
let credentials: ClusterCredentials
let dir: string

beforeAll(async () => {
  const ca = await createCa({ commonName: 'prod' })
  const admin = await createConductorCertificate(ca)
  credentials = { ca: ca.certificatePem, cert: admin.certificatePem, key: admin.privateKeyPem }
  dir = mkdtempSync(join(tmpdir(), 'k8s-kubeconfig-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const decode = (b64: string) => Buffer.from(b64, 'base64').toString('utf8')

describe('k8s kubeconfig', () => {
  it('embeds a CA and an admin certificate that openssl verifies against each other', () => {
    const config = parse(k8sClusterConfig(cluster, credentials).files.config!) as Kubeconfig
    expect(config.users[0]?.name).toBe('admin')
    const user = config.users[0]!.user as Record<string, string>
    writeFileSync(join(dir, 'ca.pem'), decode(config.clusters[0]!.cluster['certificate-authority-data']))
    writeFileSync(join(dir, 'cert.pem'), decode(user['client-certificate-data']!))
    const out = execFileSync('openssl', ['verify', '-CAfile', join(dir, 'ca.pem'), join(dir, 'cert.pem')], {
      encoding: 'utf8',
    })
    expect(out).toContain(': OK')
    expect(decode(user['client-key-data']!)).toBe(credentials.key)
    // A name YAML would otherwise misread survives quoting.
    expect(config.clusters[0]?.name).toBe('prod: "k8s"')
  })

  it('useKeystone: user openstackuser runs client-keystone-auth for the caller’s scope, no client cert', () => {
    const { files, env } = k8sClusterConfig(cluster, credentials, { useKeystone: true, keystone })
    const config = parse(files.config!) as Kubeconfig
    expect(config.apiVersion).toBe('v1')
    expect(config.kind).toBe('Config')
    expect(config.preferences).toEqual({})
    expect(config['current-context']).toBe('openstackuser@kubernetes')
    expect(config.contexts).toEqual([
      { name: 'openstackuser@kubernetes', context: { cluster: 'prod: "k8s"', user: 'openstackuser' } },
    ])
    expect(config.users).toHaveLength(1)
    expect(config.users[0]).toEqual({
      name: 'openstackuser',
      user: {
        exec: {
          apiVersion: KEYSTONE_EXEC_API_VERSION,
          command: 'client-keystone-auth',
          args: [
            '--keystone-url=https://keystone.example.com:5000/v3',
            '--domain-name=Default',
            '--user-name=alice',
            '--project-name=team a',
          ],
          env: [
            { name: 'OS_PROJECT_ID', value: 'p-123' },
            { name: 'OS_REGION_NAME', value: 'RegionOne' },
          ],
          interactiveMode: 'IfAvailable',
        },
      },
    })
    expect(KEYSTONE_EXEC_API_VERSION).toBe('client.authentication.k8s.io/v1beta1')
    // The CA stays embedded; no admin credentials leak into a Keystone kubeconfig.
    expect(decode(config.clusters[0]!.cluster['certificate-authority-data'])).toBe(credentials.ca)
    expect(config.clusters[0]?.cluster.server).toBe('https://172.24.4.10:6443')
    expect(files.config).not.toContain(Buffer.from(credentials.key).toString('base64').slice(0, 40))
    expect(files.config).not.toContain('client-certificate')
    expect(env).toEqual({ KUBECONFIG: 'config' })
  })

  it('useKeystone without facts still names the plugin (it prompts for the rest)', () => {
    const config = parse(
      k8sClusterConfig(cluster, credentials, { useKeystone: true }).files.config!,
    ) as Kubeconfig
    expect(config.users[0]?.user.exec).toMatchObject({ command: 'client-keystone-auth', args: [], env: [] })
  })
})
