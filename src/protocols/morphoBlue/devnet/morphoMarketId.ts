import { encodeAbiParameters, keccak256, type Address, type Hex } from 'viem'

/** keccak256(abi.encode(MarketParams)): MarketParamsLib.id. `lltv` WAD. */
export function morphoMarketId(p: { loanToken: Address; collateralToken: Address; oracle: Address; irm: Address; lltv: bigint }): Hex {
  return keccak256(
    encodeAbiParameters(
      [{ type: 'address' }, { type: 'address' }, { type: 'address' }, { type: 'address' }, { type: 'uint256' }],
      [p.loanToken, p.collateralToken, p.oracle, p.irm, p.lltv],
    ),
  )
}
