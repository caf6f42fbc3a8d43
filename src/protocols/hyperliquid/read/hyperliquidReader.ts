import type { Address } from 'viem'
import { exposureOfSymbol } from '../../../domain/riskFactorTable.js'
import type { UnavailableVenue, VenueSource } from '../../../domain/venue.js'
import { VenueApiUnavailableError } from '../../../errors/index.js'
import { toVenueError } from '../../../errors/publicCode.js'
import { HYPERLIQUID_LIQUIDATION, toHyperliquidPerpAccount, type HyperliquidAccountInput, type HyperliquidRule } from '../model/hyperliquidAccount.js'
import { toPerpVenueModel } from '../../../risk/perps/toPerpVenueModel.js'
import type { VenueModel } from '../../../risk/venueModel.js'
import type { ApiSourceLabel, ApiVenueReader } from '../../../read/apiVenueReader.js'
import { clearinghouseStateSchema, metaSchema, type ClearinghouseState, type HyperliquidMeta, type HyperliquidPosition } from './hyperliquidSchemas.js'

/** How long a fetched `meta` is reused, ms (its margin tables and leverages change by governance). */
const META_TTL_MS = 10 * 60 * 1000

const ZERO: Address = '0x0000000000000000000000000000000000000000'
const USDC_LABEL: Address = ZERO

/** Venue ids: the cross account, and each isolated position. */
export const hyperliquidCrossVenueId = (owner: string) => `hyperliquid:cross:${owner}`
export const hyperliquidIsolatedVenueId = (owner: string, coin: string) => `hyperliquid:isolated:${owner}:${coin}`

export type HyperliquidReaderParameters = {
  /** `POST` endpoint of the info API, e.g. https://api.hyperliquid.xyz/info. */
  readonly infoUrl: string
  readonly sourceLabel: ApiSourceLabel
}

/**
 * Reads an owner's Hyperliquid perps (the same EVM address) from the info
 * API: the cross account is one venue, each isolated position its own. The
 * venue's reported values (liquidationPx, crossMaintenanceMarginUsed, margin
 * used) are kept beside xmargin's own computation, never overwritten. The
 * response schema decides the rule: positions without `maxLeverage` are the
 * 2023 schema and follow its rule.
 */
export function createHyperliquidReader(p: HyperliquidReaderParameters): ApiVenueReader {
  let meta: { value: HyperliquidMeta; at: number } | null = null
  const post = async (body: object, signal: AbortSignal): Promise<unknown> => {
    let res: Response
    try {
      res = await fetch(p.infoUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal })
    } catch (cause) {
      throw new VenueApiUnavailableError('Hyperliquid', { reason: 'the info API did not answer', cause })
    }
    if (!res.ok) throw new VenueApiUnavailableError('Hyperliquid', { reason: `the info API answered HTTP ${res.status}` })
    try {
      return await res.json()
    } catch (cause) {
      throw new VenueApiUnavailableError('Hyperliquid', { reason: 'the info API answered malformed JSON', cause })
    }
  }
  return {
    key: 'hyperliquid',
    async read({ owner, signal }) {
      const parsed = clearinghouseStateSchema.safeParse(await post({ type: 'clearinghouseState', user: owner }, signal))
      if (!parsed.success) {
        throw new VenueApiUnavailableError('Hyperliquid', { reason: `the info API answered an unexpected clearinghouseState (${parsed.error.issues[0]?.path.join('.') ?? ''})` })
      }
      const state = parsed.data
      // meta (max leverage, margin tables) changes rarely: cached for META_TTL_MS; the current schema needs it
      if (hyperliquidRuleOf(state) === 'current' && state.assetPositions.length > 0 && (!meta || Date.now() - meta.at > META_TTL_MS)) {
        const m = metaSchema.safeParse(await post({ type: 'meta' }, signal).catch(() => null))
        if (m.success) meta = { value: m.data, at: Date.now() }
      }
      return { models: hyperliquidVenueModels(owner, state, meta?.value ?? null, p.sourceLabel(owner)), unavailable: [] }
    },
    fail: ({ owner }, error) => [unavailableHyperliquidVenue(owner, error)],
  }
}

/** Which rule a response follows: the 2023 schema has neither maxLeverage nor crossMaintenanceMarginUsed. */
export function hyperliquidRuleOf(state: ClearinghouseState): HyperliquidRule {
  const legacy = state.crossMaintenanceMarginUsed === undefined && state.assetPositions.every((a) => a.position.maxLeverage === undefined)
  return legacy ? 'legacy-2023' : 'current'
}

/**
 * Venue models of one clearinghouseState (pure): the cross account (when it
 * holds positions or value) and one venue per isolated position.
 * @param rule forces a rule (tests compare rules); by default the response's own.
 */
export function hyperliquidVenueModels(
  owner: Address,
  state: ClearinghouseState,
  meta: HyperliquidMeta | null,
  label: ReturnType<ApiSourceLabel>,
  rule: HyperliquidRule = hyperliquidRuleOf(state),
): VenueModel[] {
  const observedAt = state.time !== undefined ? BigInt(Math.floor(state.time / 1000)) : BigInt(Math.floor(Date.now() / 1000))
  const source: VenueSource =
    label.kind === 'REPLAY'
      ? { kind: 'REPLAY', endpoint: 'hyperliquid info', observedAt, recordedAt: label.recordedAt, recording: label.recording }
      : { kind: 'API', endpoint: 'hyperliquid info', observedAt }
  const maxLev = (pos: HyperliquidPosition) => pos.maxLeverage ?? meta?.universe.find((u) => u.name === pos.coin)?.maxLeverage ?? null
  const tiersOf = (coin: string) => {
    const id = meta?.universe.find((u) => u.name === coin)?.marginTableId
    // ids under 50 are a single tier at that leverage (docs "Margin tiers")
    if (id === undefined || id < 50) return undefined
    const table = meta?.marginTables?.find(([tid]) => tid === id)?.[1]
    return table?.marginTiers.map((t) => ({ lowerBoundUsd: t.lowerBound, maxLeverage: t.maxLeverage }))
  }
  const toInput = (pos: HyperliquidPosition) => {
    const marginTiers = tiersOf(pos.coin)
    return {
      coin: pos.coin,
      exposure: exposureOfSymbol(pos.coin),
      sizeSigned: pos.szi,
      markPrice: pos.szi === 0 ? 0 : pos.positionValue / Math.abs(pos.szi),
      maxLeverage: maxLev(pos),
      leverage: pos.leverage.value,
      ...(marginTiers ? { marginTiers } : {}),
    }
  }
  const reported = (pos: HyperliquidPosition) => ({
    market: pos.coin,
    entryPrice: pos.entryPx ?? null,
    unrealizedPnlUsd: pos.unrealizedPnl,
    leverage: pos.leverage.value,
    maxLeverage: maxLev(pos),
    venueLiquidationPrice: pos.liquidationPx,
  })
  const formula =
    rule === 'current'
      ? 'Hyperliquid margining: maintenance = Σ |size|·mark / (2·maxLeverage); liquidation price = P − side·(accountValue − maintenance)/|size|/(1 − side/(2·maxLeverage))'
      : 'Hyperliquid 2023 rule: maintenance held at 1% of total notional; liquidation price = P − side·(accountValue − maintenance)/|size|'
  const models: VenueModel[] = []
  const cross = state.assetPositions.map((a) => a.position).filter((pos) => pos.leverage.type === 'cross' && pos.szi !== 0)
  if (cross.length > 0 || state.crossMarginSummary.accountValue !== 0) {
    const input: HyperliquidAccountInput = { marginMode: 'CROSS', rawUsd: state.crossMarginSummary.totalRawUsd, positions: cross.map(toInput) }
    models.push(
      toPerpVenueModel({
        liquidation: HYPERLIQUID_LIQUIDATION,
        id: hyperliquidCrossVenueId(owner),
        protocol: 'HYPERLIQUID',
        chainId: null,
        account: owner,
        market: ZERO,
        protocolVersion: rule,
        source,
        account_: toHyperliquidPerpAccount(input, rule),
        reported: cross.map(reported),
        cashAsset: { symbol: 'USDC', address: USDC_LABEL },
        details: {
          marginMode: 'CROSS',
          venueMaintenanceMarginUsd: state.crossMaintenanceMarginUsed ?? null,
          venueMarginUsedUsd: state.crossMarginSummary.totalMarginUsed,
          venueAccountValueUsd: state.crossMarginSummary.accountValue,
          freeCollateralUsd: state.withdrawable,
          rule: `hyperliquid-${rule}`,
        },
        formula,
      }),
    )
  }
  for (const pos of state.assetPositions.map((a) => a.position).filter((x) => x.leverage.type === 'isolated' && x.szi !== 0)) {
    const input: HyperliquidAccountInput = { marginMode: 'ISOLATED', rawUsd: pos.leverage.rawUsd ?? 0, positions: [toInput(pos)] }
    models.push(
      toPerpVenueModel({
        liquidation: HYPERLIQUID_LIQUIDATION,
        id: hyperliquidIsolatedVenueId(owner, pos.coin),
        protocol: 'HYPERLIQUID',
        chainId: null,
        account: owner,
        market: ZERO,
        protocolVersion: rule,
        source,
        account_: toHyperliquidPerpAccount(input, rule),
        reported: [reported(pos)],
        cashAsset: { symbol: 'USDC', address: USDC_LABEL },
        details: {
          marginMode: 'ISOLATED',
          venueMaintenanceMarginUsd: null,
          venueMarginUsedUsd: pos.marginUsed,
          // an isolated position's value is its margin as the venue reports it
          venueAccountValueUsd: pos.marginUsed,
          freeCollateralUsd: null,
          rule: `hyperliquid-${rule}`,
        },
        formula,
      }),
    )
  }
  return models
}

function unavailableHyperliquidVenue(owner: Address, error: unknown): UnavailableVenue {
  return {
    status: 'unavailable',
    id: hyperliquidCrossVenueId(owner),
    protocol: 'HYPERLIQUID',
    chainId: null,
    account: owner,
    market: ZERO,
    protocolVersion: 'current',
    error: toVenueError(error),
  }
}
