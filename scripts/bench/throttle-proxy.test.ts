import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startThrottleProxy, type ThrottleProxy } from './throttle-proxy.ts';

/** An echo server that keeps what each connection sent it. */
async function startEcho(): Promise<{ server: Server; port: number; received: Buffer[] }> {
  const received: Buffer[] = [];
  const server = createServer({ allowHalfOpen: true }, (socket) => {
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => received.push(Buffer.concat(chunks)));
    socket.on('error', () => socket.destroy());
    socket.pipe(socket);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, port: (server.address() as AddressInfo).port, received };
}

/** Sends `payload`, half-closes, and resolves with everything that came back before the other end closed. */
async function roundTrip(port: number, payload: Buffer): Promise<Buffer> {
  const socket = connect({ host: '127.0.0.1', port, allowHalfOpen: true });
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  await once(socket, 'connect');
  // in several writes, as a client sends them
  for (let at = 0; at < payload.length; at += 16_384) socket.write(payload.subarray(at, at + 16_384));
  socket.end();
  await once(socket, 'end');
  socket.destroy();
  return Buffer.concat(chunks);
}

describe('the throttling proxy', () => {
  let echo: Awaited<ReturnType<typeof startEcho>> | null = null;
  let proxy: ThrottleProxy | null = null;
  afterEach(async () => {
    await proxy?.close();
    echo?.server.close();
    proxy = null;
    echo = null;
  });

  it('passes 200 KB through unchanged both ways and counts what reached the client', async () => {
    echo = await startEcho();
    proxy = await startThrottleProxy({ target: { host: '127.0.0.1', port: echo.port }, roundTripMs: 20, bitsPerSecond: 80_000_000 });
    const payload = randomBytes(200 * 1024);

    const back = await roundTrip(proxy.port, payload);

    expect(echo.received).toHaveLength(1);
    expect(echo.received[0]!.equals(payload)).toBe(true);
    expect(back.equals(payload)).toBe(true);
    expect(proxy.bytesToClient).toBe(payload.length);
    expect(proxy.connections).toBe(1);
  });

  it('keeps each connection to itself and adds their bytes up', async () => {
    echo = await startEcho();
    proxy = await startThrottleProxy({ target: { host: '127.0.0.1', port: echo.port }, roundTripMs: 10, bitsPerSecond: 80_000_000 });
    const payloads = [randomBytes(50_000), randomBytes(70_000), randomBytes(1)];

    const backs = await Promise.all(payloads.map((p) => roundTrip(proxy!.port, p)));

    backs.forEach((back, i) => expect(back.equals(payloads[i]!)).toBe(true));
    expect(proxy.bytesToClient).toBe(120_001);
    expect(proxy.connections).toBe(3);
  });

  it('on close cuts the connections in flight and refuses new ones', async () => {
    echo = await startEcho();
    // 200 KB at 80 kbit/s would take 20 s: still in flight when the proxy closes
    proxy = await startThrottleProxy({ target: { host: '127.0.0.1', port: echo.port }, roundTripMs: 10, bitsPerSecond: 80_000 });
    const socket: Socket = connect({ host: '127.0.0.1', port: proxy.port });
    socket.on('error', () => {});
    await once(socket, 'connect');
    socket.write(randomBytes(200 * 1024));
    await expect.poll(() => proxy!.connections).toBe(1);
    const port = proxy.port;
    // a cut may come as a reset: 'close' is what counts
    const closed = new Promise((resolve) => socket.once('close', resolve));

    await proxy.close();
    proxy = null;

    // the client never half-closes, so only a cut connection closes
    await closed;
    const refused = connect({ host: '127.0.0.1', port });
    const [error] = (await once(refused, 'error')) as [NodeJS.ErrnoException];
    expect(error.code).toBe('ECONNREFUSED');
  });
});
