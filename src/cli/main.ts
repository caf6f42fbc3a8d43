import { Command, InvalidArgumentError, Option } from 'commander'
import ora from 'ora'
import pc from 'picocolors'
import { createXmarginClient, XmarginClientError, type XmarginClient } from '../client/index.js'
import type { HealthUpdateView } from '../client/live.js'
import { connect, type Engine } from './connect.js'
import { renderPortfolio, formatHealthFactor } from './format.js'

/**
 * `xmargin`: the terminal client (`npx xmargin …`). Every command talks to an
 * xmargin server through the typed client: the one at `--endpoint` (or
 * `XMARGIN_ENDPOINT`), or, with neither, an embedded one over its own local
 * devnet (own ports and folder, so it never collides with `npm start`),
 * started with progress on stderr. Output on stdout; errors on stderr with
 * the server's public code; exit code 1 on failure (bad usage included).
 */

/** `--chains 1,42161` → chain ids (keys like `mainnet` are resolved through the server's `chains`). */
async function chainIdsOf(client: XmarginClient, chains: string[] | undefined): Promise<number[] | undefined> {
  if (!chains || chains.length === 0) return undefined
  const known = await client.chains()
  return chains.map((c) => {
    if (/^\d+$/.test(c)) return Number(c)
    const match = known.find((k) => k.key === c || k.name.toLowerCase() === c.toLowerCase())
    if (!match) throw new XmarginClientError('BAD_USER_INPUT', `Unknown chain "${c}"; this server reads: ${known.map((k) => `${k.chainId} (${k.key})`).join(', ')}.`)
    return match.chainId
  })
}

function parseChains(value: string): string[] {
  return value.split(',').map((s) => s.trim()).filter((s) => s.length > 0)
}

function parsePositive(value: string): number {
  const n = Number(value)
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a positive number.')
  return n
}

/** Runs `body` against an engine, stopping it after, and maps failures to exit code 1 with the public code. */
async function withEngine(endpoint: string | undefined, quiet: boolean, body: (client: XmarginClient, engine: Engine) => Promise<void>): Promise<void> {
  let engine: Engine | null = null
  try {
    engine = await connect(endpoint, quiet)
    await body(createXmarginClient({ endpoint: engine.endpoint }), engine)
  } catch (error) {
    process.exitCode = 1
    if (error instanceof XmarginClientError) console.error(pc.red(`error ${error.code}: ${error.message}`))
    else console.error(pc.red(`error: ${error instanceof Error ? error.message : String(error)}`))
  } finally {
    await engine?.stop()
  }
}

const program = new Command()
  .name('xmargin')
  .description('Cross-chain margin health from an xmargin GraphQL server (an embedded devnet one unless --endpoint is given).')
  .showHelpAfterError()
const endpointOption = () => new Option('--endpoint <url>', 'GraphQL endpoint of a running xmargin server').env('XMARGIN_ENDPOINT')
const chainsOption = () => new Option('--chains <ids>', 'chain ids or keys to read, comma-separated (default: every configured chain)').argParser(parseChains)

program
  .command('portfolio')
  .description('venues, health factors, risk-based requirement as one account, nearest liquidation and worst stress scenario of a wallet')
  .argument('<address>', 'wallet address (0x…)')
  .addOption(chainsOption())
  .option('--json', 'print the typed client result as JSON')
  .addOption(endpointOption())
  .action(async (address: string, opts: { chains?: string[]; json?: boolean; endpoint?: string }) => {
    await withEngine(opts.endpoint, opts.json === true && !process.stderr.isTTY, async (client) => {
      const chainIds = await chainIdsOf(client, opts.chains)
      const spinner = ora({ text: `Reading ${address}…`, stream: process.stderr, isSilent: opts.json === true }).start()
      try {
        if (opts.json) {
          const portfolio = await client.portfolio({ owner: address, chainIds })
          spinner.stop()
          console.log(JSON.stringify(portfolio, null, 2))
          return
        }
        // the risk-based requirement is a second read: its failure costs its own line, not the table
        const [portfolio, margin] = await Promise.all([
          client.portfolio({ owner: address, chainIds }),
          client.portfolioMargin({ owner: address, chainIds }).catch((error: unknown) => (error instanceof XmarginClientError ? error : new XmarginClientError('INTERNAL_SERVER_ERROR', String(error)))),
        ])
        spinner.stop()
        console.log(renderPortfolio(portfolio, Date.now() / 1000, margin))
      } catch (error) {
        spinner.stop()
        throw error
      }
    })
  })

program
  .command('watch')
  .description('print a line each time a venue of the wallet crosses a health-factor (or liquidation-distance) threshold')
  .argument('<address>', 'wallet address (0x…)')
  .requiredOption('--below <healthFactor>', 'alert when a venue health factor crosses this value', parsePositive)
  .option('--distance-below <percent>', 'also alert when a venue liquidation distance crosses this percent', parsePositive)
  .addOption(chainsOption())
  .option('--json', 'print each alert as one JSON line')
  .addOption(endpointOption())
  .action(async (address: string, opts: { below: number; distanceBelow?: number; chains?: string[]; json?: boolean; endpoint?: string }) => {
    await withEngine(opts.endpoint, false, async (client, engine) => {
      const chainIds = await chainIdsOf(client, opts.chains)
      // only watch needs the WebSocket client: portfolio starts faster without it
      const [{ watchHealth }, { WebSocket }] = await Promise.all([import('../client/live.js'), import('ws')])
      if (engine.manifestPath) console.error(pc.dim(`move a price: npm run devnet:price -- ETH 1500 --manifest ${engine.manifestPath}`))
      await new Promise<void>((resolve, reject) => {
        const watch = watchHealth(
          { owner: address, chainIds, alert: { healthFactorBelow: opts.below, liquidationDistancePctBelow: opts.distanceBelow } },
          {
            endpoint: engine.endpoint,
            webSocketImpl: WebSocket,
            onUpdate: (update) => printUpdate(update, opts),
            onError: (error) => {
              void watch.stop()
              reject(error)
            },
          },
        )
        const stop = () => {
          void watch.stop().then(resolve)
        }
        process.once('SIGINT', stop)
        process.once('SIGTERM', stop)
      })
    })
  })

/** One line per alert on stdout; the first message's summary on stderr. */
function printUpdate(update: HealthUpdateView, opts: { below: number; json?: boolean }): void {
  if (update.reason === 'INITIAL') {
    const lowest = update.portfolio.venues.filter((v) => v.healthFactor !== null).sort((a, b) => a.healthFactor! - b.healthFactor!)[0]
    console.error(
      pc.dim(
        `watching ${update.portfolio.venues.length} venues at blocks ${update.portfolio.blocks.map((b) => `${b.chainId}#${b.blockNumber}`).join(', ')}; ` +
          `lowest health factor ${lowest ? `${formatHealthFactor(lowest.healthFactor)} (${lowest.id})` : '∞'}; alert below ${opts.below}`,
      ),
    )
  }
  for (const alert of update.alerts) {
    if (opts.json) console.log(JSON.stringify({ at: new Date().toISOString(), ...alert }))
    else {
      const line = `${new Date().toISOString()}  ${alert.direction === 'BELOW' ? pc.red('▼ BELOW') : pc.green('▲ ABOVE')}  ${alert.message}`
      console.log(line)
    }
  }
}

await program.parseAsync(process.argv)
// every command has finished its work and output here: do not wait on sockets a library keeps open
process.exit(process.exitCode ?? 0)
