import type { Address } from 'viem'
import type { VenueSource } from '../../../domain/venue.js'
import { toPerpVenueModel, type PerpVenueInput } from '../../../risk/perps/toPerpVenueModel.js'
import type { VenueModel } from '../../../risk/venueModel.js'
import type { ApiSourceLabel } from '../../../read/apiVenueReader.js'
import type { ClearinghouseState, HyperliquidMeta, HyperliquidPosition } from '../read/hyperliquidSchemas.js'
import type { HyperliquidAccountDetails } from './details.js'
import { reproducesPerpRule, spotBacksPerpMargin, type HyperliquidAccountMode } from './hyperliquidAccountMode.js'
import { hyperliquidExposureOf } from './toHyperliquidSpotVenueModel.js'
import { HYPERLIQUID_LIQUIDATION, toHyperliquidPerpAccount, type HyperliquidAccountInput, type HyperliquidRule } from './hyperliquidAccount.js'

/** The market label of Hyperliquid venues (an API venue has no contract), and the cash line's asset address. */
export const HYPERLIQUID_MARKET: Address = '0x0000000000000000000000000000000000000000'
const USDC_LABEL: Address = HYPERLIQUID_MARKET

/** Venue ids: the cross account (per dex: the main dex `''` keeps the plain id), and each isolated position (a HIP-3 coin carries its dex, `flx:CRCL`). */
export const hyperliquidCrossVenueId = (owner: string, dex = '') => (dex === '' ? `hyperliquid:cross:${owner}` : `hyperliquid:cross:${owner}:${dex}`)
export const hyperliquidIsolatedVenueId = (owner: string, coin: string) => `hyperliquid:isolated:${owner}:${coin}`

/**
 * The key a venue's source is labelled by (ApiSourceLabel's account): the
 * owner for the main dex, `<owner>:<dex>` for a HIP-3 dex, `<owner>:spot`
 * for spot, so a replay names each venue's own recording.
 */
export function hyperliquidSourceKey(owner: string, part: { readonly dex: string } | 'spot'): string {
  if (part === 'spot') return `${owner}:spot`
  return part.dex === '' ? owner : `${owner}:${part.dex}`
}

/** Which rule a response follows: the 2023 schema has neither maxLeverage nor crossMaintenanceMarginUsed. */
export function hyperliquidRuleOf(state: ClearinghouseState): HyperliquidRule {
  const legacy = state.crossMaintenanceMarginUsed === undefined && state.assetPositions.every((a) => a.position.maxLeverage === undefined)
  return legacy ? 'legacy-2023' : 'current'
}

/**
 * Which account and dex a clearinghouseState belongs to: the dex (`''` the
 * main dex), the token its figures are in (the dex's collateral token: USDC
 * on the main dex, e.g. USDH on `flx`), that token's price in USD (USDC per
 * token at the venue's spot mark; 1 for USDC) and the account's mode.
 */
export type HyperliquidVenueContext = {
  readonly dex: string
  readonly collateralToken: string
  readonly collateralPriceUsd: number
  readonly mode: HyperliquidAccountMode
}

/** A main-dex account whose mode was not read (responses recorded before `userAbstraction`). */
export const HYPERLIQUID_MAIN_DEX: HyperliquidVenueContext = { dex: '', collateralToken: 'USDC', collateralPriceUsd: 1, mode: 'UNKNOWN' }

/** Whether a clearinghouseState holds anything xmargin shows as a venue: an open position or a cross account value. */
export function hyperliquidStateHoldsAnything(state: ClearinghouseState): boolean {
  return state.crossMarginSummary.accountValue !== 0 || state.assetPositions.some((a) => a.position.szi !== 0)
}

/**
 * Venue models of one clearinghouseState (pure): the cross account (when it
 * holds positions or value) and one venue per isolated position. A HIP-3
 * dex reports its figures in its collateral token: every amount and price
 * (margin, values, PnL, entry and liquidation prices) is converted to USD at
 * `context.collateralPriceUsd`, the venue's own figures included, and the
 * details say at what price. In a unified or portfolio-margin account the
 * clearinghouseState does not hold the account's collateral: the venue's own
 * figures are kept, each liquidation price is a gap (RULE_NOT_REPRODUCED)
 * with its reason in the details' notes, and no stress view liquidates the
 * venue by the standard rule (toPerpVenueModel's `liquidationPriceGap`).
 * @param rule forces a rule (tests compare rules); by default the response's own.
 * @param context the dex, its collateral token and price, and the account's mode; by default the main dex, mode not read.
 * @throws RangeError when the current rule finds a position without a max leverage (neither in the response nor in `meta`).
 */
export function toHyperliquidVenueModels(
  owner: Address,
  state: ClearinghouseState,
  meta: HyperliquidMeta | null,
  label: ReturnType<ApiSourceLabel>,
  rule: HyperliquidRule = hyperliquidRuleOf(state),
  context: HyperliquidVenueContext = HYPERLIQUID_MAIN_DEX,
): VenueModel[] {
  const usd = context.collateralPriceUsd === 1 ? state : toUsdState(state, context.collateralPriceUsd)
  const common = { owner, rule, source: hyperliquidSource(usd, label), meta, formula: hyperliquidFormula(rule), context, account: accountDetailsOf(context) }
  const models: VenueModel[] = []
  const cross = usd.assetPositions.map((a) => a.position).filter((pos) => pos.leverage.type === 'cross' && pos.szi !== 0)
  if (cross.length > 0 || usd.crossMarginSummary.accountValue !== 0) models.push(toCrossVenueModel(common, usd, cross))
  for (const pos of usd.assetPositions.map((a) => a.position).filter((x) => x.leverage.type === 'isolated' && x.szi !== 0)) {
    models.push(toIsolatedVenueModel(common, pos))
  }
  return models
}

/**
 * A clearinghouseState in a collateral token restated in USD: every amount
 * and price times `priceUsd` (USD per token); sizes, leverages and the time
 * unchanged. A rate taken as constant: the positions' and cash's exposure to
 * the collateral token's own moves is not modelled.
 */
function toUsdState(state: ClearinghouseState, priceUsd: number): ClearinghouseState {
  const x = (v: number) => v * priceUsd
  const summary = (s: ClearinghouseState['marginSummary']) => ({ accountValue: x(s.accountValue), totalNtlPos: x(s.totalNtlPos), totalRawUsd: x(s.totalRawUsd), totalMarginUsed: x(s.totalMarginUsed) })
  return {
    ...state,
    marginSummary: summary(state.marginSummary),
    crossMarginSummary: summary(state.crossMarginSummary),
    ...(state.crossMaintenanceMarginUsed !== undefined ? { crossMaintenanceMarginUsed: x(state.crossMaintenanceMarginUsed) } : {}),
    withdrawable: x(state.withdrawable),
    assetPositions: state.assetPositions.map((a) => ({
      ...a,
      position: {
        ...a.position,
        leverage: { ...a.position.leverage, ...(a.position.leverage.rawUsd !== undefined ? { rawUsd: x(a.position.leverage.rawUsd) } : {}) },
        ...(a.position.entryPx !== undefined && a.position.entryPx !== null ? { entryPx: x(a.position.entryPx) } : {}),
        positionValue: x(a.position.positionValue),
        unrealizedPnl: x(a.position.unrealizedPnl),
        liquidationPx: a.position.liquidationPx === null ? null : x(a.position.liquidationPx),
        marginUsed: x(a.position.marginUsed),
      },
    })),
  }
}

/** What every venue of one response shares: its owner, rule, source, `meta` and formula. */
type HyperliquidCommon = {
  readonly owner: Address
  readonly rule: HyperliquidRule
  readonly source: VenueSource
  readonly meta: HyperliquidMeta | null
  readonly formula: string
  readonly context: HyperliquidVenueContext
  readonly account: HyperliquidAccountDetails
}

/** What a perp venue of this dex and mode says of its account (mode, dex, collateral token, notes). */
function accountDetailsOf(c: HyperliquidVenueContext): HyperliquidAccountDetails {
  const notes: string[] = []
  if (c.collateralToken !== 'USDC') {
    notes.push(`HIP-3 dex ${c.dex}: the venue reports margin, values and prices in ${c.collateralToken}, the dex's collateral; shown in USD at ${c.collateralPriceUsd} USDC per ${c.collateralToken} (its spot mark), USDC at 1 USD`)
  }
  if (!reproducesPerpRule(c.mode)) {
    notes.push(`account mode ${c.mode}: the collateral is held in spot and shared across dexes; the venue's own margin figures are shown, and no liquidation price is given because that rule cannot be reproduced from a recording; stress scenarios, market-wide moves and Monte Carlo revalue this venue's equity but never liquidate it, and its health factor is the standard rule's over these figures, for reference only`)
  } else if (c.mode === 'UNKNOWN') {
    notes.push('account mode not read (userAbstraction did not answer): read as a standard account')
  } else {
    notes.push('standard account: spot balances do not back this margin')
  }
  return { accountMode: c.mode, dex: c.dex, collateralToken: c.collateralToken, collateralPriceUsd: c.collateralPriceUsd, spotBacksPerpMargin: spotBacksPerpMargin(c.mode), unpricedBalances: [], notes }
}

/** Where the venues came from: the info API or a replayed recording, observed at the response's time (unix seconds), else now. */
function hyperliquidSource(state: ClearinghouseState, label: ReturnType<ApiSourceLabel>): VenueSource {
  return hyperliquidSourceOf(state.time, label)
}

/** A venue source observed at `timeMs` (the response's own time, unix ms), else now. */
export function hyperliquidSourceOf(timeMs: number | undefined, label: ReturnType<ApiSourceLabel>): VenueSource {
  const observedAt = timeMs !== undefined ? BigInt(Math.floor(timeMs / 1000)) : BigInt(Math.floor(Date.now() / 1000))
  return label.kind === 'REPLAY'
    ? { kind: 'REPLAY', endpoint: 'hyperliquid info', observedAt, recordedAt: label.recordedAt, recording: label.recording }
    : { kind: 'API', endpoint: 'hyperliquid info', observedAt }
}

/** The formula the rule's health reproduces, as the venue shows it. */
function hyperliquidFormula(rule: HyperliquidRule): string {
  return rule === 'current'
    ? 'Hyperliquid margining: maintenance = Σ |size|·mark / (2·maxLeverage); liquidation price = P − side·(accountValue − maintenance)/|size|/(1 − side/(2·maxLeverage))'
    : 'Hyperliquid 2023 rule: maintenance held at 1% of total notional; liquidation price = P − side·(accountValue − maintenance)/|size|'
}

/** The cross account as a venue: the cross positions on the cross margin summary's raw USD, the venue's own cross figures (USD) kept in its details. */
function toCrossVenueModel(c: HyperliquidCommon, state: ClearinghouseState, cross: readonly HyperliquidPosition[]): VenueModel {
  const input: HyperliquidAccountInput = { marginMode: 'CROSS', rawUsd: state.crossMarginSummary.totalRawUsd, positions: cross.map((pos) => toPositionInput(pos, c.meta)) }
  return toPerpVenueModel({
    ...perpVenueInputOf(c),
    id: hyperliquidCrossVenueId(c.owner, c.context.dex),
    account_: toHyperliquidPerpAccount(input, c.rule),
    reported: cross.map((pos) => reportedOf(pos, c.meta)),
    details: {
      marginMode: 'CROSS',
      venueMaintenanceMarginUsd: state.crossMaintenanceMarginUsed ?? null,
      venueMarginUsedUsd: state.crossMarginSummary.totalMarginUsed,
      venueAccountValueUsd: state.crossMarginSummary.accountValue,
      freeCollateralUsd: state.withdrawable,
      rule: `hyperliquid-${c.rule}`,
    },
  })
}

/** One isolated position as a venue: the position on its own raw USD, its margin used (USD) as the venue's account value. */
function toIsolatedVenueModel(c: HyperliquidCommon, pos: HyperliquidPosition): VenueModel {
  const input: HyperliquidAccountInput = { marginMode: 'ISOLATED', rawUsd: pos.leverage.rawUsd ?? 0, positions: [toPositionInput(pos, c.meta)] }
  return toPerpVenueModel({
    ...perpVenueInputOf(c),
    id: hyperliquidIsolatedVenueId(c.owner, pos.coin),
    account_: toHyperliquidPerpAccount(input, c.rule),
    reported: [reportedOf(pos, c.meta)],
    details: {
      marginMode: 'ISOLATED',
      venueMaintenanceMarginUsd: null,
      venueMarginUsedUsd: pos.marginUsed,
      // an isolated position's value is its margin as the venue reports it
      venueAccountValueUsd: pos.marginUsed,
      freeCollateralUsd: null,
      rule: `hyperliquid-${c.rule}`,
    },
  })
}

/** The parts of a perp venue input every Hyperliquid venue has alike. */
function perpVenueInputOf(c: HyperliquidCommon): Omit<PerpVenueInput, 'id' | 'account_' | 'reported' | 'details'> {
  return {
    liquidation: HYPERLIQUID_LIQUIDATION,
    protocol: 'HYPERLIQUID',
    protocolDetails: { hyperliquid: c.account },
    ...(reproducesPerpRule(c.context.mode) ? {} : { liquidationPriceGap: 'RULE_NOT_REPRODUCED' as const }),
    chainId: null,
    account: c.owner,
    market: HYPERLIQUID_MARKET,
    protocolVersion: c.rule,
    source: c.source,
    cashAsset: { symbol: c.context.collateralToken, address: USDC_LABEL },
    formula: c.formula,
  }
}

/** A position's max leverage: the response's, else the asset's in `meta`, else null. */
function maxLeverageOf(pos: HyperliquidPosition, meta: HyperliquidMeta | null): number | null {
  return pos.maxLeverage ?? meta?.universe.find((u) => u.name === pos.coin)?.maxLeverage ?? null
}

/** The asset's margin tiers from `meta` (lower bound USD, max leverage) when its table has several; undefined for a single tier (ids under 50) or no table. */
function marginTiersOf(coin: string, meta: HyperliquidMeta | null): { lowerBoundUsd: number; maxLeverage: number }[] | undefined {
  const id = meta?.universe.find((u) => u.name === coin)?.marginTableId
  // ids under 50 are a single tier at that leverage (docs "Margin tiers")
  if (id === undefined || id < 50) return undefined
  const table = meta?.marginTables?.find(([tid]) => tid === id)?.[1]
  return table?.marginTiers.map((t) => ({ lowerBoundUsd: t.lowerBound, maxLeverage: t.maxLeverage }))
}

/** A position as the account model takes it: signed size, mark = positionValue / |size| (USD), leverages and margin tiers. */
function toPositionInput(pos: HyperliquidPosition, meta: HyperliquidMeta | null): HyperliquidAccountInput['positions'][number] {
  const marginTiers = marginTiersOf(pos.coin, meta)
  return {
    coin: pos.coin,
    exposure: hyperliquidExposureOf(pos.coin),
    sizeSigned: pos.szi,
    markPrice: pos.szi === 0 ? 0 : pos.positionValue / Math.abs(pos.szi),
    maxLeverage: maxLeverageOf(pos, meta),
    leverage: pos.leverage.value,
    ...(marginTiers ? { marginTiers } : {}),
  }
}

/** What the venue reports of a position (entry, PnL and liquidation price in USD, leverages), kept beside xmargin's figures. */
function reportedOf(pos: HyperliquidPosition, meta: HyperliquidMeta | null): PerpVenueInput['reported'][number] {
  return {
    market: pos.coin,
    entryPrice: pos.entryPx ?? null,
    unrealizedPnlUsd: pos.unrealizedPnl,
    leverage: pos.leverage.value,
    maxLeverage: maxLeverageOf(pos, meta),
    venueLiquidationPrice: pos.liquidationPx,
  }
}
