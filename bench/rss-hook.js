// Preloaded with `node --import ./bench/rss-hook.js …`: prints the process's peak resident set
// size (kilobytes, from getrusage) to stderr on exit, so the benchmark can read it.
process.on('exit', () => {
  process.stderr.write(`\nFLOWC_BENCH_MAX_RSS_KB=${process.resourceUsage().maxRSS}\n`);
});
