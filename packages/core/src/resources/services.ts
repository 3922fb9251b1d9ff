import { EndpointNotFoundError, type Session } from '@magnum-ts/auth'
import { ServiceNotInCatalogError } from './errors.js'

/** Whether the session's catalog (or an endpoint override) has the service on its interface. */
export async function hasService(session: Session, serviceType: string): Promise<boolean> {
  try {
    await session.endpoint(serviceType)
    return true
  } catch (error) {
    if (error instanceof EndpointNotFoundError) return false
    throw error
  }
}

/** Octavia is needed by the master load balancer and by the octavia ingress controller. */
export function octaviaProblems(
  octaviaEnabled: boolean,
  reasons: { masterLb: boolean; ingress: boolean },
): ServiceNotInCatalogError[] {
  if (octaviaEnabled) return []
  const problems: ServiceNotInCatalogError[] = []
  if (reasons.masterLb) {
    problems.push(
      new ServiceNotInCatalogError('load-balancer', {
        field: 'master_lb_enabled',
        message:
          'master_lb_enabled is set but the catalog has no load-balancer (Octavia) service, so the API load balancer cannot be created',
        fix: 'deploy Octavia (service type "load-balancer"), or set master_lb_enabled to false with master_count 1',
      }),
    )
  }
  if (reasons.ingress) {
    problems.push(
      new ServiceNotInCatalogError('load-balancer', {
        field: 'labels.ingress_controller',
        message: 'ingress_controller is "octavia" but the catalog has no load-balancer (Octavia) service',
        fix: 'deploy Octavia (service type "load-balancer"), or choose another ingress_controller (e.g. nginx) or none',
      }),
    )
  }
  return problems
}

/** The Barbican certificate store needs a `key-manager` service (seed 000: "endpoint for key-manager service not found"). */
export function barbicanProblem(barbicanEnabled: boolean): ServiceNotInCatalogError | undefined {
  if (barbicanEnabled) return undefined
  return new ServiceNotInCatalogError('key-manager', {
    field: 'cert_store',
    message:
      'The certificate store is "barbican" but the catalog has no key-manager (Barbican) service, so cluster certificates cannot be stored',
    fix: 'deploy Barbican (service type "key-manager"), or choose another certificate store: "local:DIR" or "store" (the magnum-ts database)',
  })
}
