import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:https'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { createCa, createConductorCertificate, createServerCertificate } from '@magnum-ts/certs'
import type { Cluster } from '@magnum-ts/core'
import { swarmClusterConfig, swarmModeDriver } from '@magnum-ts/driver-swarm-mode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const run = promisify(execFile)

describe('swarm-mode cluster config', () => {
  const credentials = { ca: 'CA PEM', cert: 'CERT PEM', key: 'KEY PEM' }

  it('writes ca.pem, cert.pem, key.pem and exports DOCKER_HOST, DOCKER_CERT_PATH, DOCKER_TLS_VERIFY=1', () => {
    const cluster = { apiAddress: 'tcp://172.24.4.10:2375' } as Cluster
    expect(swarmClusterConfig(cluster, credentials, { dir: '/home/me/swarm' })).toEqual({
      files: { 'ca.pem': 'CA PEM', 'cert.pem': 'CERT PEM', 'key.pem': 'KEY PEM' },
      env: {
        DOCKER_HOST: 'tcp://172.24.4.10:2375',
        DOCKER_CERT_PATH: '/home/me/swarm',
        DOCKER_TLS_VERIFY: '1',
      },
    })
    expect(swarmModeDriver.clusterConfig(cluster, credentials).env.DOCKER_CERT_PATH).toBe('.')
  })

  it('exports no DOCKER_HOST while the api_address is unknown', () => {
    expect(swarmClusterConfig({ apiAddress: undefined } as Cluster, credentials).env).not.toHaveProperty(
      'DOCKER_HOST',
    )
  })
})

// The real docker CLI against a TLS endpoint that, like a swarm-mode manager, requires a client
// certificate signed by the cluster CA.
let docker = true
try {
  await run('docker', ['--version'])
} catch {
  docker = false
  console.warn('[swarm-mode] the docker CLI is not installed; the docker --tlsverify checks are skipped')
}

describe.skipIf(!docker)('the docker CLI accepts the swarm-mode exports', () => {
  let server: Server
  let port: number
  let ca: Awaited<ReturnType<typeof createCa>>
  const dirs: string[] = []

  beforeAll(async () => {
    ca = await createCa({ commonName: 'swarm-cluster' })
    const tls = await createServerCertificate(ca, {
      subject: { cn: 'swarm-primary' },
      sans: { ips: ['127.0.0.1'], dns: ['localhost'] },
    })
    server = createServer(
      {
        key: tls.privateKeyPem,
        cert: tls.certificatePem,
        ca: ca.certificatePem,
        requestCert: true,
        rejectUnauthorized: true,
      },
      (req, res) => {
        const headers = { 'Api-Version': '1.41', 'Docker-Experimental': 'false', OSType: 'linux' }
        if (req.url?.endsWith('/_ping')) {
          res.writeHead(200, { ...headers, 'Content-Type': 'text/plain' }).end('OK')
        } else if (req.url?.endsWith('/version')) {
          res.writeHead(200, { ...headers, 'Content-Type': 'application/json' }).end(
            JSON.stringify({
              Version: '20.10.99-magnum-ts',
              ApiVersion: '1.41',
              MinAPIVersion: '1.12',
              Os: 'linux',
              Arch: 'amd64',
              GitCommit: 'test',
              GoVersion: 'go1.20',
              KernelVersion: '6.0',
            }),
          )
        } else res.writeHead(404, headers).end()
      },
    )
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    port = (server.address() as AddressInfo).port
  })

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve))
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
  })

  async function dockerVersion(client: { certificatePem: string; privateKeyPem: string }) {
    const dir = mkdtempSync(join(tmpdir(), 'swarm-config-'))
    dirs.push(dir)
    const cluster = { apiAddress: `tcp://127.0.0.1:${port}` } as Cluster
    const config = swarmClusterConfig(
      cluster,
      { ca: ca.certificatePem, cert: client.certificatePem, key: client.privateKeyPem },
      { dir },
    )
    for (const [name, content] of Object.entries(config.files)) writeFileSync(join(dir, name), content)
    // A clean environment: only what `cluster config` exports, and an empty docker config.
    const env = { PATH: process.env.PATH ?? '', HOME: dir, DOCKER_CONFIG: dir, ...config.env }
    return run('docker', ['--tlsverify', 'version', '--format', '{{.Server.Version}}'], {
      env,
      timeout: 30_000,
    })
  }

  it('`docker --tlsverify version` succeeds with the admin certificate signed by the cluster CA', async () => {
    const { stdout } = await dockerVersion(await createConductorCertificate(ca))
    expect(stdout.trim()).toBe('20.10.99-magnum-ts')
  })

  it('and fails with a certificate from another CA', async () => {
    const other = await createCa({ commonName: 'another-cluster' })
    await expect(dockerVersion(await createConductorCertificate(other))).rejects.toMatchObject({
      stderr: expect.stringMatching(/certificate|tls|handshake/i),
    })
  })
})
