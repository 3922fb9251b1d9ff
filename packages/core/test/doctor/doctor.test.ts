import { createSession } from '@magnum-ts/auth'
import { type DoctorReport, doctor, formatDoctorReport } from '@magnum-ts/core'
import { createFakeCloud, defaultWorld } from '@magnum-ts/testing'
import { describe, expect, it } from 'vitest'
import { heatCloud, template, withCatalog, without } from '../resources/support.js'

const checks = (report: DoctorReport, level: 'error' | 'warning' | 'ok') =>
  report.findings.filter((f) => f.level === level).map((f) => f.check)

describe('doctor on the default world', () => {
  it('is clean: every required and optional service, roles, endpoints and the template', async () => {
    const cloud = heatCloud()
    const report = await doctor(cloud.session(), { template: template(), cluster: { keypair: 'default' } })
    expect(report.errors).toEqual([])
    expect(report.warnings).toEqual([])
    expect(report.ok).toBe(true)
    expect(checks(report, 'ok')).toEqual(
      expect.arrayContaining([
        'auth',
        'roles',
        'catalog:identity',
        'catalog:image',
        'catalog:compute',
        'catalog:network',
        'catalog:orchestration',
        'catalog:block-storage',
        'catalog:load-balancer',
        'catalog:key-manager',
        'heat:cloudformation',
        'endpoint-hosts',
        'resources',
      ]),
    )
    expect(report.resolved?.image?.osDistro).toBe('fedora-atomic')
    expect(formatDoctorReport(report)).toContain(
      '✓ catalog:orchestration: Heat (orchestration) at http://openstack.test/heat-api/v1/',
    )
  })
})

describe('doctor lists every problem at once', () => {
  it('a missing required service is an error; a missing optional one a warning saying what it disables', async () => {
    const session = withCatalog(
      heatCloud().session(),
      without('orchestration', 'cloudformation', 'key-manager', 'load-balancer'),
    )
    const report = await doctor(session)
    expect(report.ok).toBe(false)
    expect(checks(report, 'error')).toEqual(['catalog:orchestration'])
    expect(checks(report, 'warning').sort()).toEqual([
      'catalog:key-manager',
      'catalog:load-balancer',
      'heat:cloudformation',
    ])
    const barbican = report.warnings.find((f) => f.check === 'catalog:key-manager')
    expect(barbican?.message).toContain('"barbican" certificate store')
    expect(barbican?.fix).toContain('local:DIR')
    expect(report.warnings.find((f) => f.check === 'catalog:load-balancer')?.message).toContain(
      'master_lb_enabled',
    )
  })

  it('a service only on another interface gets a hint naming that interface', async () => {
    const internalOnly = withCatalog(heatCloud().session(), (catalog) =>
      catalog.map((s) =>
        s.type === 'compute' ? { ...s, endpoints: s.endpoints.filter((e) => e.interface === 'internal') } : s,
      ),
    )
    const report = await doctor(internalOnly)
    expect(report.errors).toHaveLength(1)
    expect(report.errors[0]).toMatchObject({ check: 'interface:compute', level: 'error' })
    expect(report.errors[0]?.message).toContain('no public endpoint; it exists only on internal')
    expect(report.errors[0]?.fix).toContain('use interface "internal"')
    // The same catalog is fine for a caller on the internal interface.
    expect((await doctor(internalOnly, { interface: 'internal' })).ok).toBe(true)
  })

  it('seed 000: public endpoints on http://ctl01:9511 are flagged for every service', async () => {
    const cloud = heatCloud({ origin: 'http://ctl01:9511' })
    const report = await doctor(cloud.session())
    const hosts = report.warnings.filter((f) => f.check.startsWith('endpoint-host:'))
    expect(hosts.map((f) => f.check)).toEqual(
      expect.arrayContaining([
        'endpoint-host:identity',
        'endpoint-host:orchestration',
        'endpoint-host:cloudformation',
      ]),
    )
    expect(hosts[0]?.message).toContain('bare host name ctl01:9511')
    expect(hosts[0]?.fix).toContain('openstack endpoint set --url')
    expect(report.ok).toBe(true) // a warning: a dns_nameserver that knows ctl01 would do
  })

  it('public endpoints on a loopback address are errors', async () => {
    const cloud = heatCloud()
    const listening = await cloud.listen()
    try {
      const report = await doctor(createSession(cloud.cloudConfig({ origin: listening.url })))
      expect(report.ok).toBe(false)
      expect(report.errors.map((f) => f.check)).toContain('endpoint-host:identity')
      expect(report.errors[0]?.message).toContain('a loopback address')
    } finally {
      await listening.close()
    }
  })

  it('a user without a stack-owner role is told which role to add', async () => {
    const world = defaultWorld()
    const demo = world.users?.find((u) => u.name === 'demo')
    if (demo) demo.roles = { demo: ['reader'] }
    const cloud = heatCloud({ world })
    const report = await doctor(cloud.session())
    const roles = report.findings.find((f) => f.check === 'roles')
    expect(roles).toMatchObject({ level: 'error' })
    expect(roles?.message).toContain('reader')
    expect(roles?.fix).toBe(
      'grant one: openstack role add --user demo --project demo member (or heat_stack_owner on older clouds)',
    )
  })

  it('catalog, role and template problems come back in one report', async () => {
    const cloud = heatCloud({ origin: 'http://ctl01:9511' })
    const session = withCatalog(cloud.session(), without('load-balancer'))
    const report = await doctor(session, {
      template: template({
        imageId: 'nope',
        masterLbEnabled: true,
        dockerVolumeSize: 5,
        labels: { docker_volume_type: 'gold' },
      }),
      cluster: { keypair: 'mykey' },
    })
    expect(checks(report, 'error').sort()).toEqual([
      'resource:image_id',
      'resource:keypair',
      'resource:labels.docker_volume_type',
      'resource:master_lb_enabled',
    ])
    expect(checks(report, 'warning')).toEqual(
      expect.arrayContaining(['catalog:load-balancer', 'endpoint-host:identity']),
    )
    for (const finding of report.errors) expect(finding.fix).not.toBe('')
  })

  it('a cloud that refuses the credentials gives one auth error, not a crash', async () => {
    const cloud = createFakeCloud()
    const session = createSession(cloud.cloudConfig({ password: 'wrong' }), { fetch: cloud.fetch })
    const report = await doctor(session)
    expect(report.findings).toHaveLength(1)
    expect(report.findings[0]).toMatchObject({ level: 'error', check: 'auth' })
  })
})
