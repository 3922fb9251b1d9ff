import { InvalidParameterValueError, MagnumValidationError } from '@magnum-ts/core'
import { compareVersions } from '@magnum-ts/driver-k8s-fedora-atomic'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { k8sContext, testDriver } from './support/context.js'

const driver = testDriver()

describe('k8s scale (oracles 4 and 7)', () => {
  it('sends the count and the minions to remove', () => {
    const ctx = k8sContext()
    const worker = ctx.nodeGroups[1]!
    expect(
      driver.scaleParameters(ctx, { nodeGroup: worker, nodeCount: 5, nodesToRemove: ['node1', 'node2'] }),
    ).toEqual({ minions_to_remove: ['node1', 'node2'], number_of_minions: 5 })
    expect(driver.scaleParameters(ctx, { nodeGroup: worker, nodeCount: 2, nodesToRemove: [] })).toEqual({
      number_of_minions: 2,
    })
  })
})

describe('k8s upgrade (§6)', () => {
  const upgrade = (current: Record<string, string>, next: Record<string, string>, config = {}) => {
    const ctx = k8sContext({ labels: current, config })
    return driver.upgradeParameters!(ctx, { ...ctx.clusterTemplate, labels: next })
  }

  it('sends the new kube_tag four times, ostree values and the batch size', () => {
    expect(
      upgrade(
        { kube_tag: 'v1.15.7' },
        { kube_tag: 'v1.16.3', ostree_commit: 'abc' },
        { upgradeMaxBatchSize: 2 },
      ),
    ).toEqual({
      kube_tag: 'v1.16.3',
      kube_version: 'v1.16.3',
      master_kube_tag: 'v1.16.3',
      minion_kube_tag: 'v1.16.3',
      ostree_commit: 'abc',
      update_max_batch_size: 2,
    })
  })

  it('refuses a downgrade with 400', () => {
    expect(() => upgrade({ kube_tag: 'v1.16.3' }, { kube_tag: 'v1.15.7' })).toThrow(
      InvalidParameterValueError,
    )
    // Without a label, the default v1.15.7 is what runs.
    expect(() => upgrade({}, { kube_tag: 'v1.9.0' })).toThrow(/downgrade/)
  })

  it('refuses a template with nothing to upgrade with 409', () => {
    try {
      upgrade({}, {})
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(MagnumValidationError)
      expect((error as MagnumValidationError).status).toBe(409)
    }
  })

  it('compares versions numerically and antisymmetrically', () => {
    expect(compareVersions('v1.10.0', 'v1.9.9')).toBe(1)
    const version = fc.tuple(fc.nat(30), fc.nat(30), fc.nat(30)).map((p) => `v${p.join('.')}`)
    fc.assert(
      fc.property(version, version, (a, b) => {
        expect(compareVersions(a, b)).toBe(-compareVersions(b, a))
        expect(compareVersions(a, a)).toBe(0)
      }),
    )
  })
})
