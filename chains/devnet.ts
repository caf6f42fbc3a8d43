import { defineChain } from 'viem'
import { MULTICALL3_ADDRESS } from './multicall3.js'

export { MULTICALL3_ADDRESS } from './multicall3.js'

/** Default first port of the devnet; chain i listens on DEVNET_BASE_PORT + i. */
export const DEVNET_BASE_PORT = 8545

/** One chain of the local devnet: its key, viem chain and port offset. */
export type DevnetChain = { readonly key: string; readonly chain: ReturnType<typeof defineChain>; readonly portOffset: number }

function devnetChain(key: string, id: number, name: string, portOffset: number): DevnetChain {
  const port = DEVNET_BASE_PORT + portOffset
  return {
    key,
    portOffset,
    chain: defineChain({
      id,
      name,
      nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
      rpcUrls: { default: { http: [`http://127.0.0.1:${port}`] } },
      contracts: { multicall3: { address: MULTICALL3_ADDRESS, blockCreated: 0 } },
      testnet: true,
    }),
  }
}

/** Local L1 imitating Ethereum mainnet (Aave V3 core market). */
export const devnetL1 = devnetChain('devnet-l1', 900_001, 'xmargin devnet L1 (Ethereum-like)', 0)
/** Local L2 imitating Arbitrum One. */
export const devnetArb = devnetChain('devnet-arb', 900_002, 'xmargin devnet L2 (Arbitrum-like)', 1)
/** Local L2 imitating Base. */
export const devnetBase = devnetChain('devnet-base', 900_003, 'xmargin devnet L2 (Base-like)', 2)

/**
 * The three devnet chains, in port order. The server does not know them:
 * the devnet writes them to its chain list file (CHAINS_FILE), as any other
 * chain list would be given.
 */
export const devnetChains = [devnetL1, devnetArb, devnetBase] as const
