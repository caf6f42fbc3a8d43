import ora from 'ora'
import { loadConfig } from '../config/loadConfig.js'
import { startDevnet } from '../devnet/startDevnet.js'
import { BaseError } from '../errors/index.js'
import { createLogger, onShutdown, runServer } from './runServer.js'

/**
 * `npm start`: the embedded default. Starts the local devnet (three anvil
 * chains with Aave V3 and a seeded demo wallet), then serves GraphQL over it.
 */
try {
  const config = loadConfig()
  const logger = createLogger(config)
  // the devnet's start-up (the first one compiles and deploys) as progress on stderr, and in the log
  const spinner = ora({ text: 'Starting the local devnet…', stream: process.stderr }).start()
  const started = performance.now()
  const devnet = await startDevnet({
    log: (line) => {
      spinner.text = line
      logger.info(line)
    },
  }).catch((error: unknown) => {
    spinner.fail('The devnet did not start')
    throw error
  })
  spinner.succeed(`Devnet ${devnet.deployed ? 'deployed' : 'loaded'} in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  let server
  try {
    server = await runServer({ ...config, chains: null, chainsFile: devnet.chainsFile }, logger)
  } catch (error) {
    await devnet.stop()
    throw error
  }
  const demo = devnet.manifest.accounts.demo
  const origin = server.url.replace(/\/graphql$/, '')
  console.log(`
xmargin is serving GraphQL at ${server.url}
dashboard:       ${origin}/?owner=${demo}
explorer:        ${origin}/explorer?owner=${demo}
live alerts:     ${server.url.replace(/^http/, 'ws')}  (graphql-ws: subscription health)
devnet manifest: ${devnet.manifestPath}
demo wallet:     ${demo}

try:
  curl -s ${server.url} -H 'content-type: application/json' \\
    -d '{"query":"{ portfolio(owner: \\"${demo}\\") { venues { id status healthFactor liquidationPrices { riskFactor priceUsd changePct } } liquidationDistance { nearest { venueId riskFactor changePct } marketWide { changePct venueId } } } }"}'

terminal:      npx xmargin portfolio ${demo} --endpoint ${server.url}
               npx xmargin watch ${demo} --below 1.2 --endpoint ${server.url}
move a price:  npm run devnet:price -- ETH 1500
Ctrl-C stops the server and every devnet node.`)
  onShutdown(async () => {
    await server.stop()
    await devnet.stop()
  })
} catch (error) {
  console.error(error instanceof BaseError ? `${error.shortMessage}${error.details ? `\n${error.details}` : ''}` : error)
  process.exit(1)
}
