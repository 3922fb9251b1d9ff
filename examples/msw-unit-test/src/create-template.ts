import type { Session } from '@magnum-ts/auth'
import { createCertStore } from '@magnum-ts/certs'
import { type ClusterTemplate, createMagnum, memoryStore, type Store } from '@magnum-ts/core'
import { k8sFedoraAtomicDriver } from '@magnum-ts/driver-k8s-fedora-atomic'

/** What a team asks for; everything else follows the platform's defaults. */
export interface TemplateRequest {
  name: string
  image: string
  flavor: string
  /** Defaults to `flavor`. */
  masterFlavor?: string
}

/**
 * The code under test: creates a Kubernetes cluster template with the platform's defaults
 * (flannel, a master load balancer, the `public` external network, the `default` key pair)
 * and returns it with the store it lives in.
 */
export async function createKubernetesTemplate(
  session: Session,
  request: TemplateRequest,
  store: Store = memoryStore(),
): Promise<{ template: ClusterTemplate; store: Store }> {
  const magnum = createMagnum({
    session,
    store,
    drivers: [k8sFedoraAtomicDriver],
    certStore: createCertStore('store', { table: store.x509KeyPairs }),
    // Templates never create trustees: the caller's own session stands in for the trustee admin.
    trustee: { adminSession: session, domainId: '' },
  })
  const template = await magnum.clusterTemplates.create({
    name: request.name,
    coe: 'kubernetes',
    imageId: request.image,
    flavorId: request.flavor,
    masterFlavorId: request.masterFlavor ?? request.flavor,
    keypairId: 'default',
    externalNetworkId: 'public',
    networkDriver: 'flannel',
    masterLbEnabled: true,
  })
  return { template, store }
}
