import {
  createPublicClient,
  createWalletClient,
  http,
  type Abi,
  type Address,
  type Chain,
  type Hex,
  type PublicClient,
  type WalletClient,
  getAddress,
  BaseError as ViemBaseError,
  ContractFunctionRevertedError,
  type Transport,
  type Account,
  type ContractFunctionName,
  type ContractFunctionArgs,
  type TransactionReceipt,
  TransactionReceiptNotFoundError,
} from 'viem'
import { DevnetError } from '../errors/index.js'

/** Gas limit of every devnet call transaction (the devnet block gas limit is 100M). */
const SEND_GAS_LIMIT = 30_000_000n
/** How long a sent transaction may go without a receipt: generous, a stuck devnet is the only way to reach it. */
const RECEIPT_TIMEOUT_MS = 120_000

/**
 * Sends transactions from one unlocked anvil account and waits for each
 * receipt (10 ms polling: a local deployment is bound by round trips).
 * Deterministic: the same sequence of calls yields the same addresses.
 */
export class Deployer {
  readonly public: PublicClient
  readonly wallet: WalletClient<Transport, Chain, Account>

  constructor(
    readonly chain: Chain,
    readonly rpcUrl: string,
    readonly from: Address,
  ) {
    const transport = http(rpcUrl, { retryCount: 0 })
    this.public = createPublicClient({ chain, transport, pollingInterval: 10, cacheTime: 0 })
    this.wallet = createWalletClient({ chain, transport, account: from, pollingInterval: 10 }) as WalletClient<
      Transport,
      Chain,
      Account
    >
  }

  /** Deploys a contract and returns its address. @throws DevnetError on a revert. */
  async deploy(label: string, abi: Abi, bytecode: Hex, args: readonly unknown[] = []): Promise<Address> {
    const hash = await this.wallet.deployContract({ abi, bytecode, args } as never)
    const receipt = await this.receipt(hash)
    if (receipt.status !== 'success' || !receipt.contractAddress) {
      throw new DevnetError(`Deploying ${label} on chain ${this.chain.id} reverted.`)
    }
    return getAddress(receipt.contractAddress)
  }

  /** Sends one contract call as a transaction and waits for it. @throws DevnetError on a revert. */
  async send<const abi extends Abi, functionName extends ContractFunctionName<abi, 'nonpayable' | 'payable'>>(
    address: Address,
    abi: abi,
    functionName: functionName,
    args: ContractFunctionArgs<abi, 'nonpayable' | 'payable', functionName>,
    from?: Address,
  ): Promise<void> {
    try {
      const hash = await this.wallet.writeContract({
        address,
        abi,
        functionName,
        args,
        account: from ?? this.from,
        // estimates run at the pending timestamp, but Aave's interest accrual takes a
        // costlier path once a second has passed: a fixed generous limit avoids out-of-gas
        gas: SEND_GAS_LIMIT,
      } as never)
      const receipt = await this.receipt(hash)
      if (receipt.status !== 'success') {
        // replay at the parent block to recover the revert reason
        await this.public.simulateContract({ address, abi, functionName, args, account: from ?? this.from, blockNumber: receipt.blockNumber - 1n } as never)
        throw new DevnetError(`${String(functionName)} reverted.`)
      }
    } catch (cause) {
      // keep the revert reason, not viem's whole error (it carries the full ABI)
      const reverted = cause instanceof ViemBaseError ? cause.walk((e) => e instanceof ContractFunctionRevertedError) : null
      const reason = reverted instanceof ContractFunctionRevertedError ? (reverted.reason ?? reverted.shortMessage) : cause instanceof Error ? cause.message.split('\n')[0] : String(cause)
      throw new DevnetError(`${String(functionName)} on ${address} (chain ${this.chain.id}) reverted: ${reason}`)
    }
  }

  /**
   * The receipt of a sent transaction, polled every 10 ms until the node has it.
   * Not viem's waitForTransactionReceipt: after a first miss that waits for a
   * newer block, and on an automining devnet the transaction's own block may
   * already be the last one, so a busy node that indexes the receipt a moment
   * late would leave it waiting for a block that never comes.
   * @throws DevnetError when the node has no receipt after `timeoutMs`.
   */
  async receipt(hash: Hex, timeoutMs = RECEIPT_TIMEOUT_MS): Promise<TransactionReceipt> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const receipt = await this.public.getTransactionReceipt({ hash }).catch((error: unknown) => {
        if (error instanceof TransactionReceiptNotFoundError) return null
        throw error
      })
      if (receipt) return receipt
      if (Date.now() > deadline) throw new DevnetError(`No receipt for ${hash} on chain ${this.chain.id} after ${timeoutMs} ms.`)
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
  }

  /** Raw JSON-RPC call (anvil_* and evm_* methods). */
  rpc(method: string, params: unknown[]): Promise<unknown> {
    return this.public.request({ method, params } as never)
  }
}
