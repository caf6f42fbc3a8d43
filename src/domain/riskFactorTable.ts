import type { AssetExposure, RiskFactor, RiskFactorId } from './riskFactor.js'

/**
 * Known risk factors. Each stablecoin issuer is its own stable factor; LST
 * exchange rates are ratio factors quoted in ETH.
 */
export const RISK_FACTORS: Readonly<Record<RiskFactorId, RiskFactor>> = {
  ETH: { id: 'ETH', kind: 'volatile' },
  BTC: { id: 'BTC', kind: 'volatile' },
  ARB: { id: 'ARB', kind: 'volatile' },
  OP: { id: 'OP', kind: 'volatile' },
  POL: { id: 'POL', kind: 'volatile' },
  SOL: { id: 'SOL', kind: 'volatile' },
  HYPE: { id: 'HYPE', kind: 'volatile' },
  LINK: { id: 'LINK', kind: 'volatile' },
  AAVE: { id: 'AAVE', kind: 'volatile' },
  USDC: { id: 'USDC', kind: 'stable' },
  USDT: { id: 'USDT', kind: 'stable' },
  DAI: { id: 'DAI', kind: 'stable' },
  WSTETH_ETH: { id: 'WSTETH_ETH', kind: 'ratio', quote: 'ETH' },
  CBETH_ETH: { id: 'CBETH_ETH', kind: 'ratio', quote: 'ETH' },
  RETH_ETH: { id: 'RETH_ETH', kind: 'ratio', quote: 'ETH' },
  WEETH_ETH: { id: 'WEETH_ETH', kind: 'ratio', quote: 'ETH' },
  RSETH_ETH: { id: 'RSETH_ETH', kind: 'ratio', quote: 'ETH' },
}

/**
 * Default mapping of token symbols to exposures. The same underlying on
 * several chains is one factor (WETH everywhere → ETH); bridged USDC maps to
 * USDC. Chains may override per asset address.
 */
export const SYMBOL_EXPOSURES: Readonly<Record<string, AssetExposure>> = {
  WETH: { base: 'ETH' },
  ETH: { base: 'ETH' },
  WBTC: { base: 'BTC' },
  cbBTC: { base: 'BTC' },
  tBTC: { base: 'BTC' },
  wstETH: { base: 'ETH', ratio: 'WSTETH_ETH' },
  cbETH: { base: 'ETH', ratio: 'CBETH_ETH' },
  rETH: { base: 'ETH', ratio: 'RETH_ETH' },
  weETH: { base: 'ETH', ratio: 'WEETH_ETH' },
  rsETH: { base: 'ETH', ratio: 'RSETH_ETH' },
  USDC: { base: 'USDC' },
  'USDC.e': { base: 'USDC' },
  USDbC: { base: 'USDC' },
  USDT: { base: 'USDT' },
  'USDT0': { base: 'USDT' },
  DAI: { base: 'DAI' },
  // savings DAI accrues against DAI; without a factor of its own it moves with DAI
  sDAI: { base: 'DAI' },
  ARB: { base: 'ARB' },
  OP: { base: 'OP' },
  WPOL: { base: 'POL' },
  WMATIC: { base: 'POL' },
  LINK: { base: 'LINK' },
  AAVE: { base: 'AAVE' },
}

/** The factor record for an id; unknown ids are treated as volatile (the conservative choice). */
export function riskFactorOf(id: RiskFactorId): RiskFactor {
  return RISK_FACTORS[id] ?? { id, kind: 'volatile' }
}

/** Exposure for a symbol, or a volatile factor named after the symbol when unknown. */
export function exposureOfSymbol(symbol: string): AssetExposure {
  return SYMBOL_EXPOSURES[symbol] ?? { base: symbol.toUpperCase() }
}
