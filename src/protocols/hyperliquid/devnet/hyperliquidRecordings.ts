import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Address } from 'viem'
import { DEVNET_ACCOUNTS } from '../../../devnet/accounts.js'

/** Folder of the recorded Hyperliquid responses the devnet replays (see its SOURCES.md). */
export const HYPERLIQUID_RECORDINGS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'recordings')

/** One recording and the devnet address it is replayed for. `recordedAt` unix seconds (null when unknown). */
export type HyperliquidRecording = {
  readonly file: string
  readonly address: Address
  readonly recordedAt: bigint | null
  readonly description: string
  /** The HIP-3 dex the clearinghouseState was requested for (its `dex` parameter); absent for the main dex. */
  readonly dex?: string
}

/**
 * Which recorded clearinghouseState the devnet's info endpoint answers for
 * which address (and dex): the demo wallet gets the cross account that is
 * long ETH (beside its Aave WETH debt) and, so that one answer shows the
 * whole account, the HIP-3 `flx` state too; fixed addresses get the others,
 * and the 2023 recording keeps its real user's address.
 */
export const HYPERLIQUID_RECORDINGS: readonly HyperliquidRecording[] = [
  { file: 'ccxt-cross-sol-short-eth-long.json', address: DEVNET_ACCOUNTS.demo, recordedAt: 1_728_568_314n, description: 'cross: SOL short 0.5, ETH long 1.6 (ccxt, 2024-10-10)' },
  { file: 'ccxt-cross-sol-long-eth-long.json', address: '0x00000000000000000000000000000000000001A1', recordedAt: 1_709_652_410n, description: 'cross: SOL long 3.34, ETH long 3.6 (ccxt, 2024-03-05)' },
  { file: 'ccxt-isolated-hype-short.json', address: '0x00000000000000000000000000000000000001A2', recordedAt: 1_761_803_589n, description: 'isolated short HYPE 4.0 at 10x (ccxt, 2025-10-30)' },
  { file: 'jkorf-get-account-info.json', address: '0x00000000000000000000000000000000000001A3', recordedAt: 1_754_467_216n, description: 'isolated long HYPE 2.0 at 10x (JKorf, 2025-08-06)' },
  { file: 'ccxt-hip3-flx-crcl-isolated-long.json', address: '0x00000000000000000000000000000000000001A4', recordedAt: 1_764_350_959n, description: 'HIP-3 isolated long flx:CRCL at 3x (ccxt, 2025-11-28)', dex: 'flx' },
  { file: 'ccxt-hip3-flx-crcl-isolated-long.json', address: DEVNET_ACCOUNTS.demo, recordedAt: 1_764_350_959n, description: 'HIP-3 dex flx beside the main-dex cross account: isolated long flx:CRCL at 3x (ccxt, 2025-11-28)', dex: 'flx' },
  { file: 'docs-example.json', address: '0x00000000000000000000000000000000000001A5', recordedAt: 1_708_622_398n, description: 'isolated long ETH 0.0335 (Hyperliquid docs example, 2024-02-22)' },
  { file: 'ccxt-swap-balance-no-positions.json', address: '0x00000000000000000000000000000000000001A6', recordedAt: 1_729_416_701n, description: 'no positions (ccxt, 2024-10-20)' },
  { file: 'python-sdk-user-state-2023.json', address: '0x5e9EE1089755c3435139848e47e6635505d5a13A', recordedAt: 1_679_940_322n, description: 'cross, 12 positions, 2023 schema (hyperliquid-python-sdk, 2023-03-27)' },
]

/**
 * Recorded spotClearinghouseState bodies and the address each is replayed
 * for: ccxt's spot balances come from the same test wallet as its `flx` case
 * (USDH held), so they go with the HIP-3 recording's addresses: its own and
 * the demo wallet's.
 */
export const HYPERLIQUID_SPOT_RECORDINGS: readonly { readonly file: string; readonly address: Address; readonly description: string }[] = [
  { file: 'ccxt-spot-hype-ueth-usol-usdh.json', address: '0x00000000000000000000000000000000000001A4', description: 'spot: USDC, HYPE, UETH, USOL, USDH (ccxt, ~2025-11)' },
  { file: 'ccxt-spot-hype-ueth-usol-usdh.json', address: DEVNET_ACCOUNTS.demo, description: 'spot: USDC, HYPE, UETH, USOL, USDH (ccxt, ~2025-11)' },
]


/** Splits recordings into the replay route's main-dex users and HIP-3 dex states (addresses lowercased, files resolved under `dir`). */
export function hyperliquidReplayFiles(dir: string, join: (a: string, b: string) => string): { users: Record<string, string>; dexStates: Record<string, Record<string, string>>; spot: Record<string, string> } {
  const users: Record<string, string> = {}
  const dexStates: Record<string, Record<string, string>> = {}
  for (const r of HYPERLIQUID_RECORDINGS) {
    const a = r.address.toLowerCase()
    if (r.dex === undefined) users[a] = join(dir, r.file)
    else dexStates[a] = { ...dexStates[a], [r.dex]: join(dir, r.file) }
  }
  const spot = Object.fromEntries(HYPERLIQUID_SPOT_RECORDINGS.map((r) => [r.address.toLowerCase(), join(dir, r.file)]))
  return { users, dexStates, spot }
}

/** The recorded `meta` (universe with max leverage). */
export const HYPERLIQUID_META_RECORDING = 'ccxt-meta-fetchcurrencies-btc.json'
