import { loadConfig } from '../config/loadConfig.js'
import { BaseError } from '../errors/index.js'
import { onShutdown, runServer } from './runServer.js'

/**
 * `npm run serve`: only the GraphQL server, against the chains the config
 * names (XMARGIN_CHAINS + RPC_URL_<chainId>), or the devnet's chains from its
 * manifest when none are named.
 */
try {
  const config = loadConfig()
  const server = await runServer(config)
  console.log(`xmargin GraphQL: ${server.url}`)
  onShutdown(() => server.stop())
} catch (error) {
  console.error(error instanceof BaseError ? error.shortMessage : error)
  process.exit(1)
}
