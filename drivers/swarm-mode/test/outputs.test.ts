import { readSwarmOutputs, swarmModeDriver } from '@magnum-ts/driver-swarm-mode'
import type { Stack } from '@magnum-ts/orchestration'
import { describe, expect, it } from 'vitest'
import { swarmContext } from './support/context.js'

function stack(outputs: Record<string, unknown>, parameters: Record<string, string> = {}): Stack {
  return {
    outputs: Object.entries(outputs).map(([output_key, output_value]) => ({ output_key, output_value })),
    parameters,
  } as Stack
}

const full = {
  api_address: '172.24.4.10',
  swarm_primary_master: ['172.24.4.10'],
  swarm_primary_master_private: ['10.0.0.5'],
  swarm_secondary_masters: ['172.24.4.11', '172.24.4.12'],
  swarm_secondary_masters_private: ['10.0.0.6', '10.0.0.7'],
  swarm_nodes: ['172.24.4.20'],
  swarm_nodes_private: ['10.0.0.8'],
}

describe('swarm-mode outputs', () => {
  it('reports tcp://<ip>:2375, floating addresses, and counts from the stack parameters', () => {
    const result = readSwarmOutputs(
      stack(full, { number_of_masters: '3', number_of_nodes: '1' }),
      swarmContext(),
    )
    expect(result).toEqual({
      apiAddress: 'tcp://172.24.4.10:2375',
      masterAddresses: ['172.24.4.10', '172.24.4.11', '172.24.4.12'],
      nodeAddresses: ['172.24.4.20'],
      counts: { master: 3, worker: 1 },
    })
  })

  it('uses the *_private outputs when floating IPs are off', () => {
    const ctx = swarmContext({ template: { floatingIpEnabled: false } })
    const result = swarmModeDriver.readOutputs(stack({ ...full, api_address: '10.0.0.5' }), ctx)
    expect(result.apiAddress).toBe('tcp://10.0.0.5:2375')
    expect(result.masterAddresses).toEqual(['10.0.0.5', '10.0.0.6', '10.0.0.7'])
    expect(result.nodeAddresses).toEqual(['10.0.0.8'])
  })

  it('keeps the stored api_address (undefined) when the output is null, and skips null members', () => {
    const result = readSwarmOutputs(
      stack({ api_address: null, swarm_nodes: [null, '172.24.4.21'] }),
      swarmContext(),
    )
    expect(result.apiAddress).toBeUndefined()
    expect(result.nodeAddresses).toEqual(['172.24.4.21'])
    expect(result.masterAddresses).toEqual([])
    expect(result.coeVersion).toBeUndefined()
  })
})
