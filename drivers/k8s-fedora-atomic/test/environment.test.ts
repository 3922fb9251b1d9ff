import { k8sEnvironmentFiles } from '@magnum-ts/driver-k8s-fedora-atomic'
import { describe, expect, it } from 'vitest'
import { k8sContext } from './support/context.js'

const names = (files: string[]) => files.map((f) => f.replace(/^environments\/(.*)\.yaml$/, '$1'))

describe('k8s environment files (§7, oracles 1 and 6)', () => {
  it('are chosen in Magnum’s order: privnet, etcd, volume, lb, fip, lbfip', () => {
    const ctx = k8sContext({
      template: { fixedNetwork: 'fixed_network', dockerVolumeSize: 20, floatingIpEnabled: false },
    })
    expect(names(k8sEnvironmentFiles(ctx))).toEqual([
      'no_private_network',
      'no_etcd_volume',
      'with_volume',
      'no_master_lb',
      'disable_floating_ip',
      'disable_lb_floating_ip',
    ])
  })

  it('picks the etcd volume from etcd_volume_size ≥ 1 and Octavia from the catalog', () => {
    const ctx = k8sContext({ template: { masterLbEnabled: true }, labels: { etcd_volume_size: '1' } })
    expect(names(k8sEnvironmentFiles(ctx))).toEqual([
      'with_private_network',
      'with_etcd_volume',
      'no_volume',
      'with_master_lb_octavia',
      'enable_floating_ip',
      'enable_lb_floating_ip',
    ])
    const lbaas = k8sContext({ template: { masterLbEnabled: true }, octavia: false })
    expect(names(k8sEnvironmentFiles(lbaas))[3]).toBe('with_master_lb')
  })

  // fip / master LB / label master_lb_floating_ip_enabled → the last two files
  const cases: [boolean, boolean, string | undefined, string, string][] = [
    [true, false, undefined, 'enable_floating_ip', 'disable_lb_floating_ip'],
    [true, true, undefined, 'enable_floating_ip', 'enable_lb_floating_ip'],
    [false, true, undefined, 'disable_floating_ip', 'disable_lb_floating_ip'],
    [false, true, 'true', 'disable_floating_ip', 'enable_lb_floating_ip'],
    [false, true, 'false', 'disable_floating_ip', 'disable_lb_floating_ip'],
  ]
  for (const [fip, lb, label, fipFile, lbFile] of cases) {
    it(`fip=${fip} lb=${lb} label=${label ?? '–'} → ${fipFile} + ${lbFile}`, () => {
      const ctx = k8sContext({
        template: { floatingIpEnabled: fip, masterLbEnabled: lb },
        labels: label === undefined ? {} : { master_lb_floating_ip_enabled: label },
      })
      expect(names(k8sEnvironmentFiles(ctx)).slice(4)).toEqual([fipFile, lbFile])
    })
  }
})
