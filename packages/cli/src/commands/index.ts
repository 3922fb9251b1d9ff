import { catalogList } from './catalog.js'
import type { Command } from './command.js'
import { demo } from './demo.js'
import { fakeCloudServe } from './fake-cloud.js'
import { tokenIssue } from './token.js'

/** Every command the CLI knows, in help order. */
export const commands: readonly Command[] = [catalogList, tokenIssue, fakeCloudServe, demo]
