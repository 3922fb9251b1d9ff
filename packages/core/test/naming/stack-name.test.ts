import {
  CLUSTER_NAME_PATTERN,
  clusterStackName,
  isValidHostnameLabel,
  nodeGroupStackName,
  serverName,
  shortId,
  stackTimeoutMinutes,
} from '@magnum-ts/core'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

const clusterName = fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9_.-]{0,241}$/)

describe('clusterStackName (§6, oracle 3)', () => {
  it('turns _ and . into -, keeps the id and lower-cases', () => {
    expect(clusterStackName('expected_stack_name', { id: 'xx-xx-xx-xx' })).toBe(
      'expected-stack-name-xx-xx-xx-xx',
    )
    expect(clusterStackName('My.Cluster', { id: 'ABCDEFGHIJKL' })).toBe('my-cluster-abcdefghijkl')
  })

  it('keeps only the first 30 characters of the name', () => {
    const name = `a${'b'.repeat(40)}`
    expect(clusterStackName(name, { id: 'id' })).toBe(`a${'b'.repeat(29)}-id`)
  })

  it('drops characters outside [A-Za-z0-9-]', () => {
    expect(clusterStackName('ab c$d', { id: 'x' })).toBe('abcd-x')
  })

  it('draws a fresh 12-character base32 id when none is given', () => {
    const a = clusterStackName('c1')
    const b = clusterStackName('c1')
    expect(a).toMatch(/^c1-[a-z2-7]{12}$/)
    expect(a).not.toBe(b)
    expect(shortId()).toMatch(/^[a-z2-7]{12}$/)
  })

  it('property: any accepted cluster name yields a lower-case [a-z0-9-] name of ≤ 43 characters starting with the sanitised prefix', () => {
    fc.assert(
      fc.property(clusterName, (name) => {
        expect(CLUSTER_NAME_PATTERN.test(name)).toBe(true)
        const stack = clusterStackName(name)
        expect(stack).toMatch(/^[a-z][a-z0-9-]*$/)
        expect(stack.length).toBeLessThanOrEqual(43)
        expect(stack.startsWith(name.slice(0, 30).replace(/[_.]/g, '-').toLowerCase())).toBe(true)
      }),
    )
  })
})

describe('nodeGroupStackName (§6)', () => {
  it('is <name[:20]>-<ng[:9]>-<id>, sanitised', () => {
    expect(nodeGroupStackName('a_very_long_cluster_name_indeed', 'gpu_workers_big', { id: 'abc' })).toBe(
      'a-very-long-cluster--gpu-worke-abc',
    )
  })

  it('property: at most 20 + 1 + 9 + 1 + 12 characters, all host-name safe', () => {
    fc.assert(
      fc.property(clusterName, fc.string({ minLength: 1, maxLength: 255 }), (name, ng) => {
        const stack = nodeGroupStackName(name, ng)
        expect(stack.length).toBeLessThanOrEqual(43)
        expect(stack).toMatch(/^[a-z0-9-]+$/)
      }),
    )
  })
})

describe('server names (seed 002: an underscore in a VM name breaks kubelet)', () => {
  it('normalises instead of rejecting: testcluster_ gives valid host names', () => {
    const name = serverName(clusterStackName('testcluster_', { id: 'abcdefghijkl' }), 'minion', 0)
    expect(name).toBe('testcluster--abcdefghijkl-minion-0')
    expect(isValidHostnameLabel(name)).toBe(true)
    expect(isValidHostnameLabel('test_cluster-minion-0')).toBe(false)
  })

  it('property: every accepted cluster name gives RFC 1123 host names for every role and index', () => {
    const role = fc.constantFrom('master', 'minion', 'node', 'slave', 'primary-master', 'secondary-master')
    fc.assert(
      fc.property(clusterName, role, fc.integer({ min: 0, max: 99_999 }), (name, r, index) => {
        const host = serverName(clusterStackName(name), r, index)
        expect(isValidHostnameLabel(host)).toBe(true)
        expect(host.endsWith(`-${r}-${index}`)).toBe(true)
      }),
    )
  })
})

describe('stackTimeoutMinutes (oracle 3)', () => {
  it('passes a timeout through and maps 0, null and unset to 60', () => {
    expect(stackTimeoutMinutes(15)).toBe(15)
    expect(stackTimeoutMinutes(0)).toBe(60)
    expect(stackTimeoutMinutes(null)).toBe(60)
    expect(stackTimeoutMinutes(undefined)).toBe(60)
  })
})
