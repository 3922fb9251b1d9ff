import { getOutput, listOutputs, outputValues } from '@magnum-ts/orchestration'
import { describe, expect, it } from 'vitest'
import { setupHeat, stackBody } from '../support/heat.js'

const heat = setupHeat()
const ID = 'o1'

describe('outputs', () => {
  it('listOutputs resolves a name (Heat does not redirect …/outputs) and GETs the list', async () => {
    heat.on('get', '/stacks/s1', () => ({ stack: stackBody(heat.base, 's1', ID) }))
    heat.on('get', `/stacks/s1/${ID}/outputs`, () => ({
      outputs: [{ output_key: 'api_address', description: 'No description given' }],
    }))
    expect(await listOutputs(heat.session(), 's1')).toEqual([
      { output_key: 'api_address', description: 'No description given' },
    ])
    expect(heat.seen.map((s) => s.path)).toEqual(['/stacks/s1', `/stacks/s1/${ID}/outputs`])
    expect(heat.seen[1]!.headers.get('x-auth-token')).toBe(heat.identity.token)
  })

  it('getOutput GETs one output with its value or its error', async () => {
    heat.on('get', `/stacks/s1/${ID}/outputs/api_address`, () => ({
      output: { output_key: 'api_address', output_value: '10.0.0.5', description: 'x' },
    }))
    const out = await getOutput(heat.session(), { name: 's1', id: ID }, 'api_address')
    expect(out.output_value).toBe('10.0.0.5')
  })

  it('outputValues flattens outputs and leaves out the ones in error', () => {
    expect(
      outputValues([
        { output_key: 'a', output_value: 1 },
        { output_key: 'b', output_error: 'The Referenced Attribute (x y) is incorrect.' },
        { output_key: 'c', output_value: null },
      ]),
    ).toEqual({ a: 1, c: null })
  })
})
