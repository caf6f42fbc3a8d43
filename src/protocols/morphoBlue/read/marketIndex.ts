import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Logger } from 'pino'
import { decodeEventLog, encodeEventTopics, getAddress, type Address, type Hex } from 'viem'
import type { BackgroundJob, BackgroundJobStatus, ChainLogReader } from '../../types.js'
import type { RpcLog } from '../../../read/readPlan.js'
import { createMarketEvent } from '../abi.js'
import type { MorphoBlueMarketParams } from '../model/types.js'

/** A market found from its `CreateMarket` log. `createdAt`: block number. */
export type IndexedMarket = { readonly id: Hex; readonly params: MorphoBlueMarketParams; readonly createdAt: bigint }

/** What the index holds at one moment: every market found, to which block, and whether it ever caught up with the chain. */
export type MarketIndexSnapshot = {
  readonly markets: readonly IndexedMarket[]
  /** Last block scanned; null before the first scan. */
  readonly indexedTo: bigint | null
  /** The chain's head when last seen. */
  readonly head: bigint | null
  /** True once the index reached the chain's head (it then follows it). */
  readonly complete: boolean
}

/** topic0 of Morpho Blue's CreateMarket event. */
export const CREATE_MARKET_TOPIC: Hex = encodeEventTopics({ abi: [createMarketEvent], eventName: 'CreateMarket' })[0]!

/** Blocks per `eth_getLogs` when a scan starts (public nodes commonly cap 10,000 blocks or 10,000 logs). */
export const INITIAL_LOG_RANGE = 10_000n
/** The widest range a scan grows to after successes. */
export const MAX_LOG_RANGE = 100_000n
/** A scan whose whole span is at most this many blocks is waited for by the first query (a devnet, a young chain): it takes a few requests. */
export const SHORT_BUILD_BLOCKS = 200_000n
/** How often the index looks for new blocks once complete, ms. */
export const FOLLOW_INTERVAL_MS = 4_000

/** Node answers that mean "slow down": rate limits (waited out, not a reason to shrink the range). */
const RATE_LIMITED = /rate.?limit|too many requests|\b429\b/i
/** Node answers that mean "ask for fewer blocks": range or result-size limits, and timeouts. */
const RANGE_TOO_LARGE = /range|too many|limit|exceed|larger than|response size|timed? ?out|timeout|took too long|10000|query returned more/i

export type MarketIndexParameters = {
  readonly chainId: number
  readonly morpho: Address
  readonly deploymentBlock: bigint
  readonly logs: ChainLogReader
  /** JSON file to persist to (written whole, then renamed), or null. */
  readonly file: string | null
  readonly logger: Logger
  /** Defaults: INITIAL_LOG_RANGE, MAX_LOG_RANGE, FOLLOW_INTERVAL_MS. */
  readonly initialRange?: bigint
  readonly maxRange?: bigint
  readonly followIntervalMs?: number
}

/** The persisted form (version 1). Quantities as decimal strings. */
type IndexFile = {
  version: 1
  chainId: number
  morpho: Address
  deploymentBlock: string
  indexedTo: string
  /** Hash of block `indexedTo`: a file whose block is no longer the chain's is discarded. */
  indexedToHash: Hex
  markets: [id: Hex, loanToken: Address, collateralToken: Address, oracle: Address, irm: Address, lltv: string, createdAt: string][]
}

/**
 * Every Morpho Blue market on one chain, from its `CreateMarket` logs
 * (morpho-org/morpho-blue src/Morpho.sol `createMarket`, the only place a
 * market comes into being; the log carries its MarketParams).
 *
 * Built in the background from the deployment block in bounded
 * `eth_getLogs` ranges (INITIAL_LOG_RANGE, doubling after successes up to
 * MAX_LOG_RANGE but below the smallest range the node refused, halving down
 * to one block when the node answers "range too large" or times out; other
 * failures wait 1 s, doubling to 30 s);
 * persisted to `file` (loaded at start when its last block is still the
 * chain's); then it follows the head every FOLLOW_INTERVAL_MS, and queries
 * extend it too (`ingest`, from the logs they read beside their multicall).
 * A market whose creation block is reorganized away stays listed: its
 * `position` reads answer zero, so it shows nothing.
 */
export class MorphoBlueMarketIndex implements BackgroundJob {
  readonly name = 'morpho-blue market index'
  readonly chainId: number
  private readonly byId = new Map<Hex, IndexedMarket>()
  private ordered: IndexedMarket[] = []
  private indexedTo: bigint | null = null
  private head: bigint | null = null
  private complete = false
  private lastError: string | null = null
  private stopped = false
  private timer: NodeJS.Timeout | null = null
  private scanning: Promise<void> | null = null
  private lastPersisted = 0
  private persistedMarkets = -1
  private readonly startedAt = Date.now()
  private resolveSettled!: () => void
  /** Resolves once the index is complete, or known to need a long build (the first query does not wait for that), or failed once, or stopped. */
  readonly settled: Promise<void> = new Promise((resolve) => (this.resolveSettled = resolve))

  constructor(private readonly p: MarketIndexParameters) {
    this.chainId = p.chainId
  }

  /** Starts loading, building and following in the background (idempotent). */
  start(): this {
    if (!this.scanning && !this.stopped) this.scanning = this.run()
    return this
  }

  stop(): void {
    this.stopped = true
    if (this.timer) clearTimeout(this.timer)
    this.resolveSettled()
  }

  snapshot(): MarketIndexSnapshot {
    return { markets: this.ordered, indexedTo: this.indexedTo, head: this.head, complete: this.complete }
  }

  status(): BackgroundJobStatus {
    const from = this.p.deploymentBlock
    const to = this.head ?? from
    const done = this.indexedTo === null ? 0 : Number(this.indexedTo - from + 1n)
    const span = Number(to - from + 1n)
    const progress = this.complete ? 1 : span > 0 ? Math.min(1, Math.max(0, done / span)) : 0
    const detail =
      this.indexedTo === null
        ? `not started: ${this.ordered.length} markets`
        : `${this.ordered.length} markets; blocks ${from}..${this.indexedTo}${this.head !== null ? ` of ${this.head}` : ''}`
    return { complete: this.complete, progress, detail, lastError: this.lastError }
  }

  /**
   * Adds the markets of `logs` (CreateMarket logs of this Morpho, e.g. read
   * beside a query's multicall) scanned up to `toBlock` inclusive, from
   * the block after `indexedTo`; returns the markets that were new.
   */
  ingest(logs: readonly RpcLog[], toBlock: bigint): IndexedMarket[] {
    const added: IndexedMarket[] = []
    for (const log of logs) {
      const m = decodeCreateMarket(log)
      if (!m || this.byId.has(m.id)) continue
      this.byId.set(m.id, m)
      added.push(m)
    }
    if (added.length > 0) this.ordered = [...this.ordered, ...added]
    if (this.indexedTo === null || toBlock > this.indexedTo) this.indexedTo = toBlock
    if (this.head === null || toBlock > this.head) this.head = toBlock
    return added
  }

  private async run(): Promise<void> {
    await this.load()
    while (!this.stopped) {
      try {
        const head = await this.p.logs.blockNumber()
        this.head = head
        const from = this.indexedTo === null ? this.p.deploymentBlock : this.indexedTo + 1n
        if (!this.complete && head - from > SHORT_BUILD_BLOCKS) {
          this.p.logger.info({ chainId: this.chainId, fromBlock: String(from), head: String(head) }, 'Morpho Blue market index: building in the background')
          this.resolveSettled()
        }
        if (from <= head) await this.scan(from, head)
        if (!this.complete) {
          this.complete = true
          this.p.logger.info({ chainId: this.chainId, markets: this.ordered.length, indexedTo: String(this.indexedTo), ms: Date.now() - this.startedAt }, 'Morpho Blue market index complete')
        }
        this.lastError = null
        this.resolveSettled()
        // saved when it found markets since the last save, else at most once a minute (the saved block moves on)
        if (this.ordered.length !== this.persistedMarkets || Date.now() - this.lastPersisted > 60_000) await this.persist(false)
        await this.sleep(this.p.followIntervalMs ?? FOLLOW_INTERVAL_MS)
      } catch (error) {
        this.lastError = error instanceof Error ? error.message.split('\n')[0]!.slice(0, 300) : String(error)
        this.p.logger.warn({ chainId: this.chainId, err: this.lastError }, 'Morpho Blue market index: retrying')
        // queries stop waiting for a first build that failed: they answer MARKET_INDEX_INCOMPLETE until it completes
        this.resolveSettled()
        await this.sleep(1_000)
      }
    }
  }

  /**
   * Scans [from, to] in bounded ranges, shrinking a range the node refuses
   * and growing it after successes; logs progress every 5 s.
   * @throws ChainUnavailableError after 6 failures in a row that are not about the range.
   */
  private async scan(from: bigint, to: bigint): Promise<void> {
    let range = this.p.initialRange ?? INITIAL_LOG_RANGE
    const maxRange = this.p.maxRange ?? MAX_LOG_RANGE
    let cursor = from
    let failures = 0
    // the smallest range the node refused: growth stays under it, so a capped node is not asked again and again
    let refused: bigint | null = null
    let lastLog = Date.now()
    while (cursor <= to && !this.stopped) {
      const end = cursor + range - 1n < to ? cursor + range - 1n : to
      try {
        const logs = await this.p.logs.getLogs({ address: this.p.morpho, topics: [CREATE_MARKET_TOPIC], fromBlock: cursor, toBlock: end })
        this.ingest(logs, end)
        cursor = end + 1n
        failures = 0
        const cap = refused === null ? maxRange : refused - 1n < maxRange ? refused - 1n : maxRange
        if (range * 2n <= cap) range *= 2n
        else if (range < cap) range = cap
      } catch (error) {
        const words = error instanceof Error ? error.message : String(error)
        if (!RATE_LIMITED.test(words) && RANGE_TOO_LARGE.test(words) && range > 1n) {
          if (refused === null || range < refused) refused = range
          range /= 2n
          continue
        }
        if (++failures >= 6) throw error
        await this.sleep(Math.min(30_000, 1_000 * 2 ** (failures - 1)))
      }
      if (Date.now() - lastLog > 5_000) {
        lastLog = Date.now()
        this.p.logger.info({ chainId: this.chainId, markets: this.ordered.length, indexedTo: String(this.indexedTo), head: String(to), progress: this.status().progress.toFixed(3) }, 'Morpho Blue market index: building')
        await this.persist(true)
      }
    }
  }

  /** Loads the persisted index when it is this chain's (same Morpho and deployment block, and its last block still has the recorded hash). */
  private async load(): Promise<void> {
    if (!this.p.file) return
    let file: IndexFile
    try {
      file = JSON.parse(await readFile(this.p.file, 'utf8')) as IndexFile
    } catch {
      return
    }
    try {
      if (file.version !== 1 || file.chainId !== this.chainId || getAddress(file.morpho) !== getAddress(this.p.morpho) || BigInt(file.deploymentBlock) !== this.p.deploymentBlock) return
      const hash = await this.p.logs.blockHash(BigInt(file.indexedTo))
      if (hash !== file.indexedToHash) {
        this.p.logger.info({ chainId: this.chainId, file: this.p.file }, 'Morpho Blue market index: the saved index is not of this chain (its last block differs); rebuilding')
        return
      }
      for (const [id, loanToken, collateralToken, oracle, irm, lltv, createdAt] of file.markets) {
        const m: IndexedMarket = { id, params: { loanToken, collateralToken, oracle, irm, lltv: BigInt(lltv) }, createdAt: BigInt(createdAt) }
        this.byId.set(id, m)
      }
      this.ordered = [...this.byId.values()]
      this.indexedTo = BigInt(file.indexedTo)
      this.p.logger.info({ chainId: this.chainId, markets: this.ordered.length, indexedTo: file.indexedTo }, 'Morpho Blue market index loaded')
    } catch (error) {
      this.p.logger.warn({ chainId: this.chainId, err: error instanceof Error ? error.message : String(error) }, 'Morpho Blue market index: the saved index could not be used; rebuilding')
      this.byId.clear()
      this.ordered = []
      this.indexedTo = null
    }
  }

  /** Writes the index (at most every 10 s while building, when `throttled`). Failures are logged, never thrown. */
  private async persist(throttled: boolean): Promise<void> {
    if (!this.p.file || this.indexedTo === null) return
    if (throttled && Date.now() - this.lastPersisted < 10_000) return
    const indexedTo = this.indexedTo
    try {
      const hash = await this.p.logs.blockHash(indexedTo)
      if (!hash) return
      const file: IndexFile = {
        version: 1,
        chainId: this.chainId,
        morpho: this.p.morpho,
        deploymentBlock: String(this.p.deploymentBlock),
        indexedTo: String(indexedTo),
        indexedToHash: hash,
        markets: this.ordered.map((m) => [m.id, m.params.loanToken, m.params.collateralToken, m.params.oracle, m.params.irm, String(m.params.lltv), String(m.createdAt)]),
      }
      await mkdir(path.dirname(this.p.file), { recursive: true })
      const tmp = `${this.p.file}.${process.pid}.tmp`
      await writeFile(tmp, JSON.stringify(file))
      await rename(tmp, this.p.file)
      this.lastPersisted = Date.now()
      this.persistedMarkets = file.markets.length
    } catch (error) {
      this.p.logger.warn({ chainId: this.chainId, err: error instanceof Error ? error.message : String(error) }, 'Morpho Blue market index: could not be saved')
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.stopped) return resolve()
      this.timer = setTimeout(resolve, ms)
      this.timer.unref()
    })
  }
}

/** A CreateMarket log as a market, or null when it is not one (another event under the same filter). */
export function decodeCreateMarket(log: RpcLog): IndexedMarket | null {
  try {
    const { args } = decodeEventLog({ abi: [createMarketEvent], data: log.data, topics: log.topics as [Hex, ...Hex[]] })
    const mp = args.marketParams
    return {
      id: args.id,
      params: { loanToken: getAddress(mp.loanToken), collateralToken: getAddress(mp.collateralToken), oracle: getAddress(mp.oracle), irm: getAddress(mp.irm), lltv: mp.lltv },
      createdAt: BigInt(log.blockNumber),
    }
  } catch {
    return null
  }
}

/** The index file of one Morpho on one chain under `dataDir`. */
export function marketIndexFile(dataDir: string, chainId: number, morpho: Address): string {
  return path.join(dataDir, `morpho-blue-markets-${chainId}-${morpho.toLowerCase()}.json`)
}
