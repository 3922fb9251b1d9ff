/**
 * Lint a template, create a stack, stream its events until CREATE_COMPLETE, read outputs,
 * update it in place, then delete it. Uses only Heat-native resources, plus an environment
 * that maps OS::Nova::Server to OS::Heat::None so it also runs on a Heat without Nova.
 *
 *   OS_CLOUD=mycloud npx tsx packages/orchestration/examples/create-and-wait.ts
 */
import { createSession, loadCloudConfig } from '@magnum-ts/auth'
import {
  createStack,
  deleteStack,
  fn,
  getStack,
  hotTemplate,
  latestEventId,
  lintTemplate,
  output,
  outputValues,
  parameter,
  resource,
  StackFailedError,
  updateStack,
  waitForStack,
} from '@magnum-ts/orchestration'

const session = createSession(await loadCloudConfig())

const info = hotTemplate({
  parameters: { prefix: parameter('string') },
  resources: { suffix: resource('OS::Heat::RandomString', { length: 6 }) },
  outputs: { name: output(fn.listJoin('-', [fn.getParam('prefix'), fn.getAttr('suffix', 'value')])) },
})
const template = hotTemplate({
  description: 'magnum-ts example',
  parameters: { count: parameter('number', { default: 2, constraints: [{ range: { min: 1, max: 5 } }] }) },
  resources: {
    nodes: resource('OS::Heat::ResourceGroup', {
      count: fn.getParam('count'),
      resource_def: { type: 'OS::Heat::RandomString', properties: { length: 4 } },
    }),
    info: resource('info.yaml', { prefix: 'example' }),
    server: resource('OS::Nova::Server', { image: 'fedora', flavor: 'm1.small' }),
  },
  outputs: {
    nodes: output(fn.getAttr('nodes', 'value')),
    name: output(fn.getAttr('info', 'name')),
  },
})
const files = { 'info.yaml': info }
const environment = { resource_registry: { 'OS::Nova::Server': 'OS::Heat::None' } }

const findings = lintTemplate({ template, files, environment })
if (findings.length) throw new Error(findings.map((f) => `${f.path}: ${f.message}`).join('\n'))

const stack = await createStack(session, {
  name: `example-${Date.now()}`,
  template,
  files,
  environment,
  tags: ['example'],
  timeoutMins: 10,
})
try {
  await waitForStack(session, stack, {
    until: 'CREATE_COMPLETE',
    onEvent: (e) => console.log(e.event_time, e.resource_name, e.resource_status),
  })
  console.log(outputValues((await getStack(session, stack)).outputs))

  const marker = await latestEventId(session, stack)
  await updateStack(session, stack, { existing: true, parameters: { count: 3 } })
  await waitForStack(session, stack, {
    until: 'UPDATE_COMPLETE',
    ...(marker ? { eventMarker: marker } : {}),
    onEvent: (e) => console.log('update:', e.resource_name, e.resource_status),
  })
  console.log(outputValues((await getStack(session, stack)).outputs))
} catch (error) {
  if (error instanceof StackFailedError) console.error(error.statusReason, error.failedResources)
  throw error
} finally {
  await deleteStack(session, stack)
  await waitForStack(session, stack, { until: 'DELETE_COMPLETE' })
}
