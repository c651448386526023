/**
 * /version. kubectl on these machines picks its binary by the server's minor version, so we
 * report the Kubernetes API level we mimic: 1.32.
 */
export const VERSION_INFO = Object.freeze({
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.0-watchplane',
  gitCommit: 'watchplane',
  gitTreeState: 'clean',
  buildDate: '2026-11-25T00:00:00Z',
  goVersion: 'n/a',
  compiler: 'watchplane',
  platform: `${process.platform}/${process.arch === 'x64' ? 'amd64' : process.arch}`,
})
