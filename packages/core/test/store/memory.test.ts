import { memoryStore } from '@magnum-ts/core'
import { describe } from 'vitest'
import { storeConformance } from './conformance.js'

describe('memoryStore', () => {
  storeConformance({ open: async () => memoryStore() })
})
