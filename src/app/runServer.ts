import { availableParallelism } from 'node:os'
import pino, { type Logger } from 'pino'
import pinoPretty from 'pino-pretty'
import type { AppConfig } from '../config/loadConfig.js'
import { startGraphqlServer, type GraphqlServer } from '../graphql/createServer.js'
import { createPortfolioService, DEFAULT_MAX_CHAIN_READS } from '../services/createPortfolioService.js'
import { createMetrics } from '../observability/metrics.js'
import { requestLogFields } from '../observability/requestContext.js'
import { resolveSources } from '../config/resolveChains.js'
import { PROTOCOLS } from '../protocols/registry.js'
import { createWorkerMonteCarloRunner } from '../services/monteCarlo/monteCarloRunner.js'
import { resolveRiskDefaults } from '../services/resolveRiskDefaults.js'

/**
 * Boots the GraphQL server for a parsed config: resolves the chains and API
 * venues of the registered protocols, builds the engine and listens.
 * @throws ConfigError when the chains cannot be resolved.
 */
export async function runServer(config: AppConfig, logger: Logger = createLogger(config)): Promise<GraphqlServer> {
  const { chains, apiVenues, exampleWallets } = await resolveSources(config, PROTOCOLS)
  const metrics = createMetrics()
  const service = createPortfolioService({
    chains,
    apiVenues,
    collateralFactors: config.oneAccount,
    chainTimeoutMs: config.chainTimeoutMs,
    logger,
    riskDefaults: resolveRiskDefaults(config),
    metrics,
    cache: { headTtlMs: config.headCacheMs, maxChainReads: DEFAULT_MAX_CHAIN_READS },
    circuitOpenMs: config.chainCircuitOpenMs,
    maxScenarioEvaluations: config.maxScenarioEvaluations,
    dataDir: config.dataDir,
    monteCarlo: {
      runner: createWorkerMonteCarloRunner({ threads: config.monteCarlo.threads ?? Math.max(1, availableParallelism() - 1), maxQueue: config.monteCarlo.maxQueue }),
      maxEvaluations: config.monteCarlo.maxEvaluations,
    },
  })
  const server = await startGraphqlServer({
    service,
    port: config.port,
    host: config.host,
    introspection: !config.production,
    logger,
    metrics,
    rateLimit: config.rateLimit,
    queryLimits: config.queryLimits,
    subscriptions: config.subscriptions,
    webConfig: { exampleWallets },
  })
  // a rejection nothing handled is a bug: logged in full and counted (xmargin_unhandled_rejections_total), not a crash of every client's answer
  const onUnhandled = (reason: unknown) => {
    metrics.unhandledRejections.inc()
    logger.error({ err: reason }, 'unhandled promise rejection')
  }
  process.on('unhandledRejection', onUnhandled)
  logger.info({ url: server.url, chains: chains.map((c) => `${c.chainId} ${c.name}`) }, 'xmargin GraphQL server listening')
  // the first Monte Carlo request need not wait for its worker to start
  service.warmUp().catch((err: unknown) => logger.warn({ err }, 'Monte Carlo workers did not start; they will on the first request'))
  return {
    url: server.url,
    stop: async () => {
      await server.stop()
      process.off('unhandledRejection', onUnhandled)
    },
  }
}

/**
 * The process logger (pino; every line written while serving a request
 * carries its `reqId`): readable lines (pino-pretty) when `output` is a
 * terminal, JSON lines otherwise (CI, pipes, files).
 */
export function createLogger(config: AppConfig, output: LogOutput = process.stdout): Logger {
  const options = { level: config.logLevel, base: { service: 'xmargin' }, mixin: requestLogFields }
  if (output.isTTY) return pino(options, pinoPretty({ destination: output, ignore: 'pid,hostname,service', translateTime: 'SYS:HH:MM:ss.l', sync: true }))
  // stdout itself is written through pino's own fast destination
  return output === process.stdout ? pino(options) : pino(options, output)
}

/** Where the process logs: stdout, or (tests) any stream that says whether it is a terminal. */
export type LogOutput = NodeJS.WritableStream & { readonly isTTY?: boolean | undefined }

/** Stops `stop` once on SIGINT/SIGTERM, then exits. */
export function onShutdown(stop: () => Promise<void>): void {
  let stopping = false
  const handler = async () => {
    if (stopping) return
    stopping = true
    await stop()
    process.exit(0)
  }
  process.on('SIGINT', handler)
  process.on('SIGTERM', handler)
}
