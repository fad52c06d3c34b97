// The reads a city's users make, measured through the gateway at the size the system has now: every service's
// summary (today and as of a day), Organization's ledgers and coverage (today and as of a day), the Overview's
// figures (today and as of a day), complaint lists, Open311 GET requests and a page of the catch-up feed. Each at
// 1 and 16 readers for --duration seconds; then each service's memory (RSS, from /proc), the district log's
// position and the events in each service's store (when --postgres gives psql a connection).
//   node deploy/bench/reads.mjs --token <bearer of a client without a rate limit> [--gateway http://localhost:5080]
//        [--duration 5] [--asOf 2025-06-30] [--readers 1,16] [--only figures] [--postgres "host=127.0.0.1 port=25432 user=postgres dbname=redproperty"]
import autocannon from 'autocannon';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) =>
  a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs, []));
const gateway = args.gateway ?? 'http://localhost:5080';
const duration = Number(args.duration ?? 5);
const readers = (args.readers ?? '1,16').split(',').map(Number);
const asOf = args.asOf ?? `${new Date().getUTCFullYear() - 1}-06-30`;
if (!args.token) throw new Error('--token <bearer>: the gateway limits anonymous callers per address, which would measure the limit (deploy/token.sh district-admin | tail -1).');
const headers = { authorization: `Bearer ${args.token}` };

const READS = [
  ['overview figures', '/api/overview/figures'],
  ['overview figures asOf', `/api/overview/figures?asOf=${asOf}`],
  ['feed page (100)', '/api/overview/feed?after=0&limit=100'],
  ['organization summary', '/api/organization/summary'],
  ['organization summary asOf', `/api/organization/summary?asOf=${asOf}`],
  ['ledger 1 structure', '/api/organization/ledgers/structure'],
  ['ledger 1 structure asOf', `/api/organization/ledgers/structure?asOf=${asOf}`],
  ['ledger 4 members', '/api/organization/ledgers/members'],
  ['coverage asOf', `/api/organization/coverage?asOf=${asOf}`],
  ['evaluation summary', '/api/evaluation/summary'],
  ['evaluation summary asOf', `/api/evaluation/summary?asOf=${asOf}`],
  ['complaints (page 1)', '/api/evaluation/complaints'],
  ['open311 requests', '/open311/v2/requests.json'],
  ['consultation summary', '/api/consultation/summary'],
  ['consultation summary asOf', `/api/consultation/summary?asOf=${asOf}`],
  ['volunteering summary', '/api/volunteering/summary'],
  ['volunteering summary asOf', `/api/volunteering/summary?asOf=${asOf}`],
].filter(([name]) => !args.only || name.includes(args.only));

const fmt = n => n.toFixed(n >= 100 ? 0 : 1);
const figures = await (await fetch(`${gateway}/api/overview/figures`, { headers })).json();
console.log(`Reads through ${gateway}, district log at position ${figures.position}, ${duration} s per cell, asOf=${asOf}`);
console.log(`${'read'.padEnd(28)} ${readers.map(r => `${String(r).padStart(2)} readers: req/s   p50   p99`.padStart(34)).join('')}`);
for (const [name, path] of READS) {
  const cells = [];
  for (const connections of readers) {
    const r = await autocannon({ url: gateway + path, connections, duration, pipelining: 1, headers });
    const bad = r.non2xx + r.errors ? ` (${r.non2xx} non-2xx, ${r.errors} errors)` : '';
    cells.push(`${fmt(r.requests.average).padStart(21)} ${fmt(r.latency.p50).padStart(5)} ${fmt(r.latency.p99).padStart(5)}${bad}`);
  }
  console.log(`${name.padEnd(28)} ${cells.join('')}`);
}

// Each service's resident memory, by its process name.
const rss = {};
for (const pid of readdirSync('/proc').filter(p => /^\d+$/.test(p))) {
  try {
    const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0];
    const service = /RedProperty\.(\w+)$/.exec(command)?.[1];
    if (!service || service === 'AppHost') continue;
    const kib = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    rss[service] = (rss[service] ?? 0) + kib;
  } catch { /* gone meanwhile */ }
}
console.log(`RSS: ${Object.entries(rss).sort().map(([s, kib]) => `${s} ${Math.round(kib / 1024)} MiB`).join(', ')}`);

if (args.postgres) {
  // Each service's events and the size of its event table (with indexes), in its own schema.
  const counts = [];
  for (const schema of ['organization', 'evaluation', 'consultation', 'volunteering', 'overview']) {
    const sql = `select count(*) || ' events ' || pg_size_pretty(pg_total_relation_size('${schema}.mt_events')) from ${schema}.mt_events`;
    try { counts.push(`${schema} ${execFileSync('psql', [args.postgres, '-Atc', sql], { encoding: 'utf8' }).trim()}`); } catch { counts.push(`${schema} ?`); }
  }
  console.log(`Stores: ${counts.join('; ')}`);
}
