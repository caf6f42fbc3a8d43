import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { inject } from 'vitest'
import { GraphQLClient, gql } from 'graphql-request'
import pino from 'pino'
import { BaseError as ViemBaseError, ContractFunctionRevertedError, parseUnits, type Address, type Hex } from 'viem'
import { runServer } from '../../../app/runServer.js'
import { loadConfig } from '../../../config/loadConfig.js'
import { loadArtifact } from '../devnet/aaveArtifacts.js'
import type { DevnetManifest } from '../../../devnet/manifest.js'
import { setDevnetFeed, setDevnetPrice } from '../../../devnet/setDevnetPrice.js'
import type { GraphqlServer } from '../../../graphql/createServer.js'
import { devnetPriceFeedAbi } from '../../../devnet/priceFeedAbi.js'
import { poolArtifactAbi, TestChain, testManifest } from '../../../../test/support/devnet.js'

const sequencerAbi = loadArtifact('@aave/core-v3', 'mocks/oracle/SequencerOracle.sol/SequencerOracle').abi
/** Aave V3 Errors.PRICE_ORACLE_SENTINEL_CHECK_FAILED. */
const SENTINEL_CHECK_FAILED = '59'

const QUERY = gql`
  query ($owner: Address!) {
    portfolio(owner: $owner, chainIds: [900002]) {
      venues {
        protocol status healthFactor closeFactor liquidationBlocked stalePrices
        liquidationGate { sequencerUp liquidationAllowed borrowAllowed reason allowedFrom gracePeriodSeconds }
        positions { asset { symbol } price { stale ageSeconds heartbeatSeconds updatedAt } }
      }
    }
  }
`
type Venue = {
  protocol: string
  status: string
  healthFactor: number
  closeFactor: number
  liquidationBlocked: boolean
  stalePrices: string[]
  liquidationGate: { sequencerUp: boolean; liquidationAllowed: boolean; borrowAllowed: boolean; reason: string | null; allowedFrom: string | null; gracePeriodSeconds: string } | null
  positions: { asset: { symbol: string }; price: { stale: boolean; ageSeconds: number | null; heartbeatSeconds: number | null; updatedAt: string | null } }[]
}

describe('L2 sequencer sentinel and stale feeds, as the answer says and the contract does', () => {
  let manifest: DevnetManifest
  let chain: TestChain
  let server: GraphqlServer
  let client: GraphQLClient
  let snap: Hex
  let account: Address
  const venue = async () => (await client.request<{ portfolio: { venues: Venue[] } }>(QUERY, { owner: account })).portfolio.venues.find((v) => v.protocol === 'AAVE_V3')!

  beforeAll(async () => {
    manifest = await testManifest()
    chain = new TestChain(manifest.chains.find((c) => c.chainId === 900002)!)
    await chain.approveAll(manifest.accounts.liquidator)
    server = await runServer(loadConfig({ CHAINS_FILE: inject('devnetChainsFile'), PORT: '0' }), pino({ level: 'silent' }))
    client = new GraphQLClient(server.url)
  })
  afterAll(async () => {
    await server.stop()
  })
  afterEach(async () => {
    await chain.revert(snap)
  })

  /** A WETH/USDC account pushed to HF ≈ `targetHf` by moving ETH. */
  async function accountAtHealth(seed: number, targetHf: number) {
    snap = await chain.snapshot()
    account = await chain.freshAccount(70_000 + seed)
    await chain.aave.supply(chain.asset('WETH'), account, parseUnits('10', 18))
    await chain.aave.borrow(chain.asset('USDC'), account, parseUnits('12000', 6), 'variable')
    const v = await venue()
    // HF is linear in the ETH price for this book
    const weth = chain.entry.assets.find((a) => a.symbol === 'WETH')!
    const ethE8 = (await chain.client.readContract({ address: weth.priceFeed, abi: devnetPriceFeedAbi, functionName: 'latestAnswer' })) as bigint
    const eth = (Number(ethE8) / 1e8) * (targetHf / v.healthFactor)
    await setDevnetPrice({ manifest, target: 'ETH', value: eth.toFixed(8), chainId: 900002 })
  }

  async function liquidate(time?: bigint) {
    if (time !== undefined) await chain.rpc('evm_setNextBlockTimestamp', [Number(time)])
    const args = [chain.asset('WETH').address, chain.asset('USDC').address, account, parseUnits('100', 6), false] as const
    const hash = await chain.deployer.wallet.writeContract({ address: chain.entry.aaveV3.pool, abi: poolArtifactAbi, functionName: 'liquidationCall', args, account: manifest.accounts.liquidator, gas: 5_000_000n } as never)
    const receipt = await chain.deployer.receipt(hash)
    if (receipt.status === 'success') return 'ok'
    try {
      await chain.client.simulateContract({ address: chain.entry.aaveV3.pool, abi: poolArtifactAbi, functionName: 'liquidationCall', args, account: manifest.accounts.liquidator, blockNumber: receipt.blockNumber - 1n })
      return 'replay did not revert'
    } catch (error) {
      const r = error instanceof ViemBaseError ? error.walk((e) => e instanceof ContractFunctionRevertedError) : null
      return r instanceof ContractFunctionRevertedError ? r.reason : String(error)
    }
  }

  async function setSequencer(down: boolean, since: bigint) {
    await chain.deployer.send(chain.entry.aaveV3.sequencerOracle!, sequencerAbi, 'setAnswer' as never, [down, since] as never)
  }

  it('sequencer down: the answer says liquidations are blocked, and liquidationCall is refused', async () => {
    await accountAtHealth(1, 0.98)
    const now = (await chain.client.getBlock()).timestamp
    await setSequencer(true, now)
    const v = await venue()
    expect(v.status).toBe('LIQUIDATABLE')
    expect(v.closeFactor).toBe(0.5)
    expect(v.liquidationGate).toMatchObject({ sequencerUp: false, liquidationAllowed: false, borrowAllowed: false, reason: 'SEQUENCER_DOWN', allowedFrom: null })
    expect(v.liquidationBlocked).toBe(true)
    expect(await liquidate()).toBe(SENTINEL_CHECK_FAILED)
  })

  it('sequencer back up: blocked through the grace period, allowed from the second the answer names', async () => {
    await accountAtHealth(2, 0.98)
    const upAt = (await chain.client.getBlock()).timestamp
    await setSequencer(false, upAt)
    const v = await venue()
    expect(v.liquidationGate).toMatchObject({ sequencerUp: true, liquidationAllowed: false, reason: 'GRACE_PERIOD', gracePeriodSeconds: '3600' })
    expect(v.liquidationBlocked).toBe(true)
    const allowedFrom = BigInt(v.liquidationGate!.allowedFrom!)
    expect(allowedFrom).toBe(upAt + 3601n)
    const s = await chain.snapshot()
    expect(await liquidate(allowedFrom - 1n)).toBe(SENTINEL_CHECK_FAILED)
    await chain.revert(s)
    expect(await liquidate(allowedFrom)).toBe('ok')
  })

  it('below HF 0.95 the sentinel does not hold liquidations (and the close factor is 100%)', async () => {
    await accountAtHealth(3, 0.9)
    await setSequencer(true, (await chain.client.getBlock()).timestamp)
    const v = await venue()
    expect(v.healthFactor).toBeLessThan(0.95)
    expect(v.closeFactor).toBe(1)
    expect(v.liquidationGate?.liquidationAllowed).toBe(false)
    expect(v.liquidationBlocked).toBe(false)
    expect(await liquidate()).toBe('ok')
  })

  it('flags a feed older than its heartbeat as stale', async () => {
    await accountAtHealth(4, 1.3)
    const now = (await chain.client.getBlock()).timestamp
    const usdc = chain.entry.assets.find((a) => a.symbol === 'USDC')!
    await setDevnetFeed(chain.entry, 'USDC', 99_990_000n, now - BigInt(usdc.heartbeatSeconds) - 600n)
    const v = await venue()
    expect(v.stalePrices).toEqual(['USDC'])
    const line = v.positions.find((p) => p.asset.symbol === 'USDC')!
    expect(line.price.stale).toBe(true)
    expect(line.price.heartbeatSeconds).toBe(usdc.heartbeatSeconds)
    expect(line.price.ageSeconds).toBeGreaterThan(usdc.heartbeatSeconds)
    expect(v.positions.find((p) => p.asset.symbol === 'WETH')!.price.stale).toBe(false)
  })
})
