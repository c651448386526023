// The default imagePullPolicy of a container (k8s: pkg/apis/core/v1/defaults.go SetDefaults_Container):
// Always for an image whose tag is `latest`, or that names neither tag nor digest; IfNotPresent
// otherwise, including for a reference kube cannot parse (it ignores ParseImageName's error).
// ParseImageName (pkg/util/parsers/parsers.go) reads the reference as github.com/distribution/
// reference's ParseNormalizedNamed does, with the grammar of its regexp.go.

const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*'
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])'
const HOST = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])`
const NAME = `(?:${HOST}(?::[0-9]+)?/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`
const TAG = '[\\w][\\w.-]{0,127}'
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}'
const REFERENCE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`)
const IMAGE_ID = /^[a-f0-9]{64}$/
/** reference.NameTotalLengthMax */
const MAX_NAME_LENGTH = 255

/**
 * splitDockerDomain: a first component without `.` or `:` that is not `localhost` (nor has capitals)
 * is no domain; Docker Hub's official images live under `library/`.
 */
function withDomain(image: string): { domain: string; remainder: string } {
  const slash = image.indexOf('/')
  const first = image.slice(0, slash)
  const isHub = slash < 0 || (!/[.:]/.test(first) && first !== 'localhost' && first.toLowerCase() === first)
  const domain = isHub ? 'docker.io' : first === 'index.docker.io' ? 'docker.io' : first
  const remainder = isHub ? image : image.slice(slash + 1)
  return { domain, remainder: domain === 'docker.io' && !remainder.includes('/') ? `library/${remainder}` : remainder }
}

/** The tag ParseImageName reports: `latest` when the reference has neither tag nor digest; undefined when unparsable. */
export function imageTag(image: string): string | undefined {
  if (IMAGE_ID.test(image)) return undefined
  const { domain, remainder } = withDomain(image)
  const repository = remainder.split(':')[0]!
  if (repository.toLowerCase() !== repository) return undefined
  const match = REFERENCE.exec(`${domain}/${remainder}`)
  if (!match || match[1]!.length > MAX_NAME_LENGTH) return undefined
  const [, , tag, digest] = match
  return tag ?? (digest ? '' : 'latest')
}

// A cluster runs few distinct images, and each container is defaulted twice per write (decode, then
// after the strategy): the answer per image is kept, in a bounded map.
const POLICY_CACHE_LIMIT = 1024
const policyByImage = new Map<string, 'Always' | 'IfNotPresent'>()

/** The imagePullPolicy a container of this image gets when it names none. */
export function defaultPullPolicy(image: unknown): 'Always' | 'IfNotPresent' {
  if (typeof image !== 'string') return 'IfNotPresent'
  let policy = policyByImage.get(image)
  if (policy === undefined) {
    policy = imageTag(image) === 'latest' ? 'Always' : 'IfNotPresent'
    if (policyByImage.size >= POLICY_CACHE_LIMIT) policyByImage.clear()
    policyByImage.set(image, policy)
  }
  return policy
}
