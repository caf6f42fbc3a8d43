import { startDevnet } from './startDevnet.js'

/**
 * `npm run devnet`: starts the local chains in the foreground; Ctrl-C (or
 * SIGTERM) stops every node it started.
 */
const basePort = process.env.DEVNET_BASE_PORT ? Number(process.env.DEVNET_BASE_PORT) : undefined
const devnet = await startDevnet({ basePort, log: (l) => console.log(l) })
for (const c of devnet.manifest.chains) {
  console.log(`  ${c.chainId}  ${c.name.padEnd(36)} ${c.rpcUrl}  Aave V3 pool ${c.aaveV3.pool}`)
}
console.log(`manifest: ${devnet.manifestPath}`)
console.log(`demo wallet: ${devnet.manifest.accounts.demo}`)
console.log('devnet running; Ctrl-C stops it')
let stopping = false
const stop = async () => {
  if (stopping) return
  stopping = true
  await devnet.stop()
  process.exit(0)
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
