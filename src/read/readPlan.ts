import { getClient, type Config } from '@wagmi/core'
import { decodeFunctionResult, encodeFunctionData, multicall3Abi, numberToHex, type Abi, type Address, type Client, type Hex } from 'viem'
import type { BlockRef } from '../domain/venue.js'
import { BlockUnavailableError, ChainUnavailableError } from '../errors/index.js'

/** One contract read of a multicall. */
export type ContractCall = {
  readonly address: Address
  readonly abi: Abi
  readonly functionName: string
  readonly args?: readonly unknown[]
}

/** One multicall result, untyped: each adapter decodes its own. */
export type CallResult = { readonly status: 'success' | 'failure'; readonly result?: unknown; readonly error?: Error }

/**
 * A request sent beside the chain's multicall, in the same round trip (the
 * transport batches them into one HTTP request):
 * - `deployless`: an `eth_call` with no `to` whose `data` is a lens's
 *   creation code and constructor arguments (the constructor returns the
 *   answer in place of runtime code), at the pinned block;
 * - `logs`: `eth_getLogs` of `address` with `topics` from `fromBlock` to the
 *   pinned block's number.
 */
export type SideRequest =
  | { readonly kind: 'deployless'; readonly data: Hex }
  | { readonly kind: 'logs'; readonly address: Address; readonly topics: readonly Hex[]; readonly fromBlock: bigint }

/** A raw log as `eth_getLogs` answers it (quantities hex). */
export type RpcLog = { readonly address: Address; readonly topics: readonly Hex[]; readonly data: Hex; readonly blockNumber: Hex; readonly logIndex: Hex; readonly transactionHash: Hex }

/** What a side request answered: the call's return data, the logs, or its failure. */
export type SideResult =
  | { readonly status: 'success'; readonly data: Hex; readonly logs?: undefined }
  | { readonly status: 'success'; readonly logs: readonly RpcLog[]; readonly data?: undefined }
  | { readonly status: 'failure'; readonly error: Error }

/**
 * An adapter's share of a chain's one read: its multicall calls and side
 * requests, and how to turn exactly their results (same order) into its answer.
 */
export type ReadPlan<T> = {
  readonly calls: readonly ContractCall[]
  readonly side?: readonly SideRequest[]
  decode(results: readonly CallResult[], side: readonly SideResult[]): T
}

/** Reads one chain at one pinned block. */
export type ChainReader = {
  readonly chainId: number
  readonly block: BlockRef
  /** One Multicall3 `eth_call` at the pinned block. @throws ChainUnavailableError when the node fails. */
  multicall(calls: readonly ContractCall[]): Promise<readonly CallResult[]>
  /** One `eth_getStorageAt` at the pinned block (cold paths, e.g. a proxy's EIP-1967 implementation slot). @throws ChainUnavailableError when the node fails. */
  getStorageAt(address: Address, slot: Hex): Promise<Hex>
  /**
   * The side requests, sent at once (so beside a multicall started in the
   * same tick, in its HTTP batch); each answers on its own, a failure
   * included, never throwing.
   */
  side(requests: readonly SideRequest[]): Promise<readonly SideResult[]>
}

/** Calls per Multicall3 `eth_call`: at ~100k gas each (a generous bound for these views), 20M gas, well under geth's 50M `eth_call` cap. */
export const MAX_CALLS_PER_CHUNK = 200

/**
 * A reader over the chain's client from the wagmi config, pinned at `block`:
 * the calls go to Multicall3 `aggregate3` in chunks of MAX_CALLS_PER_CHUNK,
 * sent together (the transport batches them into one HTTP request: one
 * logical read), each `eth_call` pinned by block hash (EIP-1898, canonical
 * only) so a reorg can never mix two forks, or by number where the node does
 * not take a hash. A chunk that runs out of gas is split in halves and sent
 * again.
 */
export function createChainReader(config: Config, block: BlockRef): ChainReader {
  const client = getClient(config, { chainId: block.chainId })
  const multicall3 = client?.chain.contracts?.multicall3?.address
  return {
    chainId: block.chainId,
    block,
    async multicall(calls) {
      if (calls.length === 0) return []
      if (!client || !multicall3) throw new ChainUnavailableError(block.chainId, { reason: 'the chain has no client or Multicall3 address configured' })
      const chunks: ContractCall[][] = []
      for (let i = 0; i < calls.length; i += MAX_CALLS_PER_CHUNK) chunks.push(calls.slice(i, i + MAX_CALLS_PER_CHUNK))
      const results = await Promise.all(chunks.map((chunk) => aggregate(client, multicall3, block, chunk)))
      return results.flat()
    },
    async getStorageAt(address, slot) {
      if (!client) throw new ChainUnavailableError(block.chainId, { reason: 'the chain has no client configured' })
      try {
        return (await client.request({ method: 'eth_getStorageAt', params: [address, slot, numberToHex(block.blockNumber)] } as never)) as Hex
      } catch (cause) {
        if (UNKNOWN_BLOCK.test(errorText(cause))) throw new BlockUnavailableError(block.chainId, cause)
        throw new ChainUnavailableError(block.chainId, { reason: 'a storage read failed', cause })
      }
    },
    side(requests) {
      return Promise.all(requests.map((r) => sideRequest(client, block, r)))
    },
  }
}

/** Node errors that mean the call ran out of gas (the node's eth_call gas cap). */
const OUT_OF_GAS = /out of gas|gas required exceeds|exceeds allowance|gas limit reached|intrinsic gas too low/i
/**
 * Node errors that mean the block is unknown to the node (reorganized away,
 * or not yet seen): geth's "header not found", erigon's "block not found",
 * EIP-1474 -32001 "resource not found" (anvil, Nethermind), non-canonical.
 */
const UNKNOWN_BLOCK = /header not found|block not found|unknown block|block .*not (?:found|canonical)|non-canonical|resource not found|-32001\b/i

/** Nodes that refused a block-hash pin (EIP-1898): read them by number. Keyed by chain id. */
const pinsByNumber = new Set<number>()

async function aggregate(client: Client, multicall3: Address, block: BlockRef, calls: readonly ContractCall[]): Promise<CallResult[]> {
  const data = encodeFunctionData({
    abi: multicall3Abi,
    functionName: 'aggregate3',
    args: [calls.map((c) => ({ target: c.address, allowFailure: true, callData: encodeFunctionData({ abi: c.abi, functionName: c.functionName, args: c.args ?? [] } as never) }))],
  })
  const byHash = block.blockHash !== null && !pinsByNumber.has(block.chainId)
  const pin = byHash ? { blockHash: block.blockHash!, requireCanonical: true } : numberToHex(block.blockNumber)
  let raw: Hex
  try {
    raw = (await client.request({ method: 'eth_call', params: [{ to: multicall3, data }, pin] } as never)) as Hex
  } catch (cause) {
    const message = errorText(cause)
    if (OUT_OF_GAS.test(message) && calls.length > 1) {
      const half = Math.ceil(calls.length / 2)
      const [a, b] = await Promise.all([aggregate(client, multicall3, block, calls.slice(0, half)), aggregate(client, multicall3, block, calls.slice(half))])
      return [...a, ...b]
    }
    if (byHash && /invalid (?:params|argument|block)|unknown field|cannot unmarshal|-32602/i.test(message) && !UNKNOWN_BLOCK.test(message)) {
      // the node does not take EIP-1898 block objects: pin by number from now on
      pinsByNumber.add(block.chainId)
      return aggregate(client, multicall3, block, calls)
    }
    if (UNKNOWN_BLOCK.test(message)) throw new BlockUnavailableError(block.chainId, cause)
    throw new ChainUnavailableError(block.chainId, { reason: 'the multicall failed', cause })
  }
  const decoded = decodeFunctionResult({ abi: multicall3Abi, functionName: 'aggregate3', data: raw })
  return calls.map((c, i) => {
    const r = decoded[i]
    if (!r || !r.success) return { status: 'failure', error: new ChainUnavailableError(block.chainId, { reason: `${c.functionName} reverted`, scope: 'read' }) }
    try {
      return { status: 'success', result: decodeFunctionResult({ abi: c.abi, functionName: c.functionName, data: r.returnData } as never) }
    } catch (error) {
      return { status: 'failure', error: error instanceof Error ? error : new ChainUnavailableError(block.chainId, { reason: `${c.functionName} returned undecodable data`, scope: 'read' }) }
    }
  })
}

/**
 * What the node said, from an error and its causes: viem's short messages,
 * the node's `details` and codes. Never the full message, which repeats the
 * request body (and so every word the request contains).
 */
function errorText(error: unknown): string {
  const parts: string[] = []
  let current: unknown = error
  for (let depth = 0; depth < 6 && current instanceof Error; depth++) {
    const e = current as { shortMessage?: unknown; details?: unknown; code?: unknown }
    parts.push(String(e.shortMessage ?? ''), String(e.details ?? ''), String(e.code ?? ''))
    current = current.cause
  }
  return parts.join(' ')
}

/** One side request at `block` (see SideRequest); its failure is its answer. */
async function sideRequest(client: Client | undefined, block: BlockRef, r: SideRequest): Promise<SideResult> {
  if (!client) return { status: 'failure', error: new ChainUnavailableError(block.chainId, { reason: 'the chain has no client configured' }) }
  try {
    if (r.kind === 'deployless') {
      const data = (await client.request({ method: 'eth_call', params: [{ data: r.data }, numberToHex(block.blockNumber)] } as never)) as Hex
      return { status: 'success', data }
    }
    const logs = (await client.request({
      method: 'eth_getLogs',
      params: [{ address: r.address, topics: [...r.topics], fromBlock: numberToHex(r.fromBlock), toBlock: numberToHex(block.blockNumber) }],
    } as never)) as RpcLog[]
    return { status: 'success', logs }
  } catch (cause) {
    if (UNKNOWN_BLOCK.test(errorText(cause))) return { status: 'failure', error: new BlockUnavailableError(block.chainId, cause) }
    return { status: 'failure', error: new ChainUnavailableError(block.chainId, { reason: r.kind === 'deployless' ? 'a lens call failed' : 'a log query failed', cause, scope: 'read' }) }
  }
}

/** Runs one plan as its own read: its multicall and side requests together (tests, cold paths). */
export async function executePlan<T>(reader: ChainReader, plan: ReadPlan<T>): Promise<T> {
  const [results, side] = await Promise.all([reader.multicall(plan.calls), reader.side(plan.side ?? [])])
  return plan.decode(results, side)
}

/**
 * A result that must have succeeded.
 * @throws ChainUnavailableError naming the read that reverted.
 */
export function required<T>(chainId: number, r: CallResult | undefined, what: string): T {
  if (!r || r.status !== 'success') throw new ChainUnavailableError(chainId, { reason: `${what} reverted`, cause: r?.error, scope: 'read' })
  return r.result as T
}

/** A result that may fail (an optional interface): its value or null. */
export function optional<T>(r: CallResult | undefined): T | null {
  return r?.status === 'success' ? (r.result as T) : null
}
