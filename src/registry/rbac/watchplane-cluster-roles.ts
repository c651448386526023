import { rule, type PolicyRule } from '../../auth/rbac/policy-rule.js'
import { HISTORY_SUBRESOURCE, WATCHPLANE_PATHS } from '../../auth/watchplane-endpoints.js'
import { AGGREGATE_TO_ADMIN, AGGREGATE_TO_EDIT, AGGREGATE_TO_VIEW, KUBE_CLUSTER_ROLES, type BootstrapClusterRole } from './kube-cluster-roles.js'

// watchplane's own default roles (docs/decisions/0013-authorizing-watchplane-endpoints.md):
// reading the past is the `history` subresource of what it is the past of, granted to view, edit
// and admin through kube's aggregation labels, so that each sees the history of what it reads,
// except Secrets, whose past values only admin sees.

const HISTORY_VERBS = ['get', 'list', 'watch']
const SECRETS = 'secrets'

/** `<resource>/history` for every whole resource (not subresource) the rules let one get */
function historyOf(rules: readonly PolicyRule[], except: readonly string[] = []): PolicyRule[] {
  return rules
    .filter((r) => r.verbs.includes('get') || r.verbs.includes('*'))
    .map((r) => ({ r, resources: r.resources.filter((name) => !name.includes('/') && !except.includes(name)) }))
    .filter(({ resources }) => resources.length > 0)
    .map(({ r, resources }) => rule(HISTORY_VERBS, { apiGroups: r.apiGroups, resources: resources.map((name) => `${name}/${HISTORY_SUBRESOURCE}`) }))
}

const kubeRulesOf = (name: string) => KUBE_CLUSTER_ROLES.find((r) => r.name === name)!.rules

export const WATCHPLANE_CLUSTER_ROLES: readonly BootstrapClusterRole[] = [
  {
    // The history API and the change feed (which then judge `<resource>/history` per object, and
    // per change) and the multiplexed socket (each subscription judged as the watch it stands for).
    name: 'watchplane:basic-user',
    rules: [rule(['get'], { nonResourceURLs: [WATCHPLANE_PATHS.history, WATCHPLANE_PATHS.changes, WATCHPLANE_PATHS.multiplex] })],
  },
  {
    // The timeline page's static files hold no data: like system:public-info-viewer, everyone may
    // load them, so that the page can ask for a token before it reads anything.
    name: 'watchplane:ui-viewer',
    rules: [rule(['get'], { nonResourceURLs: [WATCHPLANE_PATHS.ui, `${WATCHPLANE_PATHS.ui}/*`] })],
  },
  { name: 'watchplane:aggregate-to-view', labels: { [AGGREGATE_TO_VIEW]: 'true' }, rules: historyOf(kubeRulesOf('system:aggregate-to-view')) },
  { name: 'watchplane:aggregate-to-edit', labels: { [AGGREGATE_TO_EDIT]: 'true' }, rules: historyOf(kubeRulesOf('system:aggregate-to-edit'), [SECRETS]) },
  {
    name: 'watchplane:aggregate-to-admin',
    labels: { [AGGREGATE_TO_ADMIN]: 'true' },
    rules: [rule(HISTORY_VERBS, { apiGroups: [''], resources: [`${SECRETS}/${HISTORY_SUBRESOURCE}`] }), ...historyOf(kubeRulesOf('system:aggregate-to-admin'))],
  },
]
