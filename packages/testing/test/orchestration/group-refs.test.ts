import { createStack, getStack, outputValues, updateStack, waitForStack } from '@magnum-ts/orchestration'
import { createFakeCloud } from '@magnum-ts/testing'
import { describe, expect, it } from 'vitest'

// Heat's ResourceGroup reference semantics: a member that is a nested template is referred to
// by that template's `OS::stack_id` output when it defines one. Magnum's node templates point it
// at the server, which is how `nodes_to_remove` can name servers by id.
const member = `heat_template_version: 2016-10-14
resources:
  server:
    type: OS::Nova::Server
    properties: { image: fedora-atomic-latest, flavor: m1.small, networks: [{ network: private }] }
outputs:
  OS::stack_id:
    value: { get_resource: server }
`
const group = `heat_template_version: 2016-10-14
parameters:
  count: { type: number }
  remove: { type: comma_delimited_list, default: [] }
resources:
  nodes:
    type: OS::Heat::ResourceGroup
    properties:
      count: { get_param: count }
      removal_policies: [{ resource_list: { get_param: remove } }]
      resource_def: { type: member.yaml }
outputs:
  refs:
    value: { get_attr: [nodes, refs] }
`

describe('mini Heat: ResourceGroup refs of nested-template members', () => {
  it('refs are the members’ OS::stack_id outputs, and removal_policies accept them', async () => {
    const cloud = createFakeCloud({ heat: { resourceSeconds: 0 } })
    const session = cloud.session()
    const stack = await createStack(session, {
      name: 'g',
      template: group,
      files: { 'member.yaml': member },
      parameters: { count: 3 },
    })
    await waitForStack(session, stack.id, { until: 'CREATE_COMPLETE', pollIntervalMs: 1 })
    const refs = outputValues((await getStack(session, stack.id)).outputs).refs as string[]
    expect(refs.sort()).toEqual([...cloud.state.compute.servers.keys()].sort())

    await updateStack(session, stack.id, { existing: true, parameters: { count: 2, remove: [refs[0]!] } })
    await waitForStack(session, stack.id, { until: 'UPDATE_COMPLETE', pollIntervalMs: 1 })
    expect([...cloud.state.compute.servers.keys()].sort()).toEqual(refs.slice(1).sort())
  })
})
