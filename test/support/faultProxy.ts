import { createServer, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

/** What the proxy does to the requests it forwards (tests of xmargin's behaviour when a node misbehaves). */
export type Fault =
  | { readonly kind: 'none' }
  | { readonly kind: 'latency'; readonly ms: number }
  /** Accepts the request and never answers. */
  | { readonly kind: 'blackhole' }
  /** Answers every request with an HTTP status (and headers), e.g. 429 with Retry-After, or 503. */
  | { readonly kind: 'status'; readonly status: number; readonly headers?: Readonly<Record<string, string>>; readonly times?: number }
  /** Closes the connection without answering. */
  | { readonly kind: 'drop' }
  /** Forwards, then cuts the node's answer in half. */
  | { readonly kind: 'truncate' }
  /** Answers calls of `method` (with a body over `minBytes`) with a JSON-RPC error; other calls are forwarded. */
  | { readonly kind: 'rpcError'; readonly method: string; readonly code: number; readonly message: string; readonly minBytes?: number; readonly times?: number }
  /** Refuses `eth_getLogs` over more than `maxBlocks` blocks with a JSON-RPC error, as public nodes cap log ranges (counted in `refusedLogQueries`). */
  | { readonly kind: 'logRange'; readonly maxBlocks: number; readonly code: number; readonly message: string }
  /** Reports another chain id from eth_chainId. */
  | { readonly kind: 'chainId'; readonly chainId: number }
  /** Freezes `latest`: the first head seen is replayed, with its timestamp set `ageSeconds` in the past. */
  | { readonly kind: 'stalledHead'; readonly ageSeconds: number }
  /** Answers `latest` with the block `blocks` below the node's head (a lagging node behind a load balancer). */
  | { readonly kind: 'laggingHead'; readonly blocks: number }

type RpcCall = { readonly id?: unknown; readonly method?: string; readonly params?: unknown }

/** A fault-injecting loopback proxy in front of one node, with a log of the calls it saw. */
export type FaultProxy = {
  readonly url: string
  fault: Fault
  /** The node calls are forwarded to; change it to point the proxy at another node. */
  target: string
  /** Every JSON-RPC call received, in order. */
  readonly calls: RpcCall[]
  /** HTTP requests received (a JSON-RPC batch is one). */
  requests: number
  /** `eth_getLogs` calls refused by a `logRange` fault. */
  refusedLogQueries: number
  /** Runs before a call of `method` is forwarded (once per call; e.g. to reorganize the chain under a read). */
  before: { method: string; run: () => Promise<void> } | null
  close(): Promise<void>
}

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const sockets = new Set<Socket>()
  let statusCount = 0
  let rpcErrorCount = 0
  let frozenHead: unknown = null
  const proxy: FaultProxy = {
    url: '',
    fault: { kind: 'none' },
    target,
    calls: [],
    requests: 0,
    refusedLogQueries: 0,
    before: null,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      }),
  }
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    const body = Buffer.concat(chunks)
    let parsed: RpcCall | RpcCall[] | null = null
    try {
      parsed = JSON.parse(body.toString()) as RpcCall | RpcCall[]
    } catch {
      parsed = null
    }
    const list = parsed === null ? [] : Array.isArray(parsed) ? parsed : [parsed]
    proxy.calls.push(...list)
    proxy.requests += 1
    const f = proxy.fault
    switch (f.kind) {
      case 'blackhole':
        return
      case 'drop':
        req.socket.destroy()
        return
      case 'latency':
        await new Promise((r) => setTimeout(r, f.ms))
        break
      case 'status':
        if (f.times === undefined || statusCount < f.times) {
          statusCount += 1
          res.writeHead(f.status, { 'content-type': 'application/json', ...(f.headers ?? {}) })
          res.end(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32603, message: `HTTP ${f.status}` } }))
          return
        }
        break
      default:
        break
    }
    for (const call of list) if (proxy.before && call.method === proxy.before.method) {
      const hook = proxy.before
      proxy.before = null
      await hook.run()
    }
    // answer some calls here, forward the rest (keeping a batch's order)
    const local = (call: RpcCall): unknown => {
      if (f.kind === 'rpcError' && call.method === f.method && body.length >= (f.minBytes ?? 0) && (f.times === undefined || rpcErrorCount < f.times)) {
        rpcErrorCount += 1
        return { jsonrpc: '2.0', id: call.id, error: { code: f.code, message: f.message } }
      }
      if (f.kind === 'logRange' && call.method === 'eth_getLogs') {
        const q = (call.params as { fromBlock?: string; toBlock?: string }[] | undefined)?.[0]
        if (q?.fromBlock && q.toBlock && /^0x/.test(q.fromBlock) && /^0x/.test(q.toBlock) && Number(BigInt(q.toBlock) - BigInt(q.fromBlock)) + 1 > f.maxBlocks) {
          proxy.refusedLogQueries += 1
          return { jsonrpc: '2.0', id: call.id, error: { code: f.code, message: f.message } }
        }
      }
      if (f.kind === 'chainId' && call.method === 'eth_chainId') return { jsonrpc: '2.0', id: call.id, result: `0x${f.chainId.toString(16)}` }
      if (f.kind === 'stalledHead' && call.method === 'eth_getBlockByNumber' && frozenHead !== null) return { jsonrpc: '2.0', id: call.id, result: frozenHead }
      return undefined
    }
    const answers = await Promise.all(
      list.map(async (call) => {
        const mine = local(call)
        if (mine !== undefined) return mine
        const forwarded = f.kind === 'laggingHead' && call.method === 'eth_getBlockByNumber' && (call.params as unknown[] | undefined)?.[0] === 'latest' ? await laggingHeadCall(proxy.target, call, f.blocks) : call
        const upstream = await fetch(proxy.target, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(forwarded) })
        const answer = (await upstream.json()) as { result?: Record<string, unknown> }
        if (f.kind === 'stalledHead' && call.method === 'eth_getBlockByNumber' && frozenHead === null && answer.result) {
          frozenHead = { ...answer.result, timestamp: `0x${(Math.floor(Date.now() / 1000) - f.ageSeconds).toString(16)}` }
          return { ...answer, result: frozenHead }
        }
        return answer
      }),
    )
    const text = JSON.stringify(Array.isArray(parsed) ? answers : answers[0])
    send(res, f.kind === 'truncate' ? text.slice(0, Math.floor(text.length / 2)) : text)
  })
  server.on('connection', (s: Socket) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return Object.assign(proxy, { url: `http://127.0.0.1:${port}` })
}

/** `eth_getBlockByNumber(latest)` rewritten to ask for the block `blocks` below the node's head. */
async function laggingHeadCall(target: string, call: RpcCall, blocks: number): Promise<RpcCall> {
  const head = (await (await fetch(target, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_blockNumber', params: [] }) })).json()) as { result: string }
  const number = BigInt(head.result) - BigInt(blocks)
  return { ...call, params: [`0x${(number < 0n ? 0n : number).toString(16)}`, ...((call.params as unknown[]).slice(1))] }
}

function send(res: ServerResponse, text: string): void {
  res.writeHead(200, { 'content-type': 'application/json' })
  res.end(text)
}
