import type { Cluster } from '@magnum-ts/core'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { testDriver } from './support/context.js'

interface Kubeconfig {
  'current-context': string
  contexts: { name: string; context: { cluster: string; user: string } }[]
  clusters: { name: string; cluster: { server: string; 'certificate-authority-data': string } }[]
  users: { name: string; user: { 'client-certificate-data': string; 'client-key-data': string } }[]
}

describe('k8s cluster config (oracle 16, behaviour 15)', () => {
  it('writes a kubeconfig for user admin, context default, with embedded certificates', () => {
    const cluster = { name: 'k8s', uuid: 'u', apiAddress: 'https://172.24.4.10:6443' } as Cluster
    const { files, env } = testDriver().clusterConfig(cluster, {
      ca: 'CA-PEM',
      cert: 'CERT-PEM',
      key: 'KEY-PEM',
    })
    const config = parse(files.config!) as Kubeconfig
    expect(config['current-context']).toBe('default')
    expect(config.contexts[0]).toEqual({ name: 'default', context: { cluster: 'k8s', user: 'admin' } })
    expect(config.clusters[0]?.cluster.server).toBe('https://172.24.4.10:6443')
    expect(
      Buffer.from(config.clusters[0]?.cluster['certificate-authority-data'] ?? '', 'base64').toString(),
    ).toBe('CA-PEM')
    expect(Buffer.from(config.users[0]?.user['client-key-data'] ?? '', 'base64').toString()).toBe('KEY-PEM')
    expect(env).toEqual({ KUBECONFIG: 'config' })
  })
})
