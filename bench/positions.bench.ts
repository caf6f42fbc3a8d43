import path from 'node:path'
import { maxUint256, parseUnits, type Address } from 'viem'
import pino from 'pino'
import { devnetChains } from '../chains/devnet.js'
import { loadConfig } from '../src/config/loadConfig.js'
import { DEVNET_ACCOUNTS } from '../src/devnet/accounts.js'
import { loadArtifact } from '../src/protocols/aaveV3/devnet/aaveArtifacts.js'
import { Deployer } from '../src/devnet/deployer.js'
import { morphoMarketId, MorphoDevnetActions, type DeployedMorphoMarket } from '../src/protocols/morphoBlue/devnet/deployMorphoBlue.js'
import { compileMorphoDevnetContracts } from '../src/protocols/morphoBlue/devnet/morphoArtifacts.js'
import type { MorphoBlueDeployment } from '../src/protocols/morphoBlue/deployment.js'
import { startDevnet, ARTIFACT_CACHE_DIR } from '../src/devnet/startDevnet.js'
import { createPortfolioService } from '../src/services/createPortfolioService.js'
import { resolveSources } from '../src/config/resolveChains.js'
import { PROTOCOLS } from '../src/protocols/registry.js'
import { startCountingProxy } from '../test/support/countingProxy.js'

/**
 * `npm run bench` (positions part): HTTP requests and latency of a portfolio
 * query for wallets with 10, 100 and 500 positions. The L1 devnet gets 500
 * more Morpho Blue markets (the wstETH/WETH market's parameters at 500
 * LLTVs), listed for the server; each wallet supplies collateral in its share
 * of them. Target: requests per query = one per chain plus at most one head
 * read (the multicall goes in chunks of 200 calls, all in one HTTP batch).
 */
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 15)
const SIZES = [10, 100, 500] as const

const devnet = await startDevnet({ basePort: 38945, dir: path.resolve('.devnet', 'bench-positions') })
try {
  const entry = devnet.manifest.chains[0]!
  const chain = devnetChains.find((c) => c.chain.id === entry.chainId)!.chain
  const d = new Deployer(chain, entry.rpcUrl, DEVNET_ACCOUNTS.deployer)
  const morphoAbi = (await compileMorphoDevnetContracts(ARTIFACT_CACHE_DIR)).morpho.abi
  const morpho = entry.morphoBlue!.morpho
  const template = entry.morphoBlue!.markets[0]!
  const tokenAbi = loadArtifact('@aave/core-v3', 'mocks/tokens/MintableERC20.sol/MintableERC20').abi

  // 500 markets: the template's tokens, oracle and IRM at LLTVs 30.00%, 30.01%, …
  const t0 = performance.now()
  const markets: DeployedMorphoMarket[] = []
  for (let i = 0; i < Math.max(...SIZES); i++) {
    const lltv = parseUnits('0.3', 18) + BigInt(i) * parseUnits('0.0001', 18)
    await d.send(morpho, morphoAbi, 'enableLltv' as never, [lltv] as never)
    const params = { loanToken: template.loanToken, collateralToken: template.collateralToken, oracle: template.oracle, irm: template.irm, lltv }
    await d.send(morpho, morphoAbi, 'createMarket' as never, [params] as never)
    markets.push({ ...template, id: morphoMarketId(params), label: `bench ${i}`, lltv: lltv.toString() })
  }
  // one wallet per size, with collateral in that many of the markets
  const wallets: Address[] = []
  for (const [k, size] of SIZES.entries()) {
    const wallet = `0x${(0xb0a700000000n + BigInt(k)).toString(16).padStart(40, '0')}` as Address
    await d.rpc('anvil_impersonateAccount', [wallet])
    await d.rpc('anvil_setBalance', [wallet, '0x56BC75E2D63100000'])
    await d.send(template.collateralToken, tokenAbi, 'mint' as never, [wallet, parseUnits('1000000', 18)] as never, wallet)
    await d.send(template.collateralToken, tokenAbi, 'approve' as never, [morpho, maxUint256] as never, wallet)
    for (const m of markets.slice(0, size)) {
      await d.send(morpho, morphoAbi, 'supplyCollateral' as never, [MorphoDevnetActions.params(m), parseUnits('1', 18), wallet, '0x'] as never, wallet)
    }
    wallets.push(wallet)
  }
  console.log(`positions: ${markets.length} extra Morpho markets listed on chain ${entry.chainId}, wallets with ${SIZES.join(', ')} positions (set up in ${((performance.now() - t0) / 1000).toFixed(1)} s)`)

  const proxy = await startCountingProxy(entry.rpcUrl)
  const config = loadConfig({ CHAINS_FILE: devnet.chainsFile, [`RPC_URL_${entry.chainId}`]: proxy.url, HYPERLIQUID_INFO_URL: 'off', LIGHTER_API_URL: 'off' })
  const withMarkets = (d: MorphoBlueDeployment): MorphoBlueDeployment => ({ ...d, markets: [...d.markets, ...markets.map((m) => ({ id: m.id }))] })
  const chains = (await resolveSources(config, PROTOCOLS)).chains
    .filter((c) => c.chainId === entry.chainId)
    // the extra markets listed on the chain's Morpho Blue deployment
    .map((c) => ({ ...c, deployments: c.deployments.map((d) => (d.protocol.key === 'morpho-blue' ? { ...d, deployment: withMarkets(d.deployment as MorphoBlueDeployment) } : d)) }))
  const service = createPortfolioService({ chains, collateralFactors: config.oneAccount, chainTimeoutMs: 30_000, logger: pino({ level: 'silent' }) })
  const mine = () => fetch(entry.rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'evm_mine', params: [] }) })
  for (const [k, size] of SIZES.entries()) {
    const owner = wallets[k]!
    proxy.reset()
    const first = await service.get({ owner })
    const venues = first.venues.filter((v) => v.status === 'available').length
    const cold = proxy.httpRequests
    proxy.reset()
    const times: number[] = []
    for (let i = 0; i < ITERATIONS; i++) {
      await mine()
      const t = performance.now()
      await service.get({ owner })
      times.push(performance.now() - t)
    }
    const perQuery = proxy.httpRequests / ITERATIONS
    const calls = proxy.rpcCalls / ITERATIONS
    times.sort((a, b) => a - b)
    console.log(
      `  ${String(size).padStart(3)} positions (${venues} venues read): ${perQuery.toFixed(2)} HTTP requests / query at a new block (${calls.toFixed(1)} JSON-RPC calls: the head and the multicall chunks), p50 ${times[Math.floor(times.length / 2)]!.toFixed(0)} ms; first query ${cold} (metadata); target 1 + 1 head: ${perQuery <= 2 ? 'met' : 'NOT MET'}`,
    )
  }
  await service.close()
  await proxy.close()
} finally {
  await devnet.stop()
}
