/** A query's p50 and p95 over 20 runs after one to warm up: the dashboard steps' printed figure. */
export async function timed<T>(run: () => Promise<T>): Promise<{ value: T; figure: string }> {
  let value = await run();
  const ms: number[] = [];
  for (let i = 0; i < 20; i++) {
    const start = performance.now();
    value = await run();
    ms.push(performance.now() - start);
  }
  ms.sort((a, b) => a - b);
  const at = (p: number) => ms[Math.min(ms.length - 1, Math.ceil((p / 100) * ms.length) - 1)]!;
  return { value, figure: `p50 ${at(50).toFixed(1)} ms, p95 ${at(95).toFixed(1)} ms (20 runs)` };
}
