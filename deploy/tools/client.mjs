// The public API as a district admin through the gateway, for the tools that load data (demo.mjs, history.mjs):
// sign-in, retries on 401/429/5xx, creating POSTs with an Idempotency-Key, changes with If-Match, a few at a
// time, and a progress bar on stderr.
export const gateway = (process.env.REDPROPERTY_GATEWAY ?? "http://localhost:5080").replace(/\/$/, "");
const secret = process.env.REDPROPERTY_DEMO_SECRET ?? "redproperty-dev-secret";

let token;
let keyPrefix = "redproperty";

/** The prefix of every Idempotency-Key this run sends: one per data set, so two data sets never share a key. */
export function useKeys(prefix) { keyPrefix = prefix; }

export async function signIn() {
  const response = await fetch(`${gateway}/connect/token`, {
    method: "POST",
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: "dev-district-admin", client_secret: secret, scope: "redproperty" }),
  });
  if (!response.ok) throw new Error(`No token from ${gateway}/connect/token (${response.status}); is the system running (deploy/run.sh)?`);
  token = (await response.json()).access_token;
}

export async function send(method, path, body, headers = {}) {
  for (let attempt = 1; ; attempt++) {
    let response;
    try {
      response = await fetch(`${gateway}${path}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "Content-Type": "application/json" }), ...headers },
        body: body === undefined || typeof body === "string" ? body : JSON.stringify(body), // a string goes as it is (a CSV upload)
      });
    } catch (error) {
      if (attempt < 8) { await sleep(250 * attempt); continue; } // a connection reset under load
      throw error;
    }
    if (response.status === 401 && attempt === 1) { await signIn(); continue; }
    if ((response.status === 429 || response.status >= 502) && attempt < 8) { await sleep(250 * attempt); continue; }
    const text = await response.text();
    return { ok: response.ok, status: response.status, headers: response.headers, json: text ? safeJson(text) : null, text };
  }
}

const safeJson = text => { try { return JSON.parse(text); } catch { return null; } };
export const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
export const versionOf = response => Number((response.headers.get("etag") ?? "\"0\"").replaceAll("\"", ""));

export class Resource {
  constructor(path, id, version, replayed) { Object.assign(this, { path, id, version, replayed }); }
}

// Another service's copy of the geography (or of who heads a company) arrives by event, shortly after
// Organization accepted it: until then a request naming it is refused (400, or 409 for a company head),
// and is tried again for up to two minutes.
async function untilKnown(attempt, refusals) {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const response = await attempt();
    if (!refusals?.includes(response.status) || Date.now() > deadline) return response;
    await sleep(500);
  }
}

export async function create(key, path, body, refusals) {
  const response = await untilKnown(() => send("POST", path, body, { "Idempotency-Key": `${keyPrefix}:${encodeURIComponent(key)}` }), refusals);
  if (response.status !== 201 && response.status !== 200) fail(`POST ${path}`, response);
  progress.tick();
  const id = response.json?.id ?? response.headers.get("location")?.split("/").pop();
  return new Resource(`${path.replace(/\/$/, "")}/${id}`, id, versionOf(response) || 1, response.headers.get("idempotent-replayed") === "true");
}

export async function change(resource, suffix, body, refusals) {
  const response = await untilKnown(() => send("POST", `${resource.path}${suffix}`, body, { "If-Match": `"${resource.version}"` }),
    resource.replayed ? undefined : refusals);
  progress.tick();
  if (response.ok) { resource.version = versionOf(response); return resource; }
  if (response.status === 412 || (response.status === 409 && resource.replayed)) {
    resource.version = versionOf(await send("GET", resource.path)); // applied by an earlier run
    return resource;
  }
  fail(`POST ${resource.path}${suffix}`, response);
}

/**
 * A step of a resource that another writer may change meanwhile (the overdue checks mark complaints and disputes):
 * taken at the version known, or else read first, and not taken again when what was read shows it taken. `from` is
 * the statuses the step is taken from, or a function of the resource read that says whether it was taken. Returns
 * the resource with its new version.
 */
export async function step(resource, suffix, body, from) {
  const taken = Array.isArray(from) ? read => !from.includes(read.status) : from;
  for (let known = resource.version > 0; ; known = false) {
    if (!known) {
      const read = await send("GET", resource.path);
      if (!read.ok) fail(`GET ${resource.path}`, read);
      resource.version = versionOf(read);
      if (taken(read.json)) { progress.tick(); return resource; } // taken before
    }
    const response = await send("POST", `${resource.path}${suffix}`, body, { "If-Match": `"${resource.version}"` });
    if (response.ok) { resource.version = versionOf(response); progress.tick(); return resource; }
    if (response.status !== 412 && !(response.status === 409 && known)) fail(`POST ${resource.path}${suffix}`, response);
  }
}

export async function get(path) {
  const response = await send("GET", path);
  if (!response.ok) fail(`GET ${path}`, response);
  return response.json;
}

export function fail(what, response) {
  throw new Error(`${what}: ${response.status} ${response.text.slice(0, 600)}`);
}

/** Runs fn over items, a few at a time (the services take concurrent requests; one resource's steps stay in order inside fn). */
export async function parallel(items, fn, width = 6) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, async () => {
    while (next < items.length) { const i = next++; results[i] = await fn(items[i], i); }
  }));
  return results;
}

export async function waitFor(what, probe, seconds = 120) {
  const deadline = Date.now() + seconds * 1000;
  while (!(await probe().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await sleep(500);
  }
}

// ---- progress -----------------------------------------------------------------------------------
export const progress = {
  stages: [], stage: -1, done: 0, total: 0, tty: process.stderr.isTTY, started: Date.now(),
  plan(stages) { this.stages = stages; this.total = stages.reduce((n, s) => n + s[1], 0); },
  begin(index) {
    this.stage = index;
    if (!this.tty) console.error(`[${index + 1}/${this.stages.length}] ${this.stages[index][0]} (${this.done} of ${this.total} requests, ${this.elapsed()} s)`);
    this.draw();
  },
  tick(n = 1) { this.done = Math.min(this.done + n, this.total); this.draw(); },
  elapsed() { return Math.round((Date.now() - this.started) / 1000); },
  drawn: 0,
  draw() {
    if (!this.tty || this.stage < 0 || (Date.now() - this.drawn < 100 && this.done < this.total)) return;
    this.drawn = Date.now();
    const width = 30, filled = Math.round(width * this.done / this.total);
    process.stderr.write(`\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${String(Math.floor(100 * this.done / this.total)).padStart(3)}%  ${this.stages[this.stage][0].padEnd(40)}`);
  },
  end() { if (this.tty) process.stderr.write("\n"); },
};
