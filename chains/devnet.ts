import { defineChain, type Address } from 'viem'
import type { ChainConfig } from './types.js'

/** Canonical Multicall3 address, the same on every EVM chain (mds1/multicall deployments list). */
export const MULTICALL3_ADDRESS: Address = '0xcA11bde05977b3631167028862bE2a173976CA11'

/** Default first port of the devnet; chain i listens on DEVNET_BASE_PORT + i. */
export const DEVNET_BASE_PORT = 8545

function devnetChain(id: number, name: string, port: number) {
  return defineChain({
    id,
    name,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [`http://127.0.0.1:${port}`] } },
    contracts: { multicall3: { address: MULTICALL3_ADDRESS, blockCreated: 0 } },
    testnet: true,
  })
}

function devnetConfig(key: string, id: number, name: string, portOffset: number): ChainConfig {
  const port = DEVNET_BASE_PORT + portOffset
  return {
    key,
    chain: devnetChain(id, name, port),
    rpcEnvVar: `RPC_URL_${id}`,
    defaultRpcUrl: `http://127.0.0.1:${port}`,
    devnet: true,
    multicall3: { address: MULTICALL3_ADDRESS, source: 'installed by the devnet with anvil_setCode (viem multicall3Bytecode)' },
    // Devnet Aave addresses are deterministic but are read from .devnet/manifest.json.
    aaveV3: [],
  }
}

/** Local L1 imitating Ethereum mainnet (Aave V3 core market). */
export const devnetL1 = devnetConfig('devnet-l1', 900_001, 'xmargin devnet L1 (Ethereum-like)', 0)
/** Local L2 imitating Arbitrum One. */
export const devnetArb = devnetConfig('devnet-arb', 900_002, 'xmargin devnet L2 (Arbitrum-like)', 1)
/** Local L2 imitating Base. */
export const devnetBase = devnetConfig('devnet-base', 900_003, 'xmargin devnet L2 (Base-like)', 2)

/** The three devnet chains, in port order. */
export const devnetChains = [devnetL1, devnetArb, devnetBase] as const
