import type { Stack, StackOutput } from '@magnum-ts/orchestration'
import { describe, expect, it } from 'vitest'
import { type ContextOptions, k8sContext, testDriver } from './support/context.js'

const driver = testDriver()

function stack(outputs: Record<string, unknown>, parameters: Record<string, string> = {}): Stack {
  const list: StackOutput[] = Object.entries(outputs).map(([output_key, output_value]) => ({
    output_key,
    output_value,
  }))
  return { outputs: list, parameters } as unknown as Stack
}

const OUTPUTS = {
  api_address: '172.24.4.10',
  kube_masters: ['172.24.4.10'],
  kube_masters_private: ['10.0.0.5'],
  kube_minions: ['172.24.4.11', null],
  kube_minions_private: ['10.0.0.6', '10.0.0.7'],
}

const read = (
  options: ContextOptions,
  outputs: Record<string, unknown> = OUTPUTS,
  parameters?: Record<string, string>,
) => driver.readOutputs(stack(outputs, parameters), k8sContext(options))

describe('k8s outputs (§7a, oracles 5 and 14)', () => {
  it('api_address is https://<ip>:6443, or http://<ip>:8080 with TLS disabled', () => {
    expect(read({}).apiAddress).toBe('https://172.24.4.10:6443')
    expect(read({ template: { tlsDisabled: true } }).apiAddress).toBe('http://172.24.4.10:8080')
  })

  it('a null api_address keeps the stored value (undefined)', () => {
    expect(read({}, { ...OUTPUTS, api_address: null }).apiAddress).toBeUndefined()
  })

  it('uses the floating addresses, or the private ones when floating IPs are off', () => {
    expect(read({})).toMatchObject({ masterAddresses: ['172.24.4.10'], nodeAddresses: ['172.24.4.11'] })
    expect(read({ template: { floatingIpEnabled: false } })).toMatchObject({
      masterAddresses: ['10.0.0.5'],
      nodeAddresses: ['10.0.0.6', '10.0.0.7'],
    })
  })

  it('reads node counts and coe_version from the stack parameters', () => {
    const out = read({}, OUTPUTS, { number_of_masters: '3', number_of_minions: '2', kube_version: 'v1.16.3' })
    expect(out.counts).toEqual({ master: 3, worker: 2 })
    expect(out.coeVersion).toBe('v1.16.3')
  })

  it('reports the driver’s container_version', () => {
    expect(driver.containerVersion).toBe('1.12.6')
  })
})
