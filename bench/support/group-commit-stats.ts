import { Agent } from 'node:http'
import { send } from './load-generator.js'

/** Mean writes per committed transaction, from the server's Prometheus histogram (src/http/metrics.ts). */
export async function meanWritesPerTransaction(url: string): Promise<{ transactions: number; meanWrites: number }> {
  const agent = new Agent()
  try {
    const { body } = await send(url, agent, { method: 'GET', path: '/metrics' })
    const read = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(body)?.[1] ?? NaN)
    const transactions = read('watchplane_commit_batch_writes_count')
    return { transactions, meanWrites: read('watchplane_commit_batch_writes_sum') / transactions }
  } finally {
    agent.destroy()
  }
}
