import { X509Certificate } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createSession, toArray } from '@magnum-ts/auth'
import { createCa, createConductorCertificate, createCsr, signCsr } from '@magnum-ts/certs'
import { findImage, listFlavors } from '@magnum-ts/compute'
import { defaultVolumeType, findExternalNetwork } from '@magnum-ts/network'
import { createFakeCloud } from '@magnum-ts/testing'
import type { Io } from '../context.js'
import { main } from '../main.js'
import type { Command } from './command.js'
import { cloudsYamlFor } from './fake-cloud-config.js'

/**
 * `magnum-ts demo`: what works today, end to end, on the built-in fake OpenStack served on
 * 127.0.0.1 — the CLI against clouds.yaml, the SDK's service clients, the cluster PKI, and
 * the fake cloud's leak check. It grows into the full cluster lifecycle as core lands.
 */
export const demo: Command = {
  path: ['demo'],
  summary: 'Run the demo on the built-in fake OpenStack (nothing leaves 127.0.0.1)',
  options: {},
  async run({ io }) {
    const started = Date.now()
    const cloud = createFakeCloud()
    const listening = await cloud.listen({ port: 0, host: '127.0.0.1' })
    const dir = mkdtempSync(join(tmpdir(), 'magnum-ts-demo-'))
    const steps: string[] = []
    try {
      const config = cloud.cloudConfig({ origin: listening.url })
      const cloudsFile = join(dir, 'clouds.yaml')
      writeFileSync(cloudsFile, cloudsYamlFor('fake', config), { mode: 0o600 })
      io.stdout(`Fake OpenStack on ${listening.url}; clouds.yaml written to ${cloudsFile}\n`)

      const cli = (argv: string[]) =>
        runCli(io, [...argv, '--os-cloud', 'fake'], { OS_CLIENT_CONFIG_FILE: cloudsFile })
      await heading(io, steps, 'magnum-ts token issue -c user_id -c project_id', () =>
        cli(['token', 'issue', '-c', 'user_id', '-c', 'project_id']),
      )
      await heading(io, steps, 'magnum-ts catalog list -f value -c Type', () =>
        cli(['catalog', 'list', '-f', 'value', '-c', 'Type']),
      )

      const session = createSession(config)
      await heading(io, steps, 'SDK: what a Kubernetes cluster template needs', async () => {
        const flavors = await toArray(listFlavors(session))
        const image = await findImage(session, 'fedora-atomic-latest')
        const external = await findExternalNetwork(session, 'public')
        const volumeType = await defaultVolumeType(session)
        io.stdout(`flavors:          ${flavors.map((f) => f.name).join(', ')}\n`)
        io.stdout(`image:            ${image.name} (os_distro=${image.osDistro})\n`)
        io.stdout(`external network: ${external.name} (${external.id})\n`)
        io.stdout(`volume type:      ${volumeType.name} (the default)\n`)
        return 0
      })

      await heading(
        io,
        steps,
        'PKI: a cluster CA, the conductor certificate, and a signed user CSR',
        async () => {
          const ca = await createCa({ commonName: 'demo-cluster' })
          const conductor = await createConductorCertificate(ca)
          const csr = await createCsr({ cn: 'admin', o: 'system:masters' })
          const caCert = new X509Certificate(ca.certificatePem)
          for (const [name, pem] of [
            ['conductor certificate', conductor.certificatePem],
            ['signed user CSR', signCsr(ca, csr.csrPem)],
          ] as const) {
            const cert = new X509Certificate(pem)
            const verified = cert.checkIssued(caCert) && cert.verify(caCert.publicKey)
            io.stdout(
              `${name.padEnd(22)} ${cert.subject.replaceAll('\n', ', ')}; issuer ${caCert.subject}; verified: ${verified}\n`,
            )
            if (!verified) return 1
          }
          return 0
        },
      )

      await heading(io, steps, 'fake cloud: leak check', async () => {
        cloud.assertNoOrphans()
        io.stdout('no servers, ports, floating IPs, volumes, load balancers, trusts or secrets left behind\n')
        return 0
      })
    } finally {
      await listening.close()
      rmSync(dir, { recursive: true, force: true })
    }
    io.stdout(
      `\nDemo finished in ${((Date.now() - started) / 1000).toFixed(1)} s: ${steps.length} steps passed.\n`,
    )
    return 0
  },
}

async function heading(io: Io, steps: string[], title: string, step: () => Promise<number>): Promise<void> {
  io.stdout(`\n▶ ${title}\n`)
  const code = await step()
  if (code !== 0) throw new Error(`demo step failed (exit ${code}): ${title}`)
  steps.push(title)
}

function runCli(io: Io, argv: string[], env: Record<string, string>): Promise<number> {
  return main(argv, { ...io, env: { ...io.env, ...env, OS_CLOUD: undefined } })
}
