// The seed's district (Maiji District, 2022, docs/domain.md) loaded through the public APIs only, as a
// district admin through the gateway: geography, companies, party members, branches, instructors and
// their visits, responsibility zones and pioneer posts, big party committees with 29 company heads,
// joint meetings, complaints, spot inspections, the 2022Q2 evaluation period with its red and black
// lists, improvement projects, volunteer teams, activities and mediated disputes. Then it waits until
// the Overview's figures and every service's own summary equal the report's table, and says so.
//
// Idempotent: every creating POST carries an Idempotency-Key derived from what it creates (the same
// body every run), so a second run gets the first run's resources back; a change whose If-Match is
// stale on a rerun (412), or refused as already done on a replayed resource (409), was applied before.
// A run after the keys expired (Idempotency:Retention, 1 day) finds the district loaded and only checks.
//
//   node demo.mjs            (REDPROPERTY_GATEWAY, default http://localhost:5080)
//   node demo.mjs --reload   every step again even when the district is loaded (each is idempotent)
import { creditCode, nationalId } from "./codes.mjs";

const gateway = (process.env.REDPROPERTY_GATEWAY ?? "http://localhost:5080").replace(/\/$/, "");
const secret = process.env.REDPROPERTY_DEMO_SECRET ?? "redproperty-dev-secret";
const REPORT = {
  partyMembers: 81, companiesWithMembers: 12, branchesEstablished: 5, companiesForming: 7, concurrentCompanyHeads: 29,
  instructors: 38, responsibilityZones: 8, pioneerPosts: 12, redListed: 5, blackListed: 3, smartSecurityCommunities: 70,
  parkingSpacesAdded: 548, renovatedCommunities: 103, householdsBenefiting: 10504, volunteerTeams: 4, activitiesHeld: 21,
  disputesResolved: 13,
};
const SUMMARIES = {
  organization: ["partyMembers", "companiesWithMembers", "branchesEstablished", "companiesForming", "instructors", "responsibilityZones", "pioneerPosts"],
  consultation: ["concurrentCompanyHeads"],
  evaluation: ["redListed", "blackListed", "smartSecurityCommunities", "parkingSpacesAdded", "renovatedCommunities", "householdsBenefiting"],
  volunteering: ["volunteerTeams", "activitiesHeld", "disputesResolved"],
};

// ---- HTTP ---------------------------------------------------------------------------------------
let token;
async function signIn() {
  const response = await fetch(`${gateway}/connect/token`, {
    method: "POST",
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: "dev-district-admin", client_secret: secret, scope: "redproperty" }),
  });
  if (!response.ok) throw new Error(`No token from ${gateway}/connect/token (${response.status}); is the system running (deploy/run.sh)?`);
  token = (await response.json()).access_token;
}

async function send(method, path, body, headers = {}) {
  for (let attempt = 1; ; attempt++) {
    const response = await fetch(`${gateway}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "Content-Type": "application/json" }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.status === 401 && attempt === 1) { await signIn(); continue; }
    if ((response.status === 429 || response.status >= 502) && attempt < 8) { await sleep(250 * attempt); continue; }
    const text = await response.text();
    return { ok: response.ok, status: response.status, headers: response.headers, json: text ? safeJson(text) : null, text };
  }
}

const safeJson = text => { try { return JSON.parse(text); } catch { return null; } };
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
const versionOf = response => Number((response.headers.get("etag") ?? "\"0\"").replaceAll("\"", ""));

class Resource {
  constructor(path, id, version, replayed) { Object.assign(this, { path, id, version, replayed }); }
}

// Another service's copy of the geography (or of who heads a company) arrives by event, shortly after
// Organization accepted it: until then a request naming it is refused (400, or 409 for a company head),
// and is tried again for up to two minutes.
async function untilKnown(what, attempt, refusals) {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const response = await attempt();
    if (!refusals?.includes(response.status) || Date.now() > deadline) return response;
    await sleep(500);
  }
}

async function create(key, path, body, refusals) {
  const response = await untilKnown(path, () => send("POST", path, body, { "Idempotency-Key": `demo-maiji-2022:${encodeURIComponent(key)}` }), refusals);
  if (response.status !== 201 && response.status !== 200) fail(`POST ${path}`, response);
  progress.tick();
  const id = response.json?.id ?? response.headers.get("location")?.split("/").pop();
  return new Resource(`${path.replace(/\/$/, "")}/${id}`, id, versionOf(response) || 1, response.headers.get("idempotent-replayed") === "true");
}

async function change(resource, suffix, body, refusals) {
  const response = await untilKnown(resource.path, () => send("POST", `${resource.path}${suffix}`, body, { "If-Match": `"${resource.version}"` }),
    resource.replayed ? undefined : refusals);
  progress.tick();
  if (response.ok) { resource.version = versionOf(response); return resource; }
  if (response.status === 412 || (response.status === 409 && resource.replayed)) {
    resource.version = versionOf(await send("GET", resource.path)); // applied by an earlier run
    return resource;
  }
  fail(`POST ${resource.path}${suffix}`, response);
}

async function get(path) {
  const response = await send("GET", path);
  if (!response.ok) fail(`GET ${path}`, response);
  return response.json;
}

function fail(what, response) {
  throw new Error(`${what}: ${response.status} ${response.text.slice(0, 600)}`);
}

/** Runs fn over items, a few at a time (the services take concurrent requests; one resource's steps stay in order inside fn). */
async function parallel(items, fn, width = 6) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, async () => {
    while (next < items.length) { const i = next++; results[i] = await fn(items[i], i); }
  }));
  return results;
}

// ---- progress -----------------------------------------------------------------------------------
const progress = {
  stages: [], stage: -1, done: 0, total: 0, tty: process.stderr.isTTY,
  plan(stages) { this.stages = stages; this.total = stages.reduce((n, s) => n + s[1], 0); },
  begin(index) {
    this.stage = index;
    if (!this.tty) console.error(`[${index + 1}/${this.stages.length}] ${this.stages[index][0]}`);
    this.draw();
  },
  tick() { this.done = Math.min(this.done + 1, this.total); this.draw(); },
  draw() {
    if (!this.tty || this.stage < 0) return;
    const width = 30, filled = Math.round(width * this.done / this.total);
    process.stderr.write(`\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${String(Math.floor(100 * this.done / this.total)).padStart(3)}%  ${this.stages[this.stage][0].padEnd(40)}`);
  },
  end() { if (this.tty) process.stderr.write("\n"); },
};

// ---- the district ---------------------------------------------------------------------------------
const COMMUNITIES = [["道北街道", "subDistrict", ["北道埠社区", "渭滨社区", "桥南社区"]], ["马跑泉镇", "town", ["马跑泉社区"]]];
const COMPANIES = ["红苑", "锦绣", "渭滨", "桥南", "马跑泉", "东岔", "甘泉", "社棠", "石佛", "伯阳", "元龙", "花牛"]
  .map(n => `天水市麦积区${n}物业服务有限公司`);
const RED = [0, 1, 2, 3, 4], BLACK = [5, 6, 7];
const KNOWN = [400]; // refused while the service has not heard of the place or company yet

async function alreadyLoaded() {
  const figures = await get("/api/overview/figures");
  return Object.entries(REPORT).every(([k, v]) => figures[k] === v) && figures.position > 0;
}

async function load() {
  progress.plan([
    ["geography", 6], ["companies and their estates", 36], ["party members", 81], ["party branches", 27],
    ["instructors and visits", 38 * 2 + 72], ["responsibility zones, pioneer posts", 20], ["estates of the improvement projects", 103],
    ["big party committees and heads", 4 + 29], ["joint meetings", 4 * 8], ["complaints", 24], ["spot inspections", 12],
    ["evaluation period 2022Q2", 1], ["improvement projects", 2 * 183], ["volunteers and teams", 4 + 4 + 4],
    ["volunteer activities", 21 * 5], ["neighbour disputes", 15 * 7],
  ]);
  let stage = 0;

  progress.begin(stage++);
  const communities = {};
  for (const [subDistrict, kind, names] of COMMUNITIES) {
    const sd = await create(`sub-district:${subDistrict}`, "/api/organization/sub-districts", { name: subDistrict, kind });
    for (const name of names) communities[name] = await create(`community:${name}`, "/api/organization/communities", { name, subDistrictId: sd.id });
  }
  const communityNames = Object.keys(communities);

  progress.begin(stage++);
  const companies = await parallel(COMPANIES, async (name, c) => {
    const company = await create(`company:${c}`, "/api/organization/companies", { name, creditCode: creditCode(735_000 + c), address: "甘肃省天水市麦积区", registeredOn: "2022-03-15" });
    const community = communityNames[c % communityNames.length];
    const estate = await create(`estate:${c}`, "/api/organization/estates", { name: `${name.slice(6, -8)}家园`, communityId: communities[community].id, households: 480 + c * 10 });
    await change(estate, "/service-contracts", { companyId: company.id, from: "2020-01-01" });
    return { company, estate, community };
  });

  // 81 members (9 companies × 7 + 3 × 6); the first three of each company's are its heads (legal
  // representative, general manager, and in five companies a deputy): 29 heads.
  progress.begin(stage++);
  const plan = companies.flatMap((_, c) => Array.from({ length: c < 9 ? 7 : 6 }, (_, m) => [c, m]));
  const members = await parallel(plan, async ([c, m], i) => {
    const companyRole = m === 0 ? "legalRepresentative" : m === 1 ? "generalManager" : m === 2 && c < 5 ? "deputyGeneralManager" : "staff";
    const member = await create(`member:${c}:${m}`, "/api/organization/members", {
      companyId: companies[c].company.id, name: `${"王李张刘陈杨赵黄周吴"[i % 10]}${"建国秀英红梅志强海燕文华永红国庆"[(i * 3) % 16]}${m + 1}`,
      position: companyRole === "staff" ? "项目主管" : "负责人", via: m % 3 === 0 ? "relationTransferredIn" : "hired",
      stage: m === 5 ? "probationary" : "full", admittedOn: m === 5 ? "2022-01-01" : "2010-07-01", companyRole,
      nationalId: nationalId(7000 + i), joinedOn: "2022-03-20",
    });
    return { member, company: c, head: companyRole !== "staff" };
  });
  const firstMember = c => members.find(m => m.company === c).member;

  // 5 standalone branches established; 7 companies forming (3 standalone, 2 joint of two).
  progress.begin(stage++);
  for (let c = 0; c < 5; c++) {
    const branch = await create(`branch:${c}`, "/api/organization/branches", { name: `${COMPANIES[c].slice(6)}党支部`, kind: "standalone", companyIds: [companies[c].company.id], plannedOn: "2022-01-10" });
    await change(branch, "/establishment", { approvedOn: "2022-05-01", secretaryMemberId: firstMember(c).id });
  }
  for (const [i, group] of [[5], [6], [7], [8, 9], [10, 11]].entries()) {
    const branch = await create(`forming:${i}`, "/api/organization/branches", {
      name: group.length === 1 ? `${COMPANIES[group[0]].slice(6)}党支部` : "麦积区物业行业联合党支部", kind: group.length === 1 ? "standalone" : "joint",
      companyIds: group.map(c => companies[c].company.id), plannedOn: "2022-01-10",
    });
    await change(branch, "/status-changes", { step: "startForming", on: "2022-06-01" });
  }

  // 38 instructors, each assigned to a company; every company visited twice a month, April to June.
  progress.begin(stage++);
  const instructors = await parallel(Array.from({ length: 38 }, (_, i) => i), async i => {
    const instructor = await create(`instructor:${i}`, "/api/organization/instructors", {
      name: `指导员${String(i + 1).padStart(2, "0")}`, source: i % 2 === 0 ? "dispatchedByIndustry" : "selectedByCommunity", appointedOn: "2022-03-01",
    });
    await change(instructor, "/assignments", { companyId: companies[i % 12].company.id, from: "2022-03-01" });
    return instructor;
  });
  await parallel(companies, async (company, c) => {
    for (const day of ["2022-04-08", "2022-04-22", "2022-05-09", "2022-05-23", "2022-06-08", "2022-06-22"]) {
      await change(instructors[c], "/visits", { companyId: company.company.id, on: day, topics: ["党建指导", "协调邻里纠纷"], disputesCoordinated: day.endsWith("22") ? 1 : 0 });
    }
  });

  progress.begin(stage++);
  for (let i = 0; i < 8; i++) {
    await create(`zone:${i}`, "/api/organization/responsibility-zones", { estateId: companies[i].estate.id, buildings: ["1号楼", "2号楼"], memberIds: [firstMember(i).id], designatedOn: "2022-06-15" });
  }
  for (let i = 0; i < 12; i++) {
    await create(`post:${i}`, "/api/organization/pioneer-posts", { post: "物业服务先锋岗", memberId: firstMember(i).id, estateId: companies[i].estate.id, designatedOn: "2022-06-15" });
  }

  // 103 more estates, where the improvement projects were done.
  progress.begin(stage++);
  const projectEstates = await parallel(Array.from({ length: 103 }, (_, i) => i), i =>
    create(`project-estate:${i}`, "/api/organization/estates", { name: `${communityNames[i % 4].slice(0, -2)}${i + 1}号院`, communityId: communities[communityNames[i % 4]].id, households: i < 101 ? 102 : 101 }));

  // A big party committee per community; the 29 heads serve on their estate's community's.
  progress.begin(stage++);
  // Still sitting today (so today's figures are the report's): the term runs to the middle of next year.
  const termTo = `${new Date().getUTCFullYear() + 1}-06-30`;
  const committees = {};
  for (const name of communityNames) {
    committees[name] = await create(`committee:${name}`, "/api/consultation/committees", { communityId: communities[name].id, name: `${name}大党委`, termFrom: "2021-07-01", termTo }, KNOWN);
  }
  for (const head of members.filter(m => m.head)) {
    const community = companies[head.company].community;
    await change(committees[community], "/members", { name: `${COMPANIES[head.company].slice(6, -8)}物业负责人`, position: "member", from: "2022-03-01", partyMemberId: head.member.id }, [400, 409]);
  }

  // A joint meeting per community in June, with its residents', owners' committee and a company.
  progress.begin(stage++);
  await parallel(communityNames, async (name, n) => {
    const community = communities[name].id;
    const residents = await create(`party:residents:${name}`, "/api/consultation/parties", { kind: "residentsCommittee", name: `${name}居委会`, communityId: community }, KNOWN);
    const owners = await create(`party:owners:${name}`, "/api/consultation/parties", { kind: "ownersCommittee", name: `${name}业主委员会`, communityId: community }, KNOWN);
    const company = companies.find(c => c.community === name);
    const firm = await create(`party:company:${name}`, "/api/consultation/parties", { kind: "propertyCompany", name: COMPANIES[companies.indexOf(company)].slice(6), communityId: community, companyId: company.company.id }, KNOWN);
    const meeting = await create(`meeting:${name}`, "/api/consultation/meetings", {
      communityId: community, title: "2022年6月党建联席会议", at: `2022-06-${String(10 + n).padStart(2, "0")}T09:30:00+08:00`, place: `${name}党群服务中心`, convener: `${name}党委书记`,
    }, KNOWN);
    await change(meeting, "/invitations", { partyIds: [residents.id, owners.id, firm.id] });
    await change(meeting, "/attendance", { partyId: residents.id, present: true, representative: "居委会主任" });
    await change(meeting, "/attendance", { partyId: firm.id, present: true, representative: "项目经理" });
    await change(meeting, "/held", { heldOn: `2022-06-${String(10 + n).padStart(2, "0")}`, minutes: "议定楼道清理由物业牵头、志愿服务队配合。", visibility: "public" });
  }, 4);

  // Owners' complaints about the black-listed companies' estates, accepted as valid.
  progress.begin(stage++);
  await parallel(Array.from({ length: 12 }, (_, i) => i), async i => {
    const complaint = await create(`complaint:${i}`, "/api/evaluation/complaints", { serviceCode: "sanitation", description: `${i % 6 + 1}号楼楼道垃圾无人清运`, estateId: companies[BLACK[i % 3]].estate.id }, KNOWN);
    await change(complaint, "/acceptance", { note: "属实" });
  });

  // Spot inspections in May: red 98, middle 85, black 62 with a serious finding (fire lanes blocked).
  progress.begin(stage++);
  const checklist = (await get("/api/evaluation/inspections/checklist")).categories.flatMap(c => c.items);
  await parallel(companies, (company, c) => {
    const deduction = RED.includes(c) ? 2 : BLACK.includes(c) ? 38 : 15;
    return create(`inspection:${c}`, "/api/evaluation/inspections", { estateId: company.estate.id, on: "2022-05-10", findings: findings(checklist, deduction, BLACK.includes(c)) }, KNOWN);
  });

  progress.begin(stage++);
  // Closed on the day the district decided, a week before the report (27 July 2022): its lists count from then.
  const closed = await send("POST", "/api/evaluation/periods/2022Q2/close", { closedOn: "2022-07-20" });
  if (closed.status !== 200 && closed.status !== 409) fail("POST /api/evaluation/periods/2022Q2/close", closed);
  progress.tick();

  // 103 old estates (101 of 102 households, 2 of 101: 10,504 households) all renovated, 70 of them also given smart
  // security, 10 also new parking (548 spaces, 33 households each). Each household counts once: 10,504 benefit.
  progress.begin(stage++);
  const projects = [
    ...projectEstates.slice(0, 70).map((e, i) => ["smartSecurityUpgrade", e, undefined, 0, i]),
    ...projectEstates.map((e, i) => ["renovation", e, undefined, 0, i]),
    ...projectEstates.slice(0, 10).map((e, i) => ["parkingSpaces", e, 33, i < 9 ? 55 : 53, i]),
  ];
  await parallel(projects, async ([kind, estate, households, parkingSpaces, i]) => {
    const project = await create(`project:${kind}:${i}`, "/api/evaluation/projects", {
      kind, title: { smartSecurityUpgrade: "智慧安防小区建设", renovation: "老旧小区改造", parkingSpaces: "新增停车位" }[kind], estateId: estate.id, startedOn: "2022-03-01", householdsBenefiting: households, parkingSpaces,
    }, KNOWN);
    await change(project, "/completion", { completedOn: "2022-05-08" });
  });

  // Four "Red Property" volunteer teams, one per community, led by a grid worker.
  progress.begin(stage++);
  const teams = await parallel(communityNames, async (name, n) => {
    const leader = await create(`volunteer:leader:${name}`, "/api/volunteering/volunteers", {
      source: "gridWorker", name: `${name.slice(0, 2)}网格员`, communityId: communities[name].id, idNumber: nationalId(9000 + n), consent: true, consentedOn: "2022-02-20", phone: `1389380${String(1000 + n)}`,
    }, KNOWN);
    const team = await create(`team:${name}`, "/api/volunteering/teams", { communityId: communities[name].id, name: `${name}红色物业志愿服务队`, leaderId: leader.id, formedOn: "2022-03-01" }, KNOWN);
    return { leader, team, name };
  }, 4);

  // 21 activities in May: clearing stairwell adverts and clutter; two hours on site each.
  progress.begin(stage++);
  await parallel(Array.from({ length: 21 }, (_, i) => i), async i => {
    const { leader, team, name } = teams[i % 4];
    const estate = companies.find(c => c.community === name).estate;
    const type = i % 2 === 0 ? "stairwellAdverts" : "clutterClearing";
    const day = `2022-05-${String(7 + (i % 3) * 7).padStart(2, "0")}`;
    const activity = await create(`activity:${i}`, "/api/volunteering/activities", {
      type, title: type === "stairwellAdverts" ? "清理楼道小广告" : "清理楼栋杂物", estateId: estate.id, teamId: team.id,
      startsAt: `${day}T08:30:00+08:00`, endsAt: `${day}T11:30:00+08:00`, capacity: 20,
    }, KNOWN);
    // Recorded afterwards from the team's sign-up sheet: each step carries the time it happened.
    await change(activity, "/sign-ups", { volunteerId: leader.id, at: `${day}T08:00:00+08:00` });
    await change(activity, "/check-ins", { volunteerId: leader.id, at: `${day}T08:30:00+08:00` });
    await change(activity, "/check-outs", { volunteerId: leader.id, at: `${day}T10:30:00+08:00` });
    await change(activity, "/held", { heldOn: day, outcomes: { [type === "stairwellAdverts" ? "advertsRemoved" : "clutterLoads"]: 12 } });
  }, 4);

  // 15 neighbour disputes mediated: 13 resolved (agreed, and the agreement kept at the return visit), as the report
  // counts them, and 2 that ended without agreement.
  progress.begin(stage++);
  await parallel(Array.from({ length: 15 }, (_, i) => i), async i => {
    const { leader, name } = teams[i % 4];
    const dispute = await create(`dispute:${i}`, "/api/volunteering/disputes", { communityId: communities[name].id, parties: [`住户甲${i + 1}`, `住户乙${i + 1}`], summary: "楼上楼下噪音纠纷", source: "walkIn", registeredOn: "2022-06-01" }, KNOWN);
    await change(dispute, "/triage", { accept: true });
    await change(dispute, "/mediators", { volunteerIds: [leader.id] });
    await change(dispute, "/sessions", { on: "2022-06-06", hours: 1 });
    if (i < 13) {
      await change(dispute, "/agreement", { terms: "夜间十点后不再制造噪音", performBy: "2022-06-20", on: "2022-06-06" });
      await change(dispute, "/return-visit", { on: "2022-06-21", performed: true });
      await change(dispute, "/closure", { outcome: "agreed", on: "2022-06-21" });
    } else {
      await change(dispute, "/closure", { outcome: "notAgreed", on: "2022-06-06" });
      progress.tick(); progress.tick();
    }
  }, 4);
  progress.end();
}

function findings(checklist, deduction, serious) {
  const list = [];
  for (const item of checklist) {
    if (deduction <= 0) break;
    const taken = Math.min(deduction, item.points);
    list.push({ item: item.code, deduction: taken, note: `${item.description}：不到位`, evidence: ["https://img.maiji.gov.cn/inspection/2022-05-10.jpg"], serious: false });
    deduction -= taken;
  }
  if (serious) list[list.length - 1].serious = true;
  return list;
}

async function waitFor(what, probe, seconds = 120) {
  const deadline = Date.now() + seconds * 1000;
  while (!(await probe().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await sleep(500);
  }
}

async function check() {
  let figures;
  await waitFor("the Overview's figures to equal the report's", async () => {
    figures = await get("/api/overview/figures");
    return Object.entries(REPORT).every(([k, v]) => figures[k] === v);
  }, 180).catch(error => {
    const wrong = Object.entries(REPORT).filter(([k, v]) => figures?.[k] !== v).map(([k, v]) => `${k} ${figures?.[k]} (report ${v})`);
    throw new Error(`${error.message} Differs: ${wrong.join(", ")}`);
  });
  const disagreements = [];
  for (const [service, keys] of Object.entries(SUMMARIES)) {
    const summary = await get(`/api/${service}/summary`);
    for (const key of keys) if (summary[key] !== figures[key]) disagreements.push(`${service} ${key} ${summary[key]} ≠ overview ${figures[key]}`);
  }
  if (disagreements.length) throw new Error(`The services' summaries disagree with the overview: ${disagreements.join("; ")}`);
  console.log(Object.entries(REPORT).map(([k, v]) => `${k.padEnd(26)} ${String(figures[k]).padStart(6)}  (report ${v})`).join("\n"));
  console.log(`The seed's district is loaded: /api/overview/figures equals the report's table (log position ${figures.position}), and every service's summary agrees.`);
}

await signIn();
if (!process.argv.includes("--reload") && await alreadyLoaded()) {
  console.error("The seed's district is already loaded; checking the figures only.");
} else {
  await load();
}
await check();
