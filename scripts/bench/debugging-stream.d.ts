/**
 * The part of debugging-stream 3.1 the throttling proxy uses (the package ships no types). Its
 * stream is a streamx Duplex around another stream: what is written to it reaches that stream, and
 * what that stream gives is read from it, each after `latency` ms plus the time its bytes take at
 * `writeSpeed` / `readSpeed` bytes per second, in order.
 */
declare module 'debugging-stream' {
  import type { EventEmitter } from 'node:events';

  interface DebuggingStreamOptions {
    /** bytes per second, both directions (default unlimited) */
    speed?: number;
    writeSpeed?: number;
    readSpeed?: number;
    /** ms added to every chunk, each direction */
    latency?: number;
    jitter?: number;
  }

  /** what it uses of the stream it wraps */
  interface WrappedStream {
    on(event: 'data', listener: (chunk: Uint8Array) => void): unknown;
    on(event: 'end', listener: () => void): unknown;
    on(event: 'error', listener: (error: Error) => void): unknown;
    write(data: Uint8Array): unknown;
  }

  class DebuggingStream extends EventEmitter {
    constructor(stream: WrappedStream, options?: DebuggingStreamOptions);
    /** bytes written to the wrapped stream's side, and read from it */
    readonly bytesWritten: number;
    readonly bytesRead: number;
    write(data: Uint8Array): boolean;
    end(): this;
    destroy(error?: Error | null): void;
    on(event: 'data', listener: (chunk: Buffer) => void): this;
    on(event: 'end' | 'finish' | 'close', listener: () => void): this;
    on(event: 'error', listener: (error: Error) => void): this;
  }

  export default DebuggingStream;
}
