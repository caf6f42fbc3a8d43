/**
 * The Morpho Blue functions xmargin reads (morpho-blue IMorpho, IOracle,
 * IIrm; getters of MorphoChainlinkOracleV2; ERC20 metadata), as const ABIs.
 */
const marketParamsComponents = [
  { name: 'loanToken', type: 'address' },
  { name: 'collateralToken', type: 'address' },
  { name: 'oracle', type: 'address' },
  { name: 'irm', type: 'address' },
  { name: 'lltv', type: 'uint256' },
] as const

/** Morpho Blue's `Market` struct as `market(id)` returns it. */
export const marketComponents = [
  { name: 'totalSupplyAssets', type: 'uint128' },
  { name: 'totalSupplyShares', type: 'uint128' },
  { name: 'totalBorrowAssets', type: 'uint128' },
  { name: 'totalBorrowShares', type: 'uint128' },
  { name: 'lastUpdate', type: 'uint128' },
  { name: 'fee', type: 'uint128' },
] as const

export const morphoAbi = [
  {
    type: 'function',
    name: 'idToMarketParams',
    stateMutability: 'view',
    inputs: [{ name: 'id', type: 'bytes32' }],
    outputs: marketParamsComponents,
  },
  { type: 'function', name: 'market', stateMutability: 'view', inputs: [{ name: 'id', type: 'bytes32' }], outputs: marketComponents },
  {
    type: 'function',
    name: 'position',
    stateMutability: 'view',
    inputs: [
      { name: 'id', type: 'bytes32' },
      { name: 'user', type: 'address' },
    ],
    outputs: [
      { name: 'supplyShares', type: 'uint256' },
      { name: 'borrowShares', type: 'uint128' },
      { name: 'collateral', type: 'uint128' },
    ],
  },
] as const

export const morphoOracleAbi = [
  { type: 'function', name: 'price', stateMutability: 'view', inputs: [], outputs: [{ type: 'uint256' }] },
  { type: 'function', name: 'BASE_FEED_1', stateMutability: 'view', inputs: [], outputs: [{ type: 'address' }] },
  { type: 'function', name: 'BASE_FEED_2', stateMutability: 'view', inputs: [], outputs: [{ type: 'address' }] },
  { type: 'function', name: 'QUOTE_FEED_1', stateMutability: 'view', inputs: [], outputs: [{ type: 'address' }] },
  { type: 'function', name: 'QUOTE_FEED_2', stateMutability: 'view', inputs: [], outputs: [{ type: 'address' }] },
  { type: 'function', name: 'BASE_VAULT', stateMutability: 'view', inputs: [], outputs: [{ type: 'address' }] },
  { type: 'function', name: 'QUOTE_VAULT', stateMutability: 'view', inputs: [], outputs: [{ type: 'address' }] },
  { type: 'function', name: 'SCALE_FACTOR', stateMutability: 'view', inputs: [], outputs: [{ type: 'uint256' }] },
] as const

export const irmAbi = [
  {
    type: 'function',
    name: 'borrowRateView',
    stateMutability: 'view',
    inputs: [
      { name: 'marketParams', type: 'tuple', components: marketParamsComponents },
      { name: 'market', type: 'tuple', components: marketComponents },
    ],
    outputs: [{ type: 'uint256' }],
  },
  /** DevnetCurveIrm's fixed rate at target (per second, WAD). */
  { type: 'function', name: 'RATE_AT_TARGET', stateMutability: 'view', inputs: [], outputs: [{ type: 'int256' }] },
] as const

export const erc20Abi = [
  { type: 'function', name: 'symbol', stateMutability: 'view', inputs: [], outputs: [{ type: 'string' }] },
  { type: 'function', name: 'decimals', stateMutability: 'view', inputs: [], outputs: [{ type: 'uint8' }] },
] as const

/**
 * The chain's USD price source for Morpho's tokens (MorphoBlueDeployment.usdOracle):
 * AaveOracle's `getAssetsPrices(address[])`, USD with 8 decimals (aave-v3-core IAaveOracle).
 */
export const usdOracleAbi = [
  { type: 'function', name: 'getAssetPrice', stateMutability: 'view', inputs: [{ name: 'asset', type: 'address' }], outputs: [{ type: 'uint256' }] },
  {
    type: 'function',
    name: 'getAssetsPrices',
    stateMutability: 'view',
    inputs: [{ name: 'assets', type: 'address[]' }],
    outputs: [{ type: 'uint256[]' }],
  },
] as const

/**
 * Morpho Blue's `CreateMarket(Id indexed id, MarketParams marketParams)`
 * (morpho-org/morpho-blue src/libraries/EventsLib.sol): emitted once per
 * market by `createMarket`, with the market's params in its data.
 */
export const createMarketEvent = {
  type: 'event',
  name: 'CreateMarket',
  inputs: [
    { name: 'id', type: 'bytes32', indexed: true },
    { name: 'marketParams', type: 'tuple', indexed: false, components: marketParamsComponents },
  ],
} as const
