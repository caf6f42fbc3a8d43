// SPDX-License-Identifier: MIT
pragma solidity 0.8.19;

interface IDevnetAggregator {
  function decimals() external view returns (uint8);
  function latestRoundData() external view returns (uint80, int256, uint256, uint256, uint80);
}

/// @title DevnetMorphoOracle
/// @notice Morpho Blue oracle for the xmargin devnet, deriving the 1e36-scaled
/// price of one collateral unit in loan units from two USD feeds, as
/// MorphoChainlinkOracleV2 does with one base and one quote feed and no vaults:
///   price = SCALE_FACTOR * baseAnswer / quoteAnswer (rounded down),
///   SCALE_FACTOR = 10^(36 + quoteTokenDecimals + quoteFeedDecimals - baseTokenDecimals - baseFeedDecimals).
/// Getter names follow MorphoChainlinkOracleV2 so one reader serves both.
contract DevnetMorphoOracle {
  IDevnetAggregator public immutable BASE_FEED_1;
  IDevnetAggregator public immutable BASE_FEED_2;
  IDevnetAggregator public immutable QUOTE_FEED_1;
  IDevnetAggregator public immutable QUOTE_FEED_2;
  address public immutable BASE_VAULT;
  address public immutable QUOTE_VAULT;
  uint256 public immutable BASE_VAULT_CONVERSION_SAMPLE;
  uint256 public immutable QUOTE_VAULT_CONVERSION_SAMPLE;
  uint256 public immutable SCALE_FACTOR;

  error NegativeAnswer();

  constructor(IDevnetAggregator baseFeed, IDevnetAggregator quoteFeed, uint256 baseTokenDecimals, uint256 quoteTokenDecimals) {
    BASE_FEED_1 = baseFeed;
    BASE_FEED_2 = IDevnetAggregator(address(0));
    QUOTE_FEED_1 = quoteFeed;
    QUOTE_FEED_2 = IDevnetAggregator(address(0));
    BASE_VAULT = address(0);
    QUOTE_VAULT = address(0);
    BASE_VAULT_CONVERSION_SAMPLE = 1;
    QUOTE_VAULT_CONVERSION_SAMPLE = 1;
    SCALE_FACTOR = 10 ** (36 + quoteTokenDecimals + quoteFeed.decimals() - baseTokenDecimals - baseFeed.decimals());
  }

  /// @notice Value of 1 collateral unit in loan units, scaled by 1e36.
  function price() external view returns (uint256) {
    return (SCALE_FACTOR * _answer(BASE_FEED_1)) / _answer(QUOTE_FEED_1);
  }

  function _answer(IDevnetAggregator feed) private view returns (uint256) {
    (, int256 answer, , , ) = feed.latestRoundData();
    if (answer < 0) revert NegativeAnswer();
    return uint256(answer);
  }
}
