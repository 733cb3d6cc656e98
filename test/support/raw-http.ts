import { connect, type Socket } from 'node:net';

/**
 * A client on a bare TCP socket, for requests no HTTP library sends: a Content-Length that lies,
 * a chunked body that never ends. It records every byte the server answers and whether (and
 * when, relative to what was sent) the server closed the connection.
 */
export interface RawConnection {
  socket: Socket;
  /** bytes of the request written so far (headers included) */
  sent(): number;
  /** everything the server sent, as latin1 */
  received(): string;
  /** the status codes of every response line received so far */
  statuses(): number[];
  /** true once the server ended or reset the connection */
  closed(): boolean;
  /** resolves when a response line has arrived, or when the connection closes */
  firstResponse(): Promise<void>;
  /** resolves when the connection is closed */
  whenClosed(): Promise<void>;
  /**
   * Writes, waiting for the socket to take each piece (so the client never buffers more than
   * one piece); false when the connection closed before all of it was written.
   */
  write(data: Uint8Array | string): Promise<boolean>;
  close(): void;
}

export function openRaw(port: number): Promise<RawConnection> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1' });
    let received = '';
    let sent = 0;
    let closed = false;
    let onClosed: () => void = () => {};
    const closedPromise = new Promise<void>((r) => (onClosed = r));
    const waiters: Array<() => void> = [];
    const wake = () => waiters.splice(0).forEach((w) => w());
    socket.on('data', (d) => {
      received += d.toString('latin1');
      wake();
    });
    const end = () => {
      closed = true;
      onClosed();
      wake();
    };
    socket.on('end', end);
    socket.on('close', end);
    // EPIPE / ECONNRESET when the server hung up on a body it did not want: that is the point.
    socket.on('error', end);
    socket.once('connect', () => {
      const statuses = () => [...received.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => Number(m[1]));
      resolve({
        socket,
        sent: () => sent,
        received: () => received,
        statuses,
        closed: () => closed,
        firstResponse: () =>
          new Promise<void>((r) => {
            const check = () => (statuses().length > 0 || closed ? r() : waiters.push(check));
            check();
          }),
        whenClosed: () => closedPromise,
        write: (data) =>
          new Promise<boolean>((r) => {
            if (closed || socket.destroyed) return r(false);
            const bytes = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
            const ok = socket.write(bytes, (error) => {
              if (!error) sent += bytes.byteLength;
            });
            if (ok) return r(true);
            const done = () => {
              socket.off('drain', done);
              socket.off('close', done);
              r(!closed);
            };
            socket.once('drain', done);
            socket.once('close', done);
          }),
        close: () => socket.destroy(),
      });
    });
    socket.once('error', reject);
  });
}

/** The request line and headers of a raw request; the header names are sent as given. */
export function head(method: string, path: string, headers: Record<string, string | number>): string {
  return `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('')}\r\n`;
}

/** The JSON body of the first response received, if it is complete. */
export function firstBody(received: string): unknown {
  const at = received.indexOf('\r\n\r\n');
  const length = /content-length: (\d+)/i.exec(received.slice(0, at))?.[1];
  if (at < 0 || length === undefined) return null;
  const body = Buffer.from(received.slice(at + 4), 'latin1').subarray(0, Number(length)).toString('utf8');
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return null;
  }
}
