import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/**
 * `scripts/serve.ts` (the API alone) as a child process that a test can kill: started with the
 * environment it is given, ready once it prints its `{"listening":port}` line.
 */
export interface ServeProcess {
  pid: number;
  port: number;
  /** what the server reported about its store, e.g. `journal_mode=wal, synchronous=full` */
  durability: string;
  /** SIGKILL, resolved once the process is gone: no handler runs, nothing is flushed or closed */
  kill9(): Promise<void>;
  /** SIGTERM (a clean shutdown), resolved once the process is gone */
  stop(): Promise<void>;
  /** true once the process has exited */
  readonly exited: boolean;
  /** the first 20,000 characters it wrote on stderr */
  stderr(): string;
}

export interface ServeOptions {
  /** PORT, PORTAL_DATA_DIR, PORTAL_REGION …: the child's whole PORTAL_* environment */
  env: Record<string, string>;
  /** modules loaded before the server (node --import), after tsx */
  preload?: string[];
  /** give up waiting for the ready line after this long (default 60 s) */
  timeoutMs?: number;
}

/** The server refused to start or died before listening: its exit status and what it wrote on stderr. */
export class ServeStartError extends Error {
  constructor(
    readonly status: number | null,
    readonly stderr: string,
  ) {
    super(`scripts/serve.ts exited with status ${status} before listening:\n${stderr}`);
  }
}

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SERVE_ENTRY = fileURLToPath(new URL('../serve.ts', import.meta.url));

export function startServe(options: ServeOptions): Promise<ServeProcess> {
  const env = { ...withoutPortalVariables(process.env), ...options.env };
  const args = ['--import', 'tsx', ...(options.preload ?? []).flatMap((p) => ['--import', p]), SERVE_ENTRY];
  // The IPC channel is only a lifeline: scripts/serve.ts stops when it closes, so a harness that
  // dies (a test timing out) does not leave a server behind.
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    // only the start of it matters (why it refused); a long run must not grow this without end
    if (stderr.length < 20_000) stderr += chunk;
  });
  const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  return new Promise<ServeProcess>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`scripts/serve.ts did not listen within ${options.timeoutMs ?? 60_000} ms:\n${stderr}`));
    }, options.timeoutMs ?? 60_000);
    child.once('exit', (status) => {
      clearTimeout(timer);
      reject(new ServeStartError(status, stderr));
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const ready = parseReady(line);
      if (!ready) return;
      clearTimeout(timer);
      // A SIGKILL must hit the server itself, not a wrapper that would leave it running.
      if (ready.pid !== child.pid) {
        child.kill('SIGKILL');
        reject(new Error(`the server announced pid ${ready.pid}, but the child process is ${child.pid}`));
        return;
      }
      resolve(handle(child, exit, ready, () => stderr));
    });
  });
}

/**
 * A free port on 127.0.0.1 outside the kernel's ephemeral range, kept across restarts so clients
 * need not learn a new one. Outside that range because while the server is down, the clients'
 * own connections (and other processes' `listen(0)`) take ports from it: one could take the
 * server's port, and a connection to 127.0.0.1:P from 127.0.0.1:P connects to itself.
 */
export async function freePort(): Promise<number> {
  const [ephemeralLow] = ephemeralRange();
  const low = 10_000;
  const high = Math.max(low + 1_000, ephemeralLow) - 1;
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = low + Math.floor(Math.random() * (high - low + 1));
    if (await canListen(port)) return port;
  }
  throw new Error(`no free port found between ${low} and ${high}`);
}

// ——— private helpers ———

function handle(child: ChildProcess, exit: Promise<void>, ready: Ready, stderr: () => string): ServeProcess {
  let exited = false;
  void exit.then(() => {
    exited = true;
  });
  const signal = (name: NodeJS.Signals) => {
    if (!exited) child.kill(name);
    return exit;
  };
  return {
    pid: child.pid ?? -1,
    port: ready.port,
    durability: ready.durability,
    kill9: () => signal('SIGKILL'),
    stop: () => signal('SIGTERM'),
    get exited() {
      return exited;
    },
    stderr,
  };
}

/** Linux's ip_local_port_range; elsewhere IANA's dynamic range, which most systems use. */
function ephemeralRange(): [number, number] {
  try {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    if (low && high) return [low, high];
  } catch {
    // not Linux
  }
  return [49_152, 65_535];
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

interface Ready {
  port: number;
  pid: number;
  durability: string;
}

function parseReady(line: string): Ready | null {
  if (!line.startsWith('{')) return null;
  try {
    const parsed = JSON.parse(line) as { listening?: unknown; pid?: unknown; durability?: unknown };
    if (typeof parsed.listening !== 'number') return null;
    return { port: parsed.listening, pid: Number(parsed.pid), durability: String(parsed.durability ?? '') };
  } catch {
    return null;
  }
}

/** The child gets exactly the PORTAL_* settings it is given, none inherited from the caller's shell. */
function withoutPortalVariables(env: NodeJS.ProcessEnv): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && !name.startsWith('PORTAL_') && name !== 'PORT' && name !== 'HOST') kept[name] = value;
  }
  return kept;
}
