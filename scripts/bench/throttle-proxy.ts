import { EventEmitter, once } from 'node:events';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import DebuggingStream from 'debugging-stream';

/**
 * A slow link in front of a server, for the bench (issue 16): a TCP proxy on 127.0.0.1 whose
 * every connection, in each direction, delivers its bytes in order, half the round trip late and
 * no faster than the bit rate; before the first byte moves a new connection waits one round trip,
 * what TCP's handshake costs on a real link (the proxy's own accept on loopback costs nothing).
 * The delay and rate are debugging-stream's (latency and a byte rate per direction, order kept);
 * this file wires sockets to it, cuts what it is given into packets and counts what reaches the
 * client. It delivers each chunk whole when its last byte is due, so a 64 KB read would appear at
 * once after 1.3 s: cut into packets (TCP's 1,460-byte payload), a page arrives as it would, in
 * pieces the browser can parse and paint as they come.
 *
 * Its rate model counts a chunk still in flight against the rate, so a link that is sent more
 * while earlier bytes are still travelling delivers later than a real one would. A page load over
 * HTTP/1.1 does not do that: a response is written at once and the next request on a connection
 * waits for it. Each connection gets the whole rate (a browser's parallel connections together
 * get more than the link has), and there is no TLS, loss or slow start: figures are a floor.
 */
export interface ThrottleProxyOptions {
  target: { host: string; port: number };
  /** default 400 ms */
  roundTripMs?: number;
  /** each direction, each connection; default 400 kbit/s */
  bitsPerSecond?: number;
}

export interface ThrottleProxy {
  port: number;
  /** bytes delivered to clients since the start, every connection counted (TCP payload: no headers) */
  readonly bytesToClient: number;
  /** connections accepted since the start */
  readonly connections: number;
  /** stops accepting and cuts every open connection */
  close(): Promise<void>;
}

export async function startThrottleProxy(options: ThrottleProxyOptions): Promise<ThrottleProxy> {
  const roundTripMs = options.roundTripMs ?? 400;
  const bytesPerSecond = (options.bitsPerSecond ?? 400_000) / 8;
  const open = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let bytesToClient = 0;
  let connections = 0;

  const wire = (client: Socket) => {
    const upstream = connect({ ...options.target, allowHalfOpen: true });
    open.add(upstream);
    upstream.once('close', () => open.delete(upstream));
    const link = new DebuggingStream(inPackets(upstream), { latency: roundTripMs / 2, speed: bytesPerSecond });
    const cut = () => {
      link.destroy();
      upstream.destroy();
      client.destroy();
    };
    link.on('data', (chunk) => {
      bytesToClient += chunk.byteLength;
      client.write(chunk);
    });
    // each end passes on after the bytes before it, late as they are
    link.on('end', () => client.end());
    link.on('finish', () => upstream.end());
    link.on('error', cut);
    client.on('data', (chunk: Buffer) => packets(chunk).forEach((packet) => link.write(packet)));
    client.on('end', () => link.end());
    client.on('error', cut);
    client.on('close', cut);
    client.resume();
  };

  const server = createServer({ allowHalfOpen: true, pauseOnConnect: true }, (client) => {
    connections += 1;
    open.add(client);
    client.once('close', () => open.delete(client));
    client.on('error', () => client.destroy());
    const handshake = setTimeout(() => {
      timers.delete(handshake);
      if (!client.destroyed) wire(client);
    }, roundTripMs);
    timers.add(handshake);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');

  return {
    port: (server.address() as AddressInfo).port,
    get bytesToClient() {
      return bytesToClient;
    },
    get connections() {
      return connections;
    },
    async close() {
      const closed = once(server, 'close');
      server.close();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const socket of open) socket.destroy();
      await closed;
    },
  };
}

/** an Ethernet TCP segment's payload */
const PACKET_BYTES = 1_460;

function packets(chunk: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at < chunk.length; at += PACKET_BYTES) out.push(chunk.subarray(at, at + PACKET_BYTES));
  return out;
}

/** The socket as the link reads it: what it receives, a packet at a time. */
function inPackets(socket: Socket) {
  const reads = new EventEmitter();
  socket.on('data', (chunk: Buffer) => packets(chunk).forEach((packet) => reads.emit('data', packet)));
  socket.on('end', () => reads.emit('end'));
  socket.on('error', (error) => reads.emit('error', error));
  return Object.assign(reads, { write: (data: Uint8Array) => socket.write(data) });
}
