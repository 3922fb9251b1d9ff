import type { Session, SessionContext } from '@magnum-ts/auth'
import { createCertStore } from '@magnum-ts/certs'
import {
  type ClusterDriver,
  createMagnum,
  type DriverDescriptor,
  MagnumValidationError,
} from '@magnum-ts/core'
import { type PipelineFixture, testDriver } from './support.js'

/** Compares `v1.2.3` tags numerically. */
function compareTags(a: string, b: string): number {
  const parts = (v: string) => v.replace(/^v/, '').split('.').map(Number)
  const [x, y] = [parts(a), parts(b)]
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0)
    if (d !== 0) return d
  }
  return 0
}

/**
 * `testDriver` with an upgrade (the new template's `kube_tag`, never lower, as k8s does) and
 * CA rotation; its stack declares the parameters an upgrade sends, as Heat requires.
 */
export const upgradableDriver: ClusterDriver & { rotateCaSupported: boolean } = {
  ...testDriver,
  name: 'test_vm_fedora_atomic_upgradable',
  rotateCaSupported: true,
  async stackRequest(ctx) {
    const request = await testDriver.stackRequest(ctx)
    const main = request.files['cluster.yaml'] as string
    return {
      ...request,
      files: {
        ...request.files,
        'cluster.yaml': main.replace(
          'parameters:\n',
          'parameters:\n  kube_tag: { type: string, default: v1.0.0 }\n  update_max_batch_size: { type: number, default: 1 }\n',
        ),
      },
      parameters: { ...request.parameters, kube_tag: ctx.labels.kube_tag ?? 'v1.0.0' },
    }
  },
  upgradeParameters(ctx, newTemplate) {
    const next = newTemplate.labels.kube_tag
    if (!next)
      throw new MagnumValidationError('UPGRADE_NOTHING_TO_DO', 409, {
        field: 'labels.kube_tag',
        message: 'nothing to upgrade',
        fix: 'set kube_tag',
      })
    const current = ctx.labels.kube_tag ?? 'v1.0.0'
    if (compareTags(next, current) < 0)
      throw new MagnumValidationError('DOWNGRADE_NOT_ALLOWED', 400, {
        field: 'labels.kube_tag',
        message: `${next} is older than ${current}`,
        fix: 'pick a newer kube_tag',
      })
    return { kube_tag: next, update_max_batch_size: ctx.config.upgradeMaxBatchSize }
  },
}

/** The same session, seen by the pipeline as another caller (user, project, roles). */
export function asCaller(session: Session, who: Partial<SessionContext>): Session {
  return new Proxy(session, {
    get(target, key, receiver) {
      if (key === 'context') return async () => ({ ...(await target.context()), ...who })
      const value = Reflect.get(target, key, receiver)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}

/** A second pipeline over the fixture's store and certificates, called through `session`. */
export function pipelineAs(
  fixture: PipelineFixture,
  session: Session,
  drivers: readonly DriverDescriptor[] = [testDriver],
): ReturnType<typeof createMagnum> {
  return createMagnum({
    session,
    store: fixture.store,
    drivers,
    // The same table as the fixture's store, so the same certificates.
    certStore: createCertStore('store', { table: fixture.store.x509KeyPairs }),
    // Certificates, quotas and stats never touch the trustee domain.
    trustee: { adminSession: fixture.session, domainId: 'unused' },
  })
}
