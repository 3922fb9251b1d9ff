import type { Session } from '@magnum-ts/auth'
import { throwIfInvalid } from '../errors.js'
import { checkFlavor, checkImage, checkKeypair } from './compute.js'
import { checkExternalNetwork, checkFixedNetwork, checkFixedSubnet, subnetOnNetwork } from './networks.js'
import type { CheckOutcome } from './outcome.js'
import { barbicanProblem, hasService, octaviaProblems } from './services.js'
import type { ResolvedResources, ResourceCheckReport, ValidateResourcesOptions } from './types.js'
import { checkVolumeTypes, requestedVolumes } from './volume-types.js'

/**
 * Checks every OpenStack resource a template (and a cluster being created) refers to, all at
 * once: each lookup starts before any answers, so the wall time is one round trip or two, not
 * their sum. Returns what resolved and every problem found; an unexpected failure (a 5xx, a
 * dropped connection) is thrown once all checks have settled.
 */
export async function checkOpenStackResources(
  session: Session,
  options: ValidateResourcesOptions,
): Promise<ResourceCheckReport> {
  const { template, cluster, needs = {} } = options
  const call = options.signal ? { signal: options.signal } : {}
  // Magnum checks the cluster's value first, then the template's.
  const flavor = cluster?.flavorId ?? template.flavorId
  const masterFlavor = cluster?.masterFlavorId ?? template.masterFlavorId
  const keypair = cluster?.keypair ?? template.keypairId
  const fixedNetwork = cluster?.fixedNetwork ?? template.fixedNetwork
  const fixedSubnet = cluster?.fixedSubnet ?? template.fixedSubnet
  const labels = cluster?.labels ?? template.labels ?? {}
  const masterLb = cluster?.masterLbEnabled ?? template.masterLbEnabled ?? false
  const ingressOctavia = labels.ingress_controller?.toLowerCase() === 'octavia'
  const volumes = requestedVolumes(cluster?.dockerVolumeSize ?? template.dockerVolumeSize, labels)

  const resolved: ResolvedResources = { volumeTypes: {} }
  const errors: ResourceCheckReport['errors'] = []
  const collect =
    <T>(assign: (value: T) => void) =>
    (outcome: CheckOutcome<T>) => {
      if (outcome.value !== undefined) assign(outcome.value)
      errors.push(...outcome.errors)
    }

  const checks: Promise<unknown>[] = [
    checkImage(session, template.imageId, call).then(collect((v) => (resolved.image = v))),
    hasService(session, 'load-balancer').then((present) => {
      resolved.octaviaEnabled = present
      errors.push(...octaviaProblems(present, { masterLb, ingress: ingressOctavia }))
    }),
  ]
  if (flavor !== undefined) {
    checks.push(checkFlavor(session, 'flavor_id', flavor, call).then(collect((v) => (resolved.flavor = v))))
  }
  if (masterFlavor !== undefined) {
    checks.push(
      checkFlavor(session, 'master_flavor_id', masterFlavor, call).then(
        collect((v) => (resolved.masterFlavor = v)),
      ),
    )
  }
  if (keypair !== undefined && (needs.keypair ?? cluster !== undefined)) {
    checks.push(checkKeypair(session, keypair, call).then(collect(() => {})))
  }
  if (template.externalNetworkId !== undefined) {
    checks.push(
      checkExternalNetwork(session, template.externalNetworkId, call).then(
        collect((v) => (resolved.externalNetwork = v)),
      ),
    )
  }
  if (fixedNetwork !== undefined) {
    checks.push(
      checkFixedNetwork(session, fixedNetwork, call).then(collect((v) => (resolved.fixedNetwork = v))),
    )
  }
  if (fixedSubnet !== undefined) {
    checks.push(checkFixedSubnet(session, fixedSubnet, call).then(collect((v) => (resolved.fixedSubnet = v))))
  }
  if (volumes.length > 0) {
    checks.push(
      checkVolumeTypes(session, volumes, labels, needs.volumeTypeDefaults ?? {}, call).then(
        collect((v) => (resolved.volumeTypes = v)),
      ),
    )
  }
  if (needs.certStore === 'barbican') {
    checks.push(
      hasService(session, 'key-manager').then((present) => {
        const problem = barbicanProblem(present)
        if (problem) errors.push(problem)
      }),
    )
  }

  const settled = await Promise.allSettled(checks)
  const unexpected = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected')
  if (unexpected) throw unexpected.reason

  if (resolved.fixedNetwork && resolved.fixedSubnet && fixedSubnet !== undefined) {
    const problem = subnetOnNetwork(resolved.fixedNetwork, resolved.fixedSubnet, fixedSubnet)
    if (problem) errors.push(problem)
  }
  return { resolved, errors }
}

/**
 * Magnum's `validate_os_resources`, in parallel: resolves the image (with `osDistro` for driver
 * selection), flavors, keypair, networks, volume types and the services the template needs, or
 * throws every problem at once (`ValidationErrors`, or the single typed error).
 */
export async function validateOpenStackResources(
  session: Session,
  options: ValidateResourcesOptions,
): Promise<ResolvedResources> {
  const report = await checkOpenStackResources(session, options)
  throwIfInvalid(report.errors)
  return report.resolved
}
