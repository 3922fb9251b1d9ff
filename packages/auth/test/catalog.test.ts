import { describe, expect, it } from 'vitest'
import {
  applyProjectTemplate,
  type CatalogService,
  canonicalServiceType,
  EndpointNotFoundError,
  selectEndpoint,
} from '../src/index.js'

const catalog: CatalogService[] = [
  {
    type: 'volumev3',
    endpoints: [
      { interface: 'public', region: 'RegionOne', url: 'http://cinder.pub/v3/%(project_id)s' },
      { interface: 'internal', region: 'RegionOne', url: 'http://cinder.int/v3/$(tenant_id)s' },
    ],
  },
  {
    type: 'compute',
    endpoints: [
      { interface: 'public', region: 'RegionOne', url: 'http://nova.one/v2.1' },
      { interface: 'public', region: 'RegionTwo', url: 'http://nova.two/v2.1' },
      { interface: 'admin', region: 'RegionOne', url: 'http://nova.admin/v2.1' },
    ],
  },
  { type: 'load-balancer', endpoints: [{ interface: 'public', region: 'RegionOne', url: 'http://octavia' }] },
]

describe('service catalog', () => {
  it('resolves authority aliases both ways', () => {
    expect(canonicalServiceType('volumev3')).toBe('block-storage')
    expect(canonicalServiceType('volume')).toBe('block-storage')
    expect(canonicalServiceType('container-infrastructure-management')).toBe('container-infra')
    expect(canonicalServiceType('key_manager')).toBe('key-manager')
    expect(
      selectEndpoint(catalog, { serviceType: 'block-storage', interface: 'public', projectId: 'p1' }),
    ).toBe('http://cinder.pub/v3/p1')
    expect(selectEndpoint(catalog, { serviceType: 'volume', interface: 'internal', projectId: 'p1' })).toBe(
      'http://cinder.int/v3/p1',
    )
  })

  it('selects by interface and region', () => {
    expect(
      selectEndpoint(catalog, { serviceType: 'compute', interface: 'public', region: 'RegionTwo' }),
    ).toBe('http://nova.two/v2.1')
    expect(selectEndpoint(catalog, { serviceType: 'compute', interface: 'admin' })).toBe(
      'http://nova.admin/v2.1',
    )
  })

  it('accepts v2-style interface names in the catalog (publicURL)', () => {
    const v2: CatalogService[] = [
      { type: 'image', endpoints: [{ interface: 'publicURL', url: 'http://glance' }] },
    ]
    expect(selectEndpoint(v2, { serviceType: 'image', interface: 'public' })).toBe('http://glance')
  })

  it('an endpoint override wins, under any alias', () => {
    expect(
      selectEndpoint(catalog, {
        serviceType: 'block-storage',
        interface: 'public',
        overrides: { volumev3: 'http://override/v3/%(tenant_id)s' },
        projectId: 'p9',
      }),
    ).toBe('http://override/v3/p9')
  })

  it('templating handles both legacy syntaxes', () => {
    expect(applyProjectTemplate('http://h/v1/%(tenant_id)s/x/$(project_id)s', 'P')).toBe('http://h/v1/P/x/P')
  })

  it('a missing service → EndpointNotFoundError naming what was asked and listing the catalog', () => {
    const error = (() => {
      try {
        selectEndpoint(catalog, { serviceType: 'key-manager', interface: 'public', region: 'RegionOne' })
      } catch (e) {
        return e as EndpointNotFoundError
      }
    })()!
    expect(error).toBeInstanceOf(EndpointNotFoundError)
    expect(error.code).toBe('ENDPOINT_NOT_FOUND')
    expect(error.serviceType).toBe('key-manager')
    expect(error.message).toContain('No public endpoint for service "key-manager" in region "RegionOne"')
    expect(error.message).toContain('the catalog has no "key-manager" service')
    expect(error.message).toContain('compute [public@RegionOne, public@RegionTwo, admin@RegionOne]')
  })

  it('a wrong interface says which interfaces exist (the seeds lost hours to this)', () => {
    expect(() => selectEndpoint(catalog, { serviceType: 'load-balancer', interface: 'internal' })).toThrow(
      /"load-balancer" exists only as public@RegionOne.*choose another interface \(OS_INTERFACE/,
    )
  })
})
