/** ABI of contracts/DevnetPriceFeed.sol (the parts the devnet drives). */
export const devnetPriceFeedAbi = [
  { type: 'function', name: 'setAnswer', stateMutability: 'nonpayable', inputs: [{ name: 'answer_', type: 'int256' }], outputs: [] },
  {
    type: 'function',
    name: 'setAnswerWithTimestamp',
    stateMutability: 'nonpayable',
    inputs: [
      { name: 'answer_', type: 'int256' },
      { name: 'updatedAt_', type: 'uint256' },
    ],
    outputs: [],
  },
  { type: 'function', name: 'latestAnswer', stateMutability: 'view', inputs: [], outputs: [{ type: 'int256' }] },
] as const
