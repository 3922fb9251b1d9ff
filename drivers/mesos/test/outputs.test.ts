import type { Cluster } from '@magnum-ts/core'
import { mesosClusterConfig, mesosDriver, privateSlaveAddresses } from '@magnum-ts/driver-mesos'
import type { Stack } from '@magnum-ts/orchestration'
import { describe, expect, it } from 'vitest'
import { mesosContext } from './support/context.js'

const stack = {
  parameters: { number_of_masters: '3', number_of_slaves: '2' },
  outputs: [
    { output_key: 'api_address', output_value: '172.24.4.5' },
    { output_key: 'mesos_master', output_value: ['172.24.4.5', '172.24.4.6', '172.24.4.7'] },
    { output_key: 'mesos_master_private', output_value: ['10.0.0.3', '10.0.0.4', '10.0.0.5'] },
    { output_key: 'mesos_slaves', output_value: ['172.24.4.8', '172.24.4.9'] },
    { output_key: 'mesos_slaves_private', output_value: ['10.0.0.8', '10.0.0.9'] },
  ],
} as unknown as Stack

describe('mesos outputs', () => {
  it('reports the API as a bare IP, the floating addresses, and counts', () => {
    expect(mesosDriver.readOutputs(stack, mesosContext())).toEqual({
      apiAddress: '172.24.4.5',
      masterAddresses: ['172.24.4.5', '172.24.4.6', '172.24.4.7'],
      nodeAddresses: ['172.24.4.8', '172.24.4.9'],
      counts: { master: 3, worker: 2 },
    })
  })

  it('does not fall back to private addresses, even with floating IPs off', () => {
    const ctx = mesosContext({ template: { floatingIpEnabled: false } })
    expect(mesosDriver.readOutputs(stack, ctx).nodeAddresses).toEqual(['172.24.4.8', '172.24.4.9'])
    expect(privateSlaveAddresses(stack)).toEqual(['10.0.0.8', '10.0.0.9'])
  })

  it('keeps the stored api_address when the output is null', () => {
    const empty = {
      parameters: {},
      outputs: [{ output_key: 'api_address', output_value: null }],
    } as unknown as Stack
    expect(mesosDriver.readOutputs(empty, mesosContext())).toEqual({
      apiAddress: undefined,
      masterAddresses: [],
      nodeAddresses: [],
      counts: {},
    })
  })
})

describe('mesos cluster config', () => {
  it('exports MESOS_MASTER (first master, 5050) and MARATHON_URL (api, 8080), no files', () => {
    const cluster = { apiAddress: '172.24.4.100', masterAddresses: ['172.24.4.5'] } as unknown as Cluster
    expect(mesosDriver.clusterConfig(cluster, { ca: '', cert: '', key: '' })).toEqual({
      files: {},
      env: { MESOS_MASTER: '172.24.4.5:5050', MARATHON_URL: 'http://172.24.4.100:8080' },
    })
  })

  it('exports nothing while the addresses are unknown', () => {
    expect(mesosClusterConfig({ masterAddresses: [] } as unknown as Cluster).env).toEqual({})
  })
})
