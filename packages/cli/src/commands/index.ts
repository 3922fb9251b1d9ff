import {
  caRotate,
  caShow,
  caSign,
  clusterUpgrade,
  quotaCreate,
  quotaDelete,
  quotaList,
  quotaShow,
  quotaUpdate,
  statsCommand,
} from './admin.js'
import { catalogList } from './catalog.js'
import {
  clusterConfig,
  clusterCreate,
  clusterDelete,
  clusterList,
  clusterResize,
  clusterShow,
  clusterUpdate,
} from './cluster.js'
import {
  clusterTemplateCreate,
  clusterTemplateDelete,
  clusterTemplateList,
  clusterTemplateShow,
  clusterTemplateUpdate,
} from './cluster-template.js'
import type { Command } from './command.js'
import { demo } from './demo.js'
import { doctorCommand } from './doctor.js'
import { fakeCloudServe } from './fake-cloud.js'
import {
  nodegroupCreate,
  nodegroupDelete,
  nodegroupList,
  nodegroupShow,
  nodegroupUpdate,
} from './nodegroup.js'
import { tokenIssue } from './token.js'

/** Every command the CLI knows, in help order. */
export const commands: readonly Command[] = [
  clusterTemplateCreate,
  clusterTemplateList,
  clusterTemplateShow,
  clusterTemplateUpdate,
  clusterTemplateDelete,
  clusterCreate,
  clusterList,
  clusterShow,
  clusterUpdate,
  clusterResize,
  clusterUpgrade,
  clusterConfig,
  clusterDelete,
  nodegroupCreate,
  nodegroupList,
  nodegroupShow,
  nodegroupUpdate,
  nodegroupDelete,
  caShow,
  caSign,
  caRotate,
  quotaCreate,
  quotaList,
  quotaShow,
  quotaUpdate,
  quotaDelete,
  statsCommand,
  doctorCommand,
  catalogList,
  tokenIssue,
  fakeCloudServe,
  demo,
]
