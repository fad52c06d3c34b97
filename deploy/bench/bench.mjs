// Company registration through the gateway under load, and what the pipeline does with it.
// Run by deploy/bench.sh; prints one report. Options: --gateway --organization --evaluation
// --duration (s per level) --connections 16,64 --pg "host port user db" (for pgbench) --token (bearer)
// --rabbit "http://user:password@host:port" (the management API, for the Overview's backlog on the public feed).
import autocannon from 'autocannon';
import { creditCode } from '../tools/codes.mjs';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) =>
  a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs, []));
const gateway = args.gateway ?? 'http://localhost:5080';
const authorization = `Bearer ${args.token ?? ''}`;
const organization = args.organization ?? 'http://localhost:5081';
const duration = Number(args.duration ?? 20);
const levels = (args.connections ?? '16,64').split(',').map(Number);
const fixedRate = Number(args.rate ?? 200); // the end-to-end target's load: registrations per second
const rabbit = new URL(args.rabbit ?? 'http://redproperty:redproperty-dev-password@127.0.0.1:25681');
// Messages on the public feed the Overview has not logged yet (its queue's depth), or NaN when unknown.
async function overviewBacklog() {
  try {
    const response = await fetch(`${rabbit.origin}/api/queues/%2F/overview-district-log`, {
      headers: { authorization: `Basic ${Buffer.from(`${decodeURIComponent(rabbit.username)}:${decodeURIComponent(rabbit.password)}`).toString('base64')}` },
    });
    return response.ok ? (await response.json()).messages ?? NaN : NaN;
  } catch { return NaN; }
}
const [pgHost, pgPort, pgUser, pgDb] = (args.pg ?? '127.0.0.1 25432 postgres redproperty').split(' ');

// A fresh serial, so a fresh credit code, for every company.
let serial = Math.floor(Math.random() * 31 ** 8);
const company = () => JSON.stringify({
  name: `天水市麦积区压测物业服务有限公司${serial}`,
  creditCode: creditCode(serial++),
  address: '甘肃省天水市麦积区道北街道渭滨北路',
});

const sleep = ms => new Promise(r => setTimeout(r, ms));
const percentile = (values, p) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

async function pipelineOf(service) {
  const response = await fetch(`${service}/health`);
  const daemon = (await response.json()).entries?.['event-store-daemon']?.data ?? {};
  return { sequence: daemon.eventSequence ?? 0, lag: daemon.forwarderLagEvents ?? 0, age: daemon.oldestUnforwardedSeconds ?? 0 };
}

// One registration every `everyMs`, timed from its POST until Evaluation serves it.
function endToEndSampler(everyMs) {
  const latencies = [];
  const pending = new Set();
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      const task = (async () => {
        const response = await fetch(`${gateway}/api/organization/companies`, {
          method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: company(),
        });
        if (response.status !== 201) return;
        const { id } = await response.json();
        for (let i = 0; i < 3000; i++) {
          const read = await fetch(`${gateway}/api/evaluation/companies/${id}`, { headers: { authorization } });
          await read.arrayBuffer();
          if (read.status === 200) { latencies.push(performance.now() - started); return; }
          await sleep(20);
        }
      })();
      pending.add(task);
      task.finally(() => pending.delete(task));
      await sleep(everyMs);
    }
  })();
  return { latencies, stop: async () => { running = false; await loop; await Promise.all(pending); } };
}

function rss() {
  const services = {};
  for (const pid of readdirSync('/proc').filter(p => /^\d+$/.test(p))) {
    let cmdline;
    try { cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' '); } catch { continue; }
    const match = cmdline.match(/RedProperty\.(Organization|Evaluation|Gateway|AppHost)(\.dll)?\b/);
    if (!match || cmdline.includes(' run ') || cmdline.includes('build')) continue;
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = key => Number(status.match(new RegExp(`${key}:\\s+(\\d+)`))?.[1] ?? 0);
    services[match[1]] = { rssMiB: Math.round(kb('VmRSS') / 1024), peakMiB: Math.round(kb('VmHWM') / 1024) };
  }
  return services;
}

function pgbench(connections, seconds) {
  const env = { ...process.env, PGPASSWORD: process.env.PGPASSWORD ?? 'redproperty-dev-password' };
  const psql = sql => execFileSync('psql', ['-h', pgHost, '-p', pgPort, '-U', pgUser, '-d', pgDb, '-qAtc', sql], { env });
  psql('CREATE SCHEMA IF NOT EXISTS bench; CREATE TABLE IF NOT EXISTS bench.raw_insert (id bigserial PRIMARY KEY, data jsonb NOT NULL, at timestamptz NOT NULL DEFAULT now())');
  const dir = mkdtempSync(join(tmpdir(), 'redproperty-pgbench-'));
  // One row shaped like a registration event: the raw floor under one accepted request.
  writeFileSync(join(dir, 'insert.sql'),
    `INSERT INTO bench.raw_insert (data) VALUES ('{"name":"天水市麦积区压测物业服务有限公司","creditCode":"91620503MA74AQ0X21","address":"甘肃省天水市麦积区道北街道渭滨北路"}');\n`);
  const out = execFileSync('pgbench', ['-h', pgHost, '-p', pgPort, '-U', pgUser, '-n', '-c', String(connections), '-j', '2',
    '-T', String(seconds), '-f', join(dir, 'insert.sql'), pgDb], { env }).toString();
  psql('DROP SCHEMA bench CASCADE');
  return Number(out.match(/tps = ([\d.]+)/)[1]);
}

// What is loaded: company registration (Organization, with the end-to-end probe into Evaluation), or
// complaint filing (Open311 POST into Evaluation, form-encoded, as resident apps and the hotline send it).
const registration = {
  service: organization, probe: true,
  request: { method: 'POST', path: '/api/organization/companies', headers: { 'content-type': 'application/json', authorization }, setupRequest: r => ({ ...r, body: company() }) },
};
let complaintNo = 0;
const filing = estate => ({
  service: args.evaluation ?? 'http://localhost:5082', probe: false,
  request: {
    method: 'POST', path: '/open311/v2/requests.json', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization },
    setupRequest: r => ({ ...r, body: new URLSearchParams({
      service_code: 'sanitation', address_id: estate, description: `${++complaintNo}号楼2单元楼道垃圾堆放一周无人清运`,
      last_name: '王', first_name: '建国', phone: '13893800123', 'attribute[area]': 'stairwell' }).toString() }),
  },
});

async function run(connections, rate, scenario = registration) {
  const pipeline = () => pipelineOf(scenario.service);
  const before = await pipeline();
  const sampler = scenario.probe ? endToEndSampler(1000 / 5) : { latencies: [], stop: async () => {} }; // 5 probes per second, each polling every 20 ms: little extra load
  let maxLag = 0, maxAge = 0;
  const watching = setInterval(async () => {
    try { const p = await pipeline(); maxLag = Math.max(maxLag, p.lag); maxAge = Math.max(maxAge, p.age); } catch { }
  }, 1000);
  // Rates are compared over the steady part of the load, after a warm-up of a quarter of it, so the
  // forwarder's constant delay (about one polling cycle) does not read as falling behind.
  const warmUp = Math.max(2, Math.floor(duration / 4));
  let steady;
  const steadyTimer = setTimeout(async () => { steady = { at: performance.now(), ...(await pipeline()) }; }, warmUp * 1000);
  const started = performance.now();
  const load = await autocannon({
    url: gateway, connections, duration, pipelining: 1, ...(rate ? { overallRate: rate } : {}),
    requests: [scenario.request],
  });
  clearTimeout(steadyTimer);
  const ended = performance.now();
  const during = await pipeline();
  let drained = NaN;
  for (let i = 0; i < 600; i++) {
    const p = await pipeline();
    if (p.lag === 0) { drained = (performance.now() - ended) / 1000; break; }
    await sleep(100);
  }
  // The Overview logs every event of the public feed, one at a time: how far behind it is at the
  // stop (the queue's depth lags by the management API's few seconds of statistics) and when it is level.
  const overviewAtStop = await overviewBacklog();
  let overviewCaughtUp = NaN;
  for (let i = 0; i < 1200 && Number.isFinite(overviewAtStop); i++) {
    if ((await overviewBacklog()) === 0) { overviewCaughtUp = (performance.now() - ended) / 1000; break; }
    await sleep(100);
  }
  clearInterval(watching);
  await sampler.stop();
  const after = await pipeline();
  const from = steady ?? { at: started, ...before };
  const window = (ended - from.at) / 1000;
  return {
    connections, rate,
    requestsPerSecond: load.requests.average,
    non2xx: load.non2xx, errors: load.errors,
    p50ms: load.latency.p50, p99ms: load.latency.p99,
    appendRate: (during.sequence - from.sequence) / window,
    forwardRate: ((during.sequence - during.lag) - (from.sequence - from.lag)) / window,
    maxLagEvents: maxLag, maxLagSeconds: maxAge, lagAtStop: during.lag, drainedSeconds: drained, lagAfter: after.lag,
    overviewAtStop, overviewCaughtUp,
    e2eSamples: sampler.latencies.length, e2eP50ms: percentile(sampler.latencies, 50), e2eP99ms: percentile(sampler.latencies, 99),
    rss: rss(),
  };
}

const results = [];
for (const connections of levels) {
  results.push(await run(connections, 0));
}
const paced = await run(levels[0], fixedRate);

// Complaint filing needs an estate Evaluation knows: registered in Organization, then learnt from its events.
async function create(path, body, ifMatch) {
  const response = await fetch(`${gateway}${path}`, {
    method: 'POST', body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', authorization, ...(ifMatch ? { 'if-match': `"${ifMatch}"` } : {}) },
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()).id;
}
const suffix = Date.now().toString(36);
const servingCompany = await create('/api/organization/companies', JSON.parse(company()));
const subDistrict = await create('/api/organization/sub-districts', { name: `道北街道${suffix}`, kind: 'subDistrict' });
const community = await create('/api/organization/communities', { name: `北道埠社区${suffix}`, subDistrictId: subDistrict });
const estate = await create('/api/organization/estates', { name: `锦绣花园${suffix}`, communityId: community, households: 820 });
await create(`/api/organization/estates/${estate}/service-contracts`, { companyId: servingCompany, from: '2020-01-01' }, 1);
for (let i = 0; i < 600; i++) {
  const known = await fetch(`${gateway}/api/evaluation/estates/${estate}`, { headers: { authorization } });
  if (known.ok && (await known.json()).services.length === 1) break;
  await sleep(100);
}
const complaints = [];
for (const connections of levels) {
  complaints.push(await run(connections, 0, filing(estate)));
}

// The same load straight at Organization, without the gateway: the difference is the gateway's cost.
const direct = await autocannon({
  url: organization, connections: levels.at(-1), duration: Math.min(duration, 10), pipelining: 1,
  requests: [{ method: 'POST', path: '/api/organization/companies', headers: { 'content-type': 'application/json', authorization }, setupRequest: r => ({ ...r, body: company() }) }],
});
for (let i = 0; i < 600 && (await pipelineOf(organization)).lag > 0; i++) await sleep(100);

const raw = Object.fromEntries(levels.map(c => [c, pgbench(c, Math.min(duration, 15))]));
const fmt = n => Number.isFinite(n) ? n.toFixed(n >= 100 ? 0 : n >= 1 ? 1 : 2) : 'n/a';
console.log('\nRedProperty intake benchmark: POST /api/organization/companies through the gateway');
for (const r of [...results, paced]) {
  console.log(`\n${r.connections} connections${r.rate ? `, paced at ${r.rate} req/s` : ', as fast as they go'}, ${duration} s`);
  console.log(`  accepted           ${fmt(r.requestsPerSecond)} req/s   p50 ${fmt(r.p50ms)} ms   p99 ${fmt(r.p99ms)} ms   (non-2xx ${r.non2xx}, errors ${r.errors})`);
  console.log(`  forwarder          ${fmt(r.forwardRate)} events/s published vs ${fmt(r.appendRate)} appended (steady part)  → ${fmt(r.forwardRate / r.appendRate)}× the append rate`);
  console.log(`  forwarder lag      max ${r.maxLagEvents} events / ${fmt(r.maxLagSeconds)} s during; ${r.lagAtStop} at stop; 0 after ${fmt(r.drainedSeconds)} s`);
  console.log(`  overview log       ${r.overviewAtStop} events behind at the stop; level ${fmt(r.overviewCaughtUp)} s after`);
  console.log(`  end to end         POST → Evaluation read model p50 ${fmt(r.e2eP50ms)} ms   p99 ${fmt(r.e2eP99ms)} ms   (${r.e2eSamples} probes)`);
  console.log(`  memory             ${Object.entries(r.rss).map(([s, m]) => `${s} ${m.rssMiB} MiB (peak ${m.peakMiB})`).join(', ')}`);
  if (!r.rate) console.log(`  raw INSERT         ${fmt(raw[r.connections])} tps (pgbench, same PostgreSQL)  → intake ${fmt(r.requestsPerSecond / raw[r.connections])}× raw`);
}
console.log('\nComplaint filing: POST /open311/v2/requests.json (form-encoded) through the gateway');
for (const r of complaints) {
  console.log(`\n${r.connections} connections, as fast as they go, ${duration} s`);
  console.log(`  accepted           ${fmt(r.requestsPerSecond)} req/s   p50 ${fmt(r.p50ms)} ms   p99 ${fmt(r.p99ms)} ms   (non-2xx ${r.non2xx}, errors ${r.errors})`);
  console.log(`  forwarder          ${fmt(r.forwardRate)} events/s published vs ${fmt(r.appendRate)} appended (steady part)  → ${fmt(r.forwardRate / r.appendRate)}× the append rate`);
  console.log(`  forwarder lag      max ${r.maxLagEvents} events / ${fmt(r.maxLagSeconds)} s during; ${r.lagAtStop} at stop; 0 after ${fmt(r.drainedSeconds)} s`);
  console.log(`  overview log       ${r.overviewAtStop} events behind at the stop; level ${fmt(r.overviewCaughtUp)} s after`);
  console.log(`  memory             ${Object.entries(r.rss).map(([s, m]) => `${s} ${m.rssMiB} MiB (peak ${m.peakMiB})`).join(', ')}`);
  console.log(`  raw INSERT         ${fmt(raw[r.connections])} tps (pgbench, same PostgreSQL)  → intake ${fmt(r.requestsPerSecond / raw[r.connections])}× raw`);
}
console.log(`\nWithout the gateway, ${levels.at(-1)} connections straight at Organization: ${fmt(direct.requests.average)} req/s   p50 ${fmt(direct.latency.p50)} ms   p99 ${fmt(direct.latency.p99)} ms`);
console.log('\nTargets: forwarder ≥ 1.0× append rate; end-to-end p99 < 500 ms at 200 registrations/s; intake ≥ 0.3× raw INSERT at 64 connections.');
