// Readers of the Overview's figures (GET /api/overview/figures, anonymous: every open operators' page asks every
// 15 s) at 1 and 16 connections, today's and as of the report's date, with the district log's size. Optionally
// grows the log first by filing complaints through Open311 (--complaints N, one district-log entry each).
//   node deploy/bench/figures.mjs [--gateway http://localhost:5080] [--duration 10] [--token <bearer of a client without a rate limit>]
//                                 [--complaints 0] [--estate <estate id the complaints name>]
import autocannon from 'autocannon';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) =>
  a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs, []));
const gateway = args.gateway ?? 'http://localhost:5080';
const duration = Number(args.duration ?? 10);
const complaints = Number(args.complaints ?? 0);

if (complaints > 0) {
  let n = 0;
  const filed = await autocannon({
    url: gateway, connections: 16, amount: complaints, pipelining: 1,
    requests: [{
      method: 'POST', path: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Bearer ${args.token}` },
      setupRequest: r => ({ ...r, body: new URLSearchParams({
        service_code: 'sanitation', address_id: args.estate, description: `${++n}号楼2单元楼道垃圾堆放一周无人清运`, 'attribute[area]': 'stairwell' }).toString() }),
    }],
  });
  console.log(`Filed ${filed['2xx']} complaints (${filed.non2xx} refused) at ${filed.requests.average} req/s.`);
  // Until the Overview has logged them: its position stops moving.
  for (let last = -1; ;) {
    await new Promise(r => setTimeout(r, 2000));
    const position = (await (await fetch(`${gateway}/api/overview/figures`)).json()).position;
    if (position === last) break;
    last = position;
  }
}

const size = (await (await fetch(`${gateway}/api/overview/figures`)).json()).position;
const fmt = n => n.toFixed(n >= 100 ? 0 : 1);
console.log(`\nOverview figures, district log at position ${size}, ${duration} s per line`);
for (const [label, path] of [['today', '/api/overview/figures'], ['asOf=2022-07-27', '/api/overview/figures?asOf=2022-07-27']]) {
  for (const connections of [1, 16]) {
    // Signed in with the token when given: the gateway limits anonymous callers per address, which would measure the limit.
    const r = await autocannon({ url: gateway + path, connections, duration, pipelining: 1, headers: args.token ? { authorization: `Bearer ${args.token}` } : {} });
    console.log(`  ${label.padEnd(16)} ${String(connections).padStart(2)} readers   ${fmt(r.requests.average).padStart(6)} req/s   p50 ${fmt(r.latency.p50)} ms   p99 ${fmt(r.latency.p99)} ms   (non-2xx ${r.non2xx}, errors ${r.errors})`);
  }
}
