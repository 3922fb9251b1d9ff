import { createCertStore } from '@magnum-ts/certs'
import { type Cluster, createMagnum, type Magnum, memoryStore } from '@magnum-ts/core'
import type { FakeCloud } from '@magnum-ts/testing'
import { testDriver } from './context.js'

/**
 * The pipeline (`createMagnum`) with this driver on a fake cloud, and a CREATE_COMPLETE
 * flannel cluster `web` built by the mini Heat from the driver's real templates.
 */
export async function k8sClusterOnFakeCloud(
  cloud: FakeCloud,
  config: Record<string, unknown> = {},
): Promise<{ magnum: Magnum; cluster: Cluster }> {
  const store = memoryStore()
  const magnum = createMagnum({
    session: cloud.session(),
    store,
    drivers: [testDriver()],
    certStore: createCertStore('store', { table: store.x509KeyPairs }),
    trustee: cloud.trusteeAdmin(),
    config,
  })
  const template = await magnum.clusterTemplates.create({
    name: 'k8s',
    coe: 'kubernetes',
    imageId: 'fedora-atomic-latest',
    flavorId: 'm1.small',
    masterFlavorId: 'm1.small',
    keypairId: 'default',
    externalNetworkId: 'public',
    networkDriver: 'flannel',
  })
  const created = await magnum.clusters.create({ name: 'web', clusterTemplateId: template.uuid })
  const cluster = (await magnum.clusters.waitFor(created.uuid, 'CREATE_COMPLETE', { intervalMs: 5 }))!
  return { magnum, cluster }
}
