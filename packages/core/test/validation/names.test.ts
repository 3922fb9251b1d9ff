import { InvalidParameterValueError, validateClusterName, validateTemplateName } from '@magnum-ts/core'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

describe('validateClusterName (oracle 9)', () => {
  it.each([
    'x'.repeat(243),
    '123456',
    '123456test_cluster',
    '-test_cluster',
    '.test_cluster',
    '_test_cluster',
    '',
  ])('rejects %j with 400 naming the field', (name) => {
    const error = validateClusterName(name)
    expect(error).toBeInstanceOf(InvalidParameterValueError)
    expect(error?.status).toBe(400)
    expect(error?.field).toBe('name')
    expect(error?.message).toContain('Fix:')
  })

  it.each(['test.-_cluster', 'testcluster_', 'Testcluster', 'x'.repeat(242)])('accepts %j', (name) => {
    expect(validateClusterName(name)).toBeUndefined()
  })

  it('accepts an unset name (one is generated) and rejects a non-string', () => {
    expect(validateClusterName(undefined)).toBeUndefined()
    expect(validateClusterName(42)?.field).toBe('name')
  })

  it('property: accepts exactly the names matching the pattern with 1–242 characters', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 260 }), (name) => {
        const expected = /^[a-zA-Z][a-zA-Z0-9_.-]*$/.test(name) && name.length <= 242
        expect(validateClusterName(name) === undefined).toBe(expected)
      }),
    )
  })

  it('property: every name a letter then [A-Za-z0-9_.-] up to 242 is accepted', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9_.-]{0,241}$/), (name) => {
        expect(validateClusterName(name)).toBeUndefined()
      }),
    )
  })
})

describe('validateTemplateName', () => {
  it('accepts 1–255 characters of anything and rejects empty or longer', () => {
    expect(validateTemplateName('k8s template (prod) ✓')).toBeUndefined()
    expect(validateTemplateName('t'.repeat(255))).toBeUndefined()
    expect(validateTemplateName('')?.status).toBe(400)
    expect(validateTemplateName('t'.repeat(256))?.field).toBe('name')
  })
})
