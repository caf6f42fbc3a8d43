import type { ChainsFileInput } from '../config/chainsFile.js'
import { MULTICALL3_ADDRESS } from '../../chains/devnet.js'
import type { DevnetManifest } from './manifest.js'

/**
 * The devnet's chain list, in the format any chain list file has
 * (config/chainsFile.ts): its chains with their RPC URLs, feeds' heartbeats
 * and protocol deployments, the replayed perps venue, and the wallets worth
 * showing. The server reads it as it would any other (CHAINS_FILE).
 */
export function chainsFileOf(manifest: DevnetManifest): ChainsFileInput {
  const demo = manifest.accounts.demo.toLowerCase()
  return {
    version: 1,
    chains: manifest.chains.map((c) => ({
      key: c.key,
      chainId: c.chainId,
      name: c.name,
      rpcUrls: [c.rpcUrl],
      multicall3: MULTICALL3_ADDRESS,
      // blocks are mined on demand: a quiet devnet is not a stalled one
      maxHeadAgeSeconds: null,
      feedHeartbeats: c.assets.map((a) => ({ asset: a.address, heartbeatSeconds: a.heartbeatSeconds })),
      protocols: {
        'aave-v3': [{ market: `xmargin devnet ${c.key}`, version: c.aaveV3.version, pool: c.aaveV3.pool, oracle: c.aaveV3.oracle, poolAddressesProvider: c.aaveV3.poolAddressesProvider, dataProvider: c.aaveV3.dataProvider }],
        ...(c.morphoBlue
          ? {
              'morpho-blue': [
                {
                  morpho: c.morphoBlue.morpho,
                  markets: c.morphoBlue.markets.map((m) => ({ id: m.id, label: m.label, source: m.imitates })),
                  // the chain's USD prices of Morpho's tokens: the devnet's AaveOracle over the same feeds
                  usdOracle: c.aaveV3.oracle,
                },
              ],
            }
          : {}),
      },
    })),
    apiVenues: {
      hyperliquid: {
        url: manifest.perps.hyperliquid.infoUrl,
        replay: { recordings: manifest.perps.hyperliquid.recordings.map((r) => ({ account: r.address, recording: r.file, recordedAt: r.recordedAt })) },
      },
    },
    exampleWallets: [
      { label: 'Demo wallet (devnet: Aave, Morpho, Hyperliquid)', address: manifest.accounts.demo },
      ...manifest.perps.hyperliquid.recordings.filter((r) => r.address.toLowerCase() !== demo).map((r) => ({ label: `Hyperliquid recording ${r.file}`, address: r.address })),
    ],
  }
}
