import { BadRequestError } from '@magnum-ts/auth'
import { hotTemplate, validateTemplate } from '@magnum-ts/orchestration'
import { describe, expect, it } from 'vitest'
import { heatError, setupHeat } from '../support/heat.js'

const heat = setupHeat()

describe('validateTemplate', () => {
  it('POSTs /validate with template, files, environment and show_nested', async () => {
    heat.on('post', '/validate', () => ({
      Description: 'x',
      Parameters: { length: { Type: 'Number', Default: 8, MinValue: 4, MaxValue: 64, NoEcho: 'false' } },
    }))
    const result = await validateTemplate(heat.session(), {
      template: 'heat_template_version: 2018-08-31\n',
      files: { 'n.yaml': hotTemplate() },
      environment: 'resource_registry: {}\n',
      environmentFiles: ['e.yaml'],
      showNested: true,
      ignoreErrors: ['ParameterValidationFailed'],
    })
    expect(result.Parameters.length?.MinValue).toBe(4)
    const req = heat.seen[0]!
    expect(req.method).toBe('POST')
    expect(req.query.get('show_nested')).toBe('true')
    expect(req.query.get('ignore_errors')).toBe('ParameterValidationFailed')
    expect(req.body).toEqual({
      template: 'heat_template_version: 2018-08-31\n',
      files: { 'n.yaml': 'heat_template_version: 2018-08-31\nresources: {}\n' },
      environment: 'resource_registry: {}\n',
      environment_files: ['e.yaml'],
    })
    expect(req.headers.get('x-auth-token')).toBe(heat.identity.token)
  })

  it('an invalid template is a BadRequestError with Heat message', async () => {
    heat.on('post', '/validate', () =>
      heatError(400, 'StackValidationFailed', 'The Resource Type (OS::No::Such) could not be found.'),
    )
    const error = await validateTemplate(heat.session(), { template: hotTemplate() }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BadRequestError)
    expect((error as Error).message).toContain('The Resource Type (OS::No::Such) could not be found.')
  })
})
