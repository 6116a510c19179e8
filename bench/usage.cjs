// Preloaded (node --require) into each measured process: at exit, appends its CPU time and peak
// memory to the file named by SYNDICATE_BENCH_USAGE, so the harness measures whole processes
// without depending on GNU time being installed.
const { appendFileSync } = require('node:fs');
const file = process.env.SYNDICATE_BENCH_USAGE;
if (file) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    appendFileSync(file, `${JSON.stringify({ cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, maxRssKb: u.maxRSS })}\n`);
  });
}
