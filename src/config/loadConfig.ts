import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { ConfigError } from '../errors/index.js'
import { PROTOCOLS } from '../protocols/registry.js'
import type { Protocol } from '../protocols/types.js'

/** Default one-account collateral factors (maintenance weights) by risk factor kind (DOMAIN.md). */
export const DEFAULT_COLLATERAL_FACTORS = { stable: 0.95, volatile: 0.7 } as const

const weight = z.coerce.number().gt(0).lte(1)

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(4000),
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Chains to read, by key or id, comma-separated. Unset: every chain of the chain list file. */
  XMARGIN_CHAINS: z.string().optional(),
  /** Path of a chain list file (default `.devnet/chains.json`, written by the local devnet). */
  CHAINS_FILE: z.string().min(1).optional(),
  /** Per-chain deadline for one portfolio read, ms. */
  CHAIN_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3_000),
  /** A head older than this (seconds) marks a chain's data stale, for every chain (default: each chain file's bound; none on the devnet). */
  MAX_HEAD_AGE_SECONDS: z.coerce.number().int().min(1).max(86_400).optional(),
  /** After a chain's node fails, how long its venues are answered unavailable at once, ms (doubling while it keeps failing; 0: off). */
  CHAIN_CIRCUIT_OPEN_MS: z.coerce.number().int().min(0).max(600_000).default(5_000),
  /** How long each chain's latest block is reused, ms (0: read it on every query; concurrent queries still share one read). */
  HEAD_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(0),
  /** One-account lens: maintenance weight for stablecoins, volatile assets and LSTs. */
  ONE_ACCOUNT_STABLE_CF: weight.default(DEFAULT_COLLATERAL_FACTORS.stable),
  ONE_ACCOUNT_VOLATILE_CF: weight.default(DEFAULT_COLLATERAL_FACTORS.volatile),
  /** One-account lens: per-factor overrides as JSON, e.g. {"ETH":0.8}. */
  ONE_ACCOUNT_FACTORS: z.string().optional(),
  /** Monte Carlo worker threads; unset: one per core but one (at least 1). */
  MONTE_CARLO_THREADS: z.coerce.number().int().min(1).max(256).optional(),
  /** Monte Carlo requests that may wait for a worker before SERVER_BUSY. */
  MONTE_CARLO_MAX_QUEUE: z.coerce.number().int().min(0).max(1_000).default(8),
  /** Largest Monte Carlo request, in paths × (steps × position legs + 32 × option legs), before COST_LIMIT_EXCEEDED. */
  MONTE_CARLO_MAX_EVALUATIONS: z.coerce.number().int().min(1_000).max(10_000_000_000).default(50_000_000),
  /** GraphQL query limits (depth, aliases, tokens, directives, cost): `off` only to measure what they cost. */
  QUERY_LIMITS: z.enum(['on', 'off']).default('on'),
  /** Largest caller-scenario request, in scenarios × venues, before COST_LIMIT_EXCEEDED. */
  MAX_SCENARIO_EVALUATIONS: z.coerce.number().int().min(1).max(10_000_000).default(5_000),
  /** Requests per minute one client may send to /graphql (429 past it); 0 turns the limit off. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).max(1_000_000).default(600),
  /** Count clients by the first X-Forwarded-For address (only behind a proxy that sets it). */
  RATE_LIMIT_TRUST_FORWARDED_FOR: z.enum(['true', 'false']).default('false'),
  /** How often a `health` subscription polls its chains for a new head, ms. */
  SUBSCRIPTION_POLL_MS: z.coerce.number().int().min(100).max(600_000).default(1_000),
  /** Live subscriptions the server holds at once (SERVER_BUSY past it); at most 10 per connection. */
  MAX_SUBSCRIPTIONS: z.coerce.number().int().min(0).max(100_000).default(500),
  /** A JSON file with the server's default risk profile and scan ranges (see data/risk-profile.example.json). */
  RISK_PROFILE_FILE: z.string().min(1).optional(),
  /** Directory where protocols persist their chain indexes (e.g. the markets a protocol finds in a chain's logs), `off` to keep them in memory only; default `.xmargin/data` under the working directory. */
  XMARGIN_DATA_DIR: z.string().min(1).default('.xmargin/data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `production` turns introspection off. */
  NODE_ENV: z.string().optional(),
})

const riskProfileFileSchema = z.object({
  factors: z.array(z.object({ riskFactor: z.string().min(1), annualizedVol: z.number() })).min(1),
  correlations: z.array(z.object({ a: z.string(), b: z.string(), rho: z.number() })).optional(),
  scanRanges: z.array(z.object({ riskFactor: z.string().min(1), scanRange: z.number() })).optional(),
  /** Where the figures come from, shown with every answer that uses them. */
  sources: z.array(z.string()).optional(),
})

/** RISK_PROFILE_FILE's content: a risk profile as a request passes it, plus scan ranges and sources. */
export type RiskProfileFile = z.infer<typeof riskProfileFileSchema>

/**
 * Reads and shape-checks RISK_PROFILE_FILE.
 * @throws ConfigError when it cannot be read or is not the expected JSON.
 */
function readRiskProfileFile(file: string): RiskProfileFile {
  let json: unknown
  try {
    json = JSON.parse(readFileSync(file, 'utf8'))
  } catch (cause) {
    throw new ConfigError('RISK_PROFILE_FILE', `cannot be read as JSON (${cause instanceof SyntaxError ? cause.message : 'unreadable file'})`)
  }
  const r = riskProfileFileSchema.safeParse(json)
  if (!r.success) {
    const issue = r.error.issues[0]!
    throw new ConfigError('RISK_PROFILE_FILE', `${issue.path.join('.') || 'content'}: ${issue.message}`)
  }
  return r.data
}

/** The server's configuration, parsed once at boot and frozen. */
export type AppConfig = Readonly<{
  port: number
  host: string
  /** Chain keys or ids to read; null = every chain of the chain list file. */
  chains: readonly string[] | null
  /** The chain list file named in CHAINS_FILE; null: the default one, read only when no chains are named. */
  chainsFile: string | null
  /** RPC URLs from RPC_URL_<chainId> (comma-separated: fallbacks), by chain id. */
  rpcUrls: Readonly<Record<number, readonly string[]>>
  chainTimeoutMs: number
  /** How long a chain's latest block is reused, ms (0 = every query reads it). */
  headCacheMs: number
  /** How long a failed chain is answered unavailable at once, ms (0 = off). */
  chainCircuitOpenMs: number
  /** Staleness bound for every chain's head, seconds; null: each chain file's own. */
  maxHeadAgeSeconds: number | null
  oneAccount: Readonly<{ stable: number; volatile: number; overrides: Readonly<Record<string, number>> }>
  /** Endpoints of the venues read over an API, from each one's variable (e.g. HYPERLIQUID_INFO_URL), by protocol key: a URL or 'off'; absent: the default. */
  apiEndpoints: Readonly<Record<string, string>>
  /** Most caller-scenario revaluations per request (scenarios × venues). */
  maxScenarioEvaluations: number
  /** GraphQL query limits on (the default) or off (for measuring their cost only). */
  queryLimits: boolean
  /** Per-client rate limit on /graphql (requests per minute; 0 = off). */
  rateLimit: Readonly<{ requestsPerMinute: number; trustForwardedFor: boolean }>
  /** The default risk profile and scan ranges from RISK_PROFILE_FILE (shape checked here, values by the service's validation); null: the sourced defaults. */
  riskProfileFile: Readonly<{ path: string; content: RiskProfileFile }> | null
  /** Live `health` subscriptions: head polling interval (ms) and how many the server holds at once. */
  subscriptions: Readonly<{ pollMs: number; maxActive: number }>
  /** Monte Carlo: worker threads (null = cores − 1, at least 1), queue length and the per-request cost limit. */
  monteCarlo: Readonly<{ threads: number | null; maxQueue: number; maxEvaluations: number }>
  /** Where protocols persist their chain indexes (XMARGIN_DATA_DIR); null: in memory only. */
  dataDir: string | null
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL']
  production: boolean
}>

/**
 * Parses the environment into the frozen config. Nothing else reads
 * `process.env`. The API venues' endpoint variables are the protocols' own
 * (`protocols`, by default every registered one).
 * @throws ConfigError naming the first bad key.
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env, protocols: readonly Protocol[] = PROTOCOLS): AppConfig {
  const parsed = envSchema.safeParse(env)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new ConfigError(String(issue.path[0] ?? 'environment'), issue.message)
  }
  const e = parsed.data
  const rpcUrls: Record<number, readonly string[]> = {}
  for (const [key, value] of Object.entries(env)) {
    const m = /^RPC_URL_(\d+)$/.exec(key)
    if (!m || value === undefined) continue
    // several URLs, comma-separated: fallbacks, used in order of health
    const urls = value.split(',').map((u) => u.trim()).filter((u) => u.length > 0)
    if (urls.length === 0) throw new ConfigError(key, 'must list at least one http(s) URL')
    for (const u of urls) {
      const url = z.string().url().refine((x) => /^https?:\/\//.test(x), 'must be an http(s) URL').safeParse(u)
      if (!url.success) throw new ConfigError(key, 'must be http(s) URLs, comma-separated')
    }
    rpcUrls[Number(m[1])] = Object.freeze(urls)
  }
  let overrides: Record<string, number> = {}
  if (e.ONE_ACCOUNT_FACTORS) {
    let json: unknown
    try {
      json = JSON.parse(e.ONE_ACCOUNT_FACTORS)
    } catch {
      throw new ConfigError('ONE_ACCOUNT_FACTORS', 'must be a JSON object such as {"ETH":0.8}')
    }
    const r = z.record(z.string(), z.number().gt(0).lte(1)).safeParse(json)
    if (!r.success) throw new ConfigError('ONE_ACCOUNT_FACTORS', 'values must be numbers in (0, 1]')
    overrides = r.data
  }
  const apiEndpoints: Record<string, string> = {}
  for (const p of protocols) {
    if (p.kind !== 'api') continue
    const v = env[p.endpoint.envVar]
    if (v === undefined) continue
    if (v !== 'off' && (!z.string().url().safeParse(v).success || !/^https?:\/\//.test(v))) throw new ConfigError(p.endpoint.envVar, "must be an http(s) URL or 'off'")
    apiEndpoints[p.key] = v
  }
  const chains = e.XMARGIN_CHAINS
    ? e.XMARGIN_CHAINS.split(',').map((s) => s.trim()).filter((s) => s.length > 0)
    : null
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    chains,
    chainsFile: e.CHAINS_FILE ?? null,
    rpcUrls: Object.freeze(rpcUrls),
    chainTimeoutMs: e.CHAIN_TIMEOUT_MS,
    headCacheMs: e.HEAD_CACHE_MS,
    maxHeadAgeSeconds: e.MAX_HEAD_AGE_SECONDS ?? null,
    chainCircuitOpenMs: e.CHAIN_CIRCUIT_OPEN_MS,
    oneAccount: Object.freeze({ stable: e.ONE_ACCOUNT_STABLE_CF, volatile: e.ONE_ACCOUNT_VOLATILE_CF, overrides: Object.freeze(overrides) }),
    apiEndpoints: Object.freeze(apiEndpoints),
    queryLimits: e.QUERY_LIMITS === 'on',
    maxScenarioEvaluations: e.MAX_SCENARIO_EVALUATIONS,
    rateLimit: Object.freeze({ requestsPerMinute: e.RATE_LIMIT_PER_MINUTE, trustForwardedFor: e.RATE_LIMIT_TRUST_FORWARDED_FOR === 'true' }),
    riskProfileFile: e.RISK_PROFILE_FILE ? Object.freeze({ path: e.RISK_PROFILE_FILE, content: readRiskProfileFile(e.RISK_PROFILE_FILE) }) : null,
    subscriptions: Object.freeze({ pollMs: e.SUBSCRIPTION_POLL_MS, maxActive: e.MAX_SUBSCRIPTIONS }),
    monteCarlo: Object.freeze({ threads: e.MONTE_CARLO_THREADS ?? null, maxQueue: e.MONTE_CARLO_MAX_QUEUE, maxEvaluations: e.MONTE_CARLO_MAX_EVALUATIONS }),
    dataDir: e.XMARGIN_DATA_DIR === 'off' ? null : e.XMARGIN_DATA_DIR,
    logLevel: e.LOG_LEVEL,
    production: e.NODE_ENV === 'production',
  })
}
