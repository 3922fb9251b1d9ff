import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CLUSTER_PATCH_SCHEMA } from '../src/commands/cluster.js'
import { TEMPLATE_PATCH_SCHEMA } from '../src/commands/cluster-template.js'
import { changesFrom, deserialize, parsePatch, typePatch } from '../src/commands/json-patch.js'
import { UsageError } from '../src/errors.js'

const segment = fc.stringMatching(/^[a-z][a-z0-9_]{0,15}$/)
const safeText = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_.:-]{0,20}$/)
const jsonValue = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(safeText, { maxLength: 3 }),
  fc.dictionary(segment, safeText, { maxKeys: 3 }),
)

describe('parsePatch (python-magnumclient args_array_to_patch)', () => {
  it('property: PATH=VALUE gives path "/PATH" and the JSON value whenever VALUE is JSON', () => {
    fc.assert(
      fc.property(fc.constantFrom('add', 'replace'), segment, jsonValue, (op, path, value) => {
        fc.pre(path !== 'labels')
        const [patch] = parsePatch(op, [`${path}=${JSON.stringify(value)}`])
        expect(patch).toEqual({ op, path: `/${path}`, value })
      }),
    )
  })

  it('property: text that is not JSON is sent as the string itself, split at the first "=" only', () => {
    fc.assert(
      fc.property(segment, safeText, safeText, (path, a, b) => {
        fc.pre(path !== 'labels' && !['true', 'false', 'null'].includes(a) && Number.isNaN(Number(a)))
        const raw = `${a}=${b}`
        expect(parsePatch('replace', [`/${path}=${raw}`])).toEqual([
          { op: 'replace', path: `/${path}`, value: raw },
        ])
        expect(deserialize(a)).toBe(a)
      }),
    )
  })

  it('property: labels=k=v,k2=v2 is a labels object with string values, like --labels', () => {
    fc.assert(
      fc.property(fc.dictionary(segment, safeText, { minKeys: 1, maxKeys: 4 }), (labels) => {
        const text = Object.entries(labels)
          .map(([k, v]) => `${k}=${v}`)
          .join(',')
        expect(parsePatch('add', [`labels=${text}`])).toEqual([{ op: 'add', path: '/labels', value: labels }])
      }),
    )
  })

  it('property: remove takes bare paths; any "=" is refused naming the path to use', () => {
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 4 }), (paths) => {
        expect(parsePatch('remove', paths)).toEqual(paths.map((p) => ({ op: 'remove', path: `/${p}` })))
      }),
    )
    expect(() => parsePatch('remove', ['labels/kube_tag=v1'])).toThrow(
      /remove takes bare paths.*remove labels\/kube_tag/,
    )
  })

  it('property: anything but add, replace or remove is a UsageError naming the operation', () => {
    fc.assert(
      fc.property(segment, (op) => {
        fc.pre(!['add', 'replace', 'remove'].includes(op))
        expect(() => parsePatch(op, ['a=b'])).toThrow(
          new UsageError(
            `unknown operation "${op}": use add, replace or remove (example: replace node_count=3)`,
          ),
        )
      }),
    )
  })

  it('refuses PATH without =, an empty path and no attributes at all', () => {
    expect(() => parsePatch('replace', ['node_count'])).toThrow(/"node_count" is not PATH=VALUE/)
    expect(() => parsePatch('replace', ['=3'])).toThrow(/is not a path/)
    expect(() => parsePatch('add', [])).toThrow(/add needs at least one PATH=VALUE/)
  })
})

describe('typePatch + changesFrom on the template paths', () => {
  const current = { labels: { kube_tag: 'v1.29', a: '1' }, masterLbEnabled: false, name: 'k8s' }
  const apply = (op: string, ...attributes: string[]) =>
    changesFrom(typePatch(parsePatch(op, attributes), TEMPLATE_PATCH_SCHEMA), current)

  it('maps wire paths to model fields and converts values as magnumclient sends them', () => {
    expect(
      apply('replace', 'master_lb_enabled=true', 'docker_volume_size=10', 'dns_nameserver=8.8.8.8,1.1.1.1'),
    ).toEqual({
      masterLbEnabled: true,
      dockerVolumeSize: 10,
      dnsNameserver: ['8.8.8.8', '1.1.1.1'],
    })
    // A numeric flavor id stays a string: the field is a string.
    expect(apply('replace', 'flavor_id=2')).toEqual({ flavorId: '2' })
    expect(apply('replace', 'master_lb_enabled=True')).toEqual({ masterLbEnabled: true })
  })

  it('labels/KEY adds, replaces and removes one label; labels=… replaces them all', () => {
    expect(apply('add', 'labels/flannel_backend=vxlan')).toEqual({
      labels: { kube_tag: 'v1.29', a: '1', flannel_backend: 'vxlan' },
    })
    expect(apply('replace', 'labels/kube_tag=v1.30.0')).toEqual({ labels: { kube_tag: 'v1.30.0', a: '1' } })
    expect(apply('remove', 'labels/a')).toEqual({ labels: { kube_tag: 'v1.29' } })
    expect(apply('replace', 'labels=x=1,y=2')).toEqual({ labels: { x: '1', y: '2' } })
    expect(apply('remove', 'labels')).toEqual({ labels: {} })
    expect(() => apply('replace', 'labels/missing=1')).toThrow(
      /no label "missing" \(use add labels\/missing=VALUE\)/,
    )
  })

  it('remove resets a field to Magnum’s default; the non-removable ones are refused', () => {
    expect(apply('remove', 'master_lb_enabled', 'http_proxy')).toEqual({
      masterLbEnabled: false,
      httpProxy: undefined,
    })
    expect(() => apply('remove', 'coe')).toThrow('/coe cannot be removed: use replace coe=VALUE instead')
  })

  it('an unknown path, a read-only path or a wrong type is one UsageError naming the path and the fix', () => {
    expect(() => apply('replace', 'nodes=3')).toThrow(UsageError)
    expect(() => apply('replace', 'nodes=3')).toThrow(
      /unknown cluster template path "\/nodes": use one of name, coe, image_id/,
    )
    expect(() => apply('replace', 'uuid=x')).toThrow(
      '/uuid cannot be changed: Magnum never changes ids and timestamps',
    )
    expect(() => apply('replace', 'docker_volume_size=big')).toThrow(
      '/docker_volume_size must be a whole number (got "big"): for example docker_volume_size=3',
    )
    expect(() => apply('replace', 'server_type=vmx')).toThrow(/\/server_type must be one of vm, bm/)
    expect(() => apply('replace', 'public=maybe')).toThrow(/\/public must be true or false/)
  })

  it('property: every template path accepts a value of its own type and rejects an object', () => {
    for (const [wire, spec] of Object.entries(TEMPLATE_PATCH_SCHEMA.fields)) {
      if (spec.kind === 'labels' || spec.kind === 'list') continue
      expect(() => apply('replace', `${wire}={"a":1}`)).toThrow(UsageError)
    }
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), (n) => {
        expect(apply('replace', `apiserver_port=${n}`)).toEqual({ apiserverPort: n })
      }),
    )
  })
})

describe('cluster paths', () => {
  it('node_count is an integer (remove → Magnum’s default 1); other fields pass to the pipeline to be refused', () => {
    const typed = (op: string, ...a: string[]) =>
      changesFrom(typePatch(parsePatch(op, a), CLUSTER_PATCH_SCHEMA), { nodeCount: 2, labels: {} })
    expect(typed('replace', 'node_count=5')).toEqual({ nodeCount: 5 })
    expect(typed('remove', 'node_count')).toEqual({ nodeCount: 1 })
    expect(typed('replace', 'name=other')).toEqual({ name: 'other' })
    expect(() => typed('replace', 'node_count=lots')).toThrow(/\/node_count must be a whole number/)
    expect(() => typed('replace', 'nodes=3')).toThrow(/unknown cluster path "\/nodes"/)
  })
})
