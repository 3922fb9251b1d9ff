import { validateOpenStackResources } from '@magnum-ts/core'
import { describe, expect, it } from 'vitest'
import { countingSession, heatCloud, template } from './support.js'

const LATENCY_MS = 200

describe('the resource checks run in parallel', () => {
  it('starts every lookup before any answers: wall time is a few round trips, not their sum', async () => {
    const cloud = heatCloud()
    const { session, stats } = countingSession(cloud)
    await session.context() // the token is not part of what is measured
    for (const service of ['image', 'compute', 'network', 'block-storage'])
      cloud.faults.latency(service, LATENCY_MS)
    stats.paths.length = 0
    stats.peak = 0

    const started = performance.now()
    const resolved = await validateOpenStackResources(session, {
      template: template({ dockerVolumeSize: 5, fixedNetwork: 'private', fixedSubnet: 'private-subnet' }),
      cluster: { keypair: 'default' },
    })
    const elapsed = performance.now() - started

    expect(resolved.volumeTypes.docker?.name).toBe('lvmdriver-1')
    // image, flavor, master flavor, keypair, external network, fixed network, subnet, volume types.
    // First wave, all at once: the image list, three Neutron lookups, and the Nova and Cinder
    // version discoveries the other lookups then share.
    expect(stats.peak).toBeGreaterThanOrEqual(6)
    // One after another, each of these requests would have waited its own latency…
    expect(stats.paths.length).toBeGreaterThanOrEqual(12)
    // …whereas the longest chain (Nova discovery → flavor by id → flavor list) is three deep.
    expect(elapsed).toBeLessThan(4 * LATENCY_MS)
  })
})
