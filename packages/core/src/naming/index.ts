export { generateName } from './generated-name.js'
export { isValidHostnameLabel, serverName } from './hostname.js'
export { shortId } from './short-id.js'
export {
  clusterStackName,
  nodeGroupStackName,
  type StackNameOptions,
  stackTimeoutMinutes,
} from './stack-name.js'
