// Preloaded with `node --import ./bench/rss-hook.js …`: prints to stderr on exit the process's
// peak resident set size (kilobytes, from getrusage) and the time spent in garbage collection
// (the `gc` entries of perf_hooks: count and milliseconds), so the benchmark can read them.
import { PerformanceObserver } from 'node:perf_hooks';

let collections = 0;
let gcMs = 0;
const count = (entries) => {
  for (const entry of entries) {
    collections += 1;
    gcMs += entry.duration;
  }
};
const observer = new PerformanceObserver((list) => count(list.getEntries()));
observer.observe({ entryTypes: ['gc'] });
process.on('exit', () => {
  // Entries not yet delivered to the callback (it runs asynchronously) are taken here.
  count(observer.takeRecords());
  process.stderr.write(`\nFLOWC_BENCH_MAX_RSS_KB=${process.resourceUsage().maxRSS}\nFLOWC_BENCH_GC=${collections},${gcMs.toFixed(1)}\n`);
});
