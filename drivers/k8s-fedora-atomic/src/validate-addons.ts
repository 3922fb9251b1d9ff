import type { Labels, Problem } from '@magnum-ts/core'
import { DEFAULT_PORTAL_NETWORK_CIDR, ipv4CidrRange, ipv4ToNumber } from './template-definition/dns.js'
import { labelTrue } from './template-definition/labels.js'

/** The ingress controllers fragments/addon-ingress.sh installs (`ingress_controller`, any case). */
export const INGRESS_CONTROLLERS = ['traefik', 'nginx', 'octavia'] as const

// A DNS name: dot-separated labels of letters, digits and inner hyphens.
const DNS_DOMAIN = /^(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))*$/i

/**
 * The add-on labels the master-0 scripts would otherwise fail on after the servers are built:
 * an ingress controller they do not know, a DNS address kubelet could not reach (outside the
 * service network), a cluster domain CoreDNS cannot serve, and an empty Grafana password.
 */
export function addonProblems(labels: Labels): Problem[] {
  const problems: (Problem | undefined)[] = [
    ingressProblem(labels),
    dnsServiceIpProblem(labels),
    dnsDomainProblem(labels),
    grafanaPasswordProblem(labels),
  ]
  return problems.filter((p): p is Problem => p !== undefined)
}

function ingressProblem(labels: Labels): Problem | undefined {
  const value = labels.ingress_controller
  if (value === undefined || value === '') return undefined
  if ((INGRESS_CONTROLLERS as readonly string[]).includes(value.toLowerCase())) return undefined
  return {
    field: 'labels.ingress_controller',
    message: `Label ingress_controller=${value} is not supported, expecting one of ${INGRESS_CONTROLLERS.join(', ')}`,
    fix: `set ingress_controller to one of ${INGRESS_CONTROLLERS.join(', ')}, or remove the label for no ingress controller`,
  }
}

function dnsServiceIpProblem(labels: Labels): Problem | undefined {
  const value = labels.dns_service_ip
  if (!value) return undefined
  const cidr = labels.service_cluster_ip_range || DEFAULT_PORTAL_NETWORK_CIDR
  const ip = ipv4ToNumber(value)
  if (ip === undefined) {
    return {
      field: 'labels.dns_service_ip',
      message: `Label dns_service_ip=${value} is not an IPv4 address`,
      fix: `set dns_service_ip to an address inside ${cidr} (e.g. its tenth address), or remove the label`,
    }
  }
  const range = ipv4CidrRange(cidr)
  if (range && (ip <= range.first || ip >= range.last)) {
    return {
      field: 'labels.dns_service_ip',
      message: `Label dns_service_ip=${value} is outside the service network ${cidr}, so pods could not reach the cluster DNS`,
      fix: `pick an address inside ${cidr} (e.g. its tenth address), or remove dns_service_ip to get that default`,
    }
  }
  return undefined
}

function dnsDomainProblem(labels: Labels): Problem | undefined {
  const value = labels.dns_cluster_domain
  if (value === undefined || DNS_DOMAIN.test(value)) return undefined
  return {
    field: 'labels.dns_cluster_domain',
    message: `Label dns_cluster_domain=${value} is not a DNS domain name`,
    fix: 'use dot-separated names of letters, digits and hyphens (e.g. cluster.local), or remove the label',
  }
}

function grafanaPasswordProblem(labels: Labels): Problem | undefined {
  if (labels.grafana_admin_passwd !== '' || !labelTrue(labels.prometheus_monitoring, false)) return undefined
  return {
    field: 'labels.grafana_admin_passwd',
    message:
      'grafana_admin_passwd is empty while prometheus_monitoring is on, so Grafana would get no admin password',
    fix: 'set grafana_admin_passwd to a password, or remove the label to keep the template default (admin, change it at first login)',
  }
}
