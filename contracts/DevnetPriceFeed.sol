// SPDX-License-Identifier: MIT
pragma solidity 0.8.19;

/// @title DevnetPriceFeed
/// @notice Chainlink-style price feed for the xmargin devnet whose answer and
/// updatedAt the devnet owner sets by transaction (so every change mines a
/// block). Serves both AggregatorInterface.latestAnswer (read by AaveOracle)
/// and AggregatorV3Interface.latestRoundData (read for updatedAt/staleness).
contract DevnetPriceFeed {
  uint8 public immutable decimals;
  string public description;
  address public immutable owner;

  int256 private _answer;
  uint256 private _updatedAt;
  uint80 private _roundId;

  event AnswerUpdated(int256 indexed current, uint256 indexed roundId, uint256 updatedAt);

  error NotOwner();

  constructor(uint8 decimals_, string memory description_, int256 answer_) {
    decimals = decimals_;
    description = description_;
    owner = msg.sender;
    _set(answer_, block.timestamp);
  }

  /// @notice Sets the answer with updatedAt = the block's timestamp.
  function setAnswer(int256 answer_) external {
    if (msg.sender != owner) revert NotOwner();
    _set(answer_, block.timestamp);
  }

  /// @notice Sets the answer with an explicit updatedAt (to make a feed stale).
  function setAnswerWithTimestamp(int256 answer_, uint256 updatedAt_) external {
    if (msg.sender != owner) revert NotOwner();
    _set(answer_, updatedAt_);
  }

  function latestAnswer() external view returns (int256) {
    return _answer;
  }

  function latestTimestamp() external view returns (uint256) {
    return _updatedAt;
  }

  function latestRound() external view returns (uint256) {
    return _roundId;
  }

  function version() external pure returns (uint256) {
    return 4;
  }

  function latestRoundData()
    external
    view
    returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
  {
    return (_roundId, _answer, _updatedAt, _updatedAt, _roundId);
  }

  function _set(int256 answer_, uint256 updatedAt_) private {
    _roundId += 1;
    _answer = answer_;
    _updatedAt = updatedAt_;
    emit AnswerUpdated(answer_, _roundId, updatedAt_);
  }
}
