// Preloaded into the server under test (node --import) by bench/echo-poison.mjs: measures the event
// loop's delay with perf_hooks.monitorEventLoopDelay and prints it as one line on SIGUSR2, then
// starts over. Only for the benchmark; the server itself knows nothing of it.
import { monitorEventLoopDelay } from 'node:perf_hooks';

const histogram = monitorEventLoopDelay({ resolution: 5 });
histogram.enable();
// CPU time too: on a shared machine the delay is wall-clock time, which other processes stretch.
let cpu = process.cpuUsage();
process.on('SIGUSR2', () => {
  const ms = (ns) => Math.round(ns / 1e4) / 100;
  const used = process.cpuUsage(cpu);
  cpu = process.cpuUsage();
  process.stdout.write(`EVENT-LOOP ${JSON.stringify({ max: ms(histogram.max), p99: ms(histogram.percentile(99)), mean: ms(histogram.mean), cpuMs: Math.round((used.user + used.system) / 100) / 10 })}\n`);
  histogram.reset();
});
