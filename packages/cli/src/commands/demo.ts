import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createFakeCloud } from '@magnum-ts/testing'
import { main } from '../main.js'
import type { Command } from './command.js'
import { fakeCloudsYaml } from './fake-cloud-config.js'

/**
 * `magnum-ts demo`: the SDK end to end through the CLI, on the built-in fake OpenStack served
 * on 127.0.0.1 (its mini Heat builds real fake servers, networks and load balancers) and the
 * embedded SQLite store: doctor → a Kubernetes template → cluster create --wait → list, show,
 * config → resize to 3 → a swarm-mode cluster → delete everything → no orphans left.
 */
export const demo: Command = {
  path: ['demo'],
  summary:
    'Run the demo on the built-in fake OpenStack and an embedded SQLite store (nothing leaves 127.0.0.1)',
  options: {},
  async run({ io }) {
    const started = Date.now()
    // Real seconds per Heat resource level, so progress is visible but the demo stays short.
    const cloud = createFakeCloud({ heat: { resourceSeconds: 0.3 } })
    const listening = await cloud.listen({ port: 0, host: '127.0.0.1' })
    const dir = mkdtempSync(join(tmpdir(), 'magnum-ts-demo-'))
    let steps = 0
    try {
      const cloudsFile = join(dir, 'clouds.yaml')
      writeFileSync(cloudsFile, fakeCloudsYaml(listening.url), { mode: 0o600 })
      io.stdout(
        `Fake OpenStack on ${listening.url}\nclouds.yaml: ${cloudsFile} (clouds "fake" and "fake-trustee")\n`,
      )
      const env = {
        OS_CLIENT_CONFIG_FILE: cloudsFile,
        OS_CLOUD: 'fake',
        MAGNUM_TS_STORE: `sqlite:${join(dir, 'magnum-ts.sqlite')}`,
        MAGNUM_TS_TRUSTEE_CLOUD: 'fake-trustee',
        MAGNUM_TS_WAIT_INTERVAL_MS: '250',
      }
      const step = async (args: string[], note?: string, allowed: readonly number[] = [0]) => {
        io.stdout(`\n$ magnum-ts ${args.join(' ')}\n`)
        if (note) io.stdout(`# ${note}\n`)
        const code = await main(args, { ...io, env: { ...io.env, ...env } })
        if (!allowed.includes(code))
          throw new Error(`demo step failed (exit ${code}): magnum-ts ${args.join(' ')}`)
        steps++
      }
      const template = [
        '--image',
        'fedora-atomic-latest',
        '--keypair',
        'default',
        '--external-network',
        'public',
      ]
      const flavors = ['--flavor', 'm1.small', '--master-flavor', 'm1.small']

      await step(
        ['doctor'],
        'every problem at once; the fake serves on 127.0.0.1, which cluster VMs could not reach — hence the finding',
        [0, 1],
      )
      await step([
        'cluster',
        'template',
        'create',
        'k8s',
        '--coe',
        'kubernetes',
        ...template,
        ...flavors,
        '--network-driver',
        'flannel',
        '--master-lb-enabled',
        '-c',
        'uuid',
        '-c',
        'name',
        '-c',
        'coe',
        '-c',
        'cluster_distro',
        '-c',
        'network_driver',
      ])
      await step([
        'cluster',
        'create',
        'k8s-demo',
        '--cluster-template',
        'k8s',
        '--node-count',
        '1',
        '--wait',
        '-c',
        'name',
        '-c',
        'status',
        '-c',
        'api_address',
        '-c',
        'master_addresses',
        '-c',
        'node_addresses',
      ])
      await step(['cluster', 'list'])
      await step([
        'cluster',
        'show',
        'k8s-demo',
        '-c',
        'status',
        '-c',
        'api_address',
        '-c',
        'coe_version',
        '-c',
        'container_version',
        '-c',
        'stack_id',
      ])
      await step(
        ['cluster', 'config', 'k8s-demo', '--dir', join(dir, 'k8s-demo')],
        'a client key and CSR made here, signed by the cluster CA',
      )
      await step(
        ['ca', 'show', 'k8s-demo'],
        "the cluster's own CA: node and user certificates are signed by it",
      )
      await step(['cluster', 'resize', 'k8s-demo', '3', '--wait'])
      await step(['cluster', 'show', 'k8s-demo', '-c', 'node_count', '-c', 'node_addresses'])
      await step([
        'cluster',
        'template',
        'create',
        'swarm',
        '--coe',
        'swarm-mode',
        ...template,
        ...flavors,
        '--network-driver',
        'docker',
        '-c',
        'uuid',
        '-c',
        'name',
        '-c',
        'coe',
      ])
      await step([
        'cluster',
        'create',
        'swarm-demo',
        '--cluster-template',
        'swarm',
        '--wait',
        '-c',
        'name',
        '-c',
        'status',
        '-c',
        'api_address',
      ])
      await step(['stats'])
      await step(['cluster', 'delete', 'k8s-demo', 'swarm-demo', '--wait'])
      await step(['cluster', 'template', 'delete', 'k8s', 'swarm'])

      io.stdout(
        '\n# leak check: servers, ports, floating IPs, volumes, load balancers, trusts, trustee users, secrets\n',
      )
      cloud.assertNoOrphans()
      io.stdout('none left behind\n')
    } finally {
      await listening.close()
      rmSync(dir, { recursive: true, force: true })
    }
    io.stdout(
      `\nDemo finished in ${((Date.now() - started) / 1000).toFixed(1)} s: ${steps} commands, no orphans.\n`,
    )
    return 0
  },
}
