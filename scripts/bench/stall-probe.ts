import { parentPort, workerData } from 'node:worker_threads';

/**
 * The stall bench's prober (stall-bench.ts), in a worker thread so that its clock and its requests
 * do not wait on the server's event loop: it says 'ready', then sends a GET every `everyMs` whether
 * or not earlier ones were answered (open loop, so a stall shows in every request it held up, not
 * in one), and on 'stop' sends back every request's send time and latency.
 */
export interface ProbeInit {
  base: string;
  /** asked in turn */
  paths: string[];
  everyMs: number;
}

export interface ProbeSample {
  path: string;
  /** send time, ms since the epoch (performance.timeOrigin + now), comparable across threads */
  at: number;
  ms: number;
  /** 0: no answer (a network error) */
  status: number;
}

if (parentPort) {
  const port = parentPort;
  const { base, paths, everyMs } = workerData as ProbeInit;
  const samples: ProbeSample[] = [];
  const pending = new Set<Promise<void>>();
  const now = () => performance.timeOrigin + performance.now();
  let i = 0;
  const timer = setInterval(() => {
    const path = paths[i++ % paths.length]!;
    const at = now();
    const request: Promise<void> = fetch(base + path)
      .then(async (res) => {
        await res.arrayBuffer();
        samples.push({ path, at, ms: now() - at, status: res.status });
      })
      .catch(() => void samples.push({ path, at, ms: now() - at, status: 0 }))
      .finally(() => pending.delete(request));
    pending.add(request);
  }, everyMs);
  port.on('message', async (message: 'stop') => {
    if (message !== 'stop') return;
    clearInterval(timer);
    await Promise.all([...pending]);
    port.postMessage(samples);
  });
  port.postMessage('ready');
}
