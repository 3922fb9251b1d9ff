export { OpenStackError as OpenStackErrorBase } from '@magnum-ts/auth'
export * from '@magnum-ts/certs'
