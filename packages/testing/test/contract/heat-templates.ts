import type { HotTemplate } from '@magnum-ts/orchestration'

// Templates both the fake and realcloud's Heat 19 can run: only types that need no Nova,
// Neutron or Cinder (realcloud serves Keystone and Heat alone).

/** A nested template registered as `Contract::Echo` through the environment's resource_registry. */
export const echoTemplate: HotTemplate = {
  heat_template_version: '2018-08-31',
  parameters: { message: { type: 'string' } },
  resources: { inner: { type: 'OS::Heat::Value', properties: { value: { get_param: 'message' } } } },
  outputs: { echo: { value: { get_attr: ['inner', 'value'] } } },
}

/** Random string → value → nested echo, and a ResourceGroup of `count` None members. */
export const mainTemplate: HotTemplate = {
  heat_template_version: '2018-08-31',
  description: 'magnum-ts contract stack',
  parameters: {
    greeting: { type: 'string', default: 'hello', description: 'first word of the message' },
    count: { type: 'number', default: 1, constraints: [{ range: { min: 0, max: 5 } }] },
  },
  resources: {
    rand: {
      type: 'OS::Heat::RandomString',
      properties: { length: 12, character_classes: [{ class: 'lowercase' }] },
    },
    message: {
      type: 'OS::Heat::Value',
      properties: {
        value: { list_join: ['-', [{ get_param: 'greeting' }, { get_attr: ['rand', 'value'] }]] },
      },
    },
    echo: { type: 'Contract::Echo', properties: { message: { get_attr: ['message', 'value'] } } },
    group: {
      type: 'OS::Heat::ResourceGroup',
      properties: { count: { get_param: 'count' }, resource_def: { type: 'OS::Heat::None' } },
    },
  },
  outputs: {
    random: { value: { get_attr: ['rand', 'value'] } },
    message: { value: { get_attr: ['message', 'value'] } },
    echo: { value: { get_attr: ['echo', 'echo'] } },
    group_refs: { value: { get_attr: ['group', 'refs'] } },
  },
}

/** The files and environment that go with `mainTemplate`. */
export const mainExtras = {
  files: { 'echo.yaml': echoTemplate },
  environment: { resource_registry: { 'Contract::Echo': 'echo.yaml' }, parameters: { greeting: 'hi' } },
}

/** A TestResource told to fail, after a resource that succeeds. */
export const failingTemplate: HotTemplate = {
  heat_template_version: '2018-08-31',
  resources: {
    fine: { type: 'OS::Heat::None' },
    broken: { type: 'OS::Heat::TestResource', depends_on: 'fine', properties: { value: 'x', fail: true } },
  },
}

/** A wait condition nobody signals: only `timeout_mins` ends the create. */
export const waitingTemplate: HotTemplate = {
  heat_template_version: '2018-08-31',
  resources: {
    handle: { type: 'OS::Heat::WaitConditionHandle' },
    wait: {
      type: 'OS::Heat::WaitCondition',
      properties: { handle: { get_resource: 'handle' }, count: 1, timeout: 3600 },
    },
  },
}

/** A ResourceGroup of None members, and a parameter that updates leave alone. */
export const groupTemplate: HotTemplate = {
  heat_template_version: '2018-08-31',
  parameters: { count: { type: 'number', default: 1 }, label: { type: 'string', default: 'unset' } },
  resources: {
    group: {
      type: 'OS::Heat::ResourceGroup',
      properties: { count: { get_param: 'count' }, resource_def: { type: 'OS::Heat::None' } },
    },
  },
  outputs: {
    refs: { value: { get_attr: ['group', 'refs'] } },
    label: { value: { get_param: 'label' } },
  },
}

/** Three Value members replaced one at a time by `rolling_update`, three seconds apart. */
export const rollingTemplate: HotTemplate = {
  heat_template_version: '2018-08-31',
  parameters: { value: { type: 'string', default: 'old' } },
  resources: {
    group: {
      type: 'OS::Heat::ResourceGroup',
      update_policy: { rolling_update: { max_batch_size: 1, pause_time: 3 } },
      properties: {
        count: 3,
        resource_def: { type: 'OS::Heat::Value', properties: { value: { get_param: 'value' } } },
      },
    },
  },
  outputs: { values: { value: { get_attr: ['group', 'value'] } } },
}
