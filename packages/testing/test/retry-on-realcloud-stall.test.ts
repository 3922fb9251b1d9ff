import { StackFailedError, StackWaitTimeoutError } from '@magnum-ts/orchestration'
import { describe, expect, it, vi } from 'vitest'
import { retryOnRealcloudStall } from '../src/index.js'

const stall = (status: string) =>
  new StackWaitTimeoutError({
    stackId: 'id-1',
    stackName: 'mts-scale-1',
    status,
    until: ['UPDATE_COMPLETE'],
    timeoutMs: 100_000,
  })

describe('retryOnRealcloudStall', () => {
  it('runs the scenario a second time when the wait timed out on a stack still in progress', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const attempts: number[] = []
    const result = await retryOnRealcloudStall(async (attempt) => {
      attempts.push(attempt)
      if (attempt === 1) throw stall('UPDATE_IN_PROGRESS')
      return 'done'
    })
    expect(result).toBe('done')
    expect(attempts).toEqual([1, 2])
    expect(console.warn).toHaveBeenCalledWith(expect.stringContaining('Heat stalled on mts-scale-1'))
  })

  it('fails when the last attempt stalls too (three in all by default)', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const scenario = vi.fn(async () => {
      throw stall('UPDATE_IN_PROGRESS')
    })
    await expect(retryOnRealcloudStall(scenario)).rejects.toBeInstanceOf(StackWaitTimeoutError)
    expect(scenario).toHaveBeenCalledTimes(3)
    const twice = vi.fn(async () => {
      throw stall('UPDATE_IN_PROGRESS')
    })
    await expect(retryOnRealcloudStall(twice, { attempts: 2 })).rejects.toBeInstanceOf(StackWaitTimeoutError)
    expect(twice).toHaveBeenCalledTimes(2)
  })

  it('hands a stall on the last attempt to onLastStall (a test skips itself there)', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const given: string[] = []
    const skipped = new Error('skipped')
    const outcome = await retryOnRealcloudStall(
      async () => {
        throw stall('UPDATE_IN_PROGRESS')
      },
      {
        attempts: 2,
        onLastStall: (note) => {
          given.push(note)
          throw skipped
        },
      },
    ).catch((e) => e)
    expect(outcome).toBe(skipped)
    expect(given).toEqual([
      `realcloud's Heat stalled on all 2 attempts (last: mts-scale-1); see docs/testing.md, "Known differences"`,
    ])
  })

  it('does not retry an assertion failure, a failed stack or a timeout on a settled status', async () => {
    const failures = [
      new Error('expected 3 to be 2'),
      new StackFailedError({
        stackId: 'id-1',
        stackName: 'mts-scale-1',
        status: 'UPDATE_FAILED',
        statusReason: 'Resource UPDATE failed',
        failedResources: [],
      }),
      stall('CREATE_COMPLETE'),
    ]
    for (const failure of failures) {
      const scenario = vi.fn(async () => {
        throw failure
      })
      await expect(retryOnRealcloudStall(scenario)).rejects.toBe(failure)
      expect(scenario).toHaveBeenCalledTimes(1)
    }
  })
})
