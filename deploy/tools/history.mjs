// A year of a whole city (Tianshui: two districts and five counties) loaded into the running system through its
// public APIs, so every fact passes the services' validation and deciders: geography, companies and their estates,
// party members, instructors visiting their companies twice a month, 12345 hotline work orders imported as the
// hotline exports them and taken through their lifecycle, spot inspections, the four quarters' evaluation periods
// closed, volunteer teams, activities and neighbour disputes, with dates spread over the year.
//
// Sizes follow --events (about that many events in all the services' stores; 1,000,000 is the city-year of
// docs/performance.md: ≈60 communities, ≈600 estates, ≈300 companies, ≈3,000 members, ≈200 instructors,
// ≈150,000 complaints, ≈10,000 inspections, ≈5,000 activities, ≈2,000 disputes). Work goes in chunks; each chunk
// done is written to a journal beside the system's data (.data/history.json), so a run that stopped goes on where
// it stopped, and a run that finished only checks. Creating requests carry Idempotency-Keys and each step is taken
// from the status before it, so a chunk cut short is done again without doubling anything.
//
// At the end it waits until the Overview's monthly series for the year equal what it generated (complaints filed,
// instructor visits, activities held, disputes mediated and resolved, month by month), and prints the tally.
//
//   node history.mjs [--events 1000000] [--year <last year>] [--width 16] [--journal .data/history.json]
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { change, create, fail, get, parallel, progress, Resource, send, signIn, step, useKeys, waitFor } from "./client.mjs";
import { creditCode, csv, findings, HOTLINE_CALLS, nationalId, personName } from "./codes.mjs";

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) => a.startsWith("--") ? [...pairs, [a.slice(2), all[i + 1]]] : pairs, []));
const events = Number(args.events ?? 1_000_000);
const year = Number(args.year ?? new Date().getUTCFullYear() - 1);
const width = Number(args.width ?? 16);
const journalPath = args.journal ?? ".data/history.json";
if (!(events >= 10_000 && events <= 1_000_000)) throw new Error("--events is between 10000 and 1000000.");
if (!(year >= 2000 && year < new Date().getUTCFullYear())) throw new Error("--year is a past year: its periods close after it ends.");

// ---- sizes ----------------------------------------------------------------------------------------
const scale = events / 1_000_000;
const sized = (full, least) => Math.max(least, Math.round(full * scale));
const DISTRICTS = ["秦州区", "麦积区", "清水县", "秦安县", "甘谷县", "武山县", "张家川回族自治县"];
const N = {
  subDistricts: sized(21, 7), communities: sized(60, 7), companies: sized(300, 7), estates: sized(600, 14), members: sized(3000, 14),
  instructors: sized(200, 7), complaints: sized(150_000, 1000), inspections: sized(10_000, 14), activities: sized(5_000, 10), disputes: sized(2_000, 10),
};
const CHUNK = 500;
const chunks = count => Math.ceil(count / CHUNK);
const PEOPLE = { member: 5000, instructor: 20_000, volunteer: 30_000, resident: 40_000, caller: 50_000, volunteerId: 9100, memberId: 5000 };

// ---- names ----------------------------------------------------------------------------------------
const WORDS = "和平 幸福 阳光 锦绣 东关 西关 南郊 北园 翠湖 金城 长安 新华 建设 人民 文化 青年 胜利 光明 育才 春风 丽景 怡和 馨苑 嘉园 华府 兴盛 安居 富民 振兴 康乐".split(" ");
const word = i => WORDS[i % WORDS.length] + (i >= WORDS.length ? WORDS[Math.floor(i / WORDS.length) % WORDS.length] : "");
const districtOf = i => DISTRICTS[i % DISTRICTS.length];
const subDistrictName = i => `${districtOf(i)}${word(i)}${i % 3 === 2 ? "镇" : "街道"}`;
const communityName = i => `${word(i + 7)}${i >= WORDS.length * WORDS.length ? i : ""}社区`;
const companyName = i => `天水市${districtOf(i)}${word(i + 3)}物业服务有限公司`;
const estateName = i => `${word(i + 11)}${["家园", "小区", "花园", "苑", "新村"][i % 5]}${Math.floor(i / (WORDS.length * 5)) + 1}期`;

// ---- dates (UTC+8) -----------------------------------------------------------------------------------
const yearStart = Date.UTC(year, 0, 1) - 8 * 3600_000;
const yearLength = Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1);
const local = ms => new Date(ms + 8 * 3600_000).toISOString();
/** A moment of the year that differs per serial, spread over all its days and hours. */
const momentOf = (n, upTo = 1) => local(yearStart + (n * 7_919_000 + (n % 86_400) * 1000) % Math.floor(yearLength * upTo));
const day = iso => iso.slice(0, 10);
const monthOf = iso => iso.slice(0, 7);
const addDays = (date, d) => new Date(Date.parse(`${date}T00:00:00Z`) + d * 86400_000).toISOString().slice(0, 10);
const MONTHS = Array.from({ length: 12 }, (_, m) => `${year}-${String(m + 1).padStart(2, "0")}`);

// ---- the journal --------------------------------------------------------------------------------------
const journal = existsSync(journalPath) ? JSON.parse(readFileSync(journalPath, "utf8")) : { events, year, done: {}, data: {}, tallies: {} };
if (journal.events !== events || journal.year !== year) {
  throw new Error(`${journalPath} holds a history of ${journal.events} events for ${journal.year}: this system has it already. Another size goes into an empty system.`);
}
const save = () => { mkdirSync(dirname(journalPath), { recursive: true }); writeFileSync(journalPath, JSON.stringify(journal)); };
// What each chunk made, by month: a chunk done again replaces its own count.
let chunkTally = {};
const tally = (month, what) => { const m = chunkTally[month] ??= {}; m[what] = (m[what] ?? 0) + 1; };
const generated = (month, what) => Object.values(journal.tallies).reduce((n, t) => n + (t[month]?.[what] ?? 0), 0);

/** Runs a stage's chunks that are not in the journal yet, writing each to it once done. */
async function stage(name, count, fn) {
  for (let c = 0; c < chunks(count); c++) {
    const key = `${name}:${c}`;
    if (key in journal.done) { progress.tick(journal.done[key]); continue; }
    const before = progress.done;
    const items = Array.from({ length: Math.min(CHUNK, count - c * CHUNK) }, (_, i) => c * CHUNK + i);
    chunkTally = {};
    await fn(items, c);
    journal.tallies[key] = chunkTally;
    journal.done[key] = progress.done - before;
    save();
  }
}

// ---- the city -------------------------------------------------------------------------------------------
const REQUESTS = {
  geography: N.subDistricts + N.communities, companies: N.companies, estates: N.estates * 2, members: N.members,
  instructors: N.instructors * (2 + 24), complaints: chunks(N.complaints) + N.complaints * 4, inspections: N.inspections,
  periods: 4, teams: N.communities * (1 + 6 + 5), activities: N.activities * 11, disputes: N.disputes * 6,
};

async function load() {
  const stages = Object.entries(REQUESTS);
  progress.plan(stages.map(([name, n]) => [name, n]));
  let s = 0;
  const data = journal.data;

  progress.begin(s++);
  await stage("geography", 1, async () => {
    const subDistricts = [];
    for (let i = 0; i < N.subDistricts; i++) {
      subDistricts.push((await create(`sub-district:${i}`, "/api/organization/sub-districts", { name: subDistrictName(i), kind: i % 3 === 2 ? "town" : "subDistrict" })).id);
    }
    data.communities = await parallel(Array.from({ length: N.communities }, (_, i) => i), async i =>
      (await create(`community:${i}`, "/api/organization/communities", { name: communityName(i), subDistrictId: subDistricts[i % N.subDistricts] })).id, width);
  });

  progress.begin(s++);
  await stage("companies", N.companies, async items => {
    const ids = await parallel(items, async i => (await create(`company:${i}`, "/api/organization/companies", {
      name: companyName(i), creditCode: creditCode(2_000_000 + i), address: `甘肃省天水市${districtOf(i)}`, registeredOn: `${year - 3}-03-15`,
    })).id, width);
    data.companies = [...(data.companies ?? []), ...ids];
  });

  // Each estate in a community and served by a company since before the year.
  progress.begin(s++);
  await stage("estates", N.estates, async items => {
    const estates = await parallel(items, async i => {
      const community = i % N.communities, company = i % N.companies;
      const estate = await create(`estate:${i}`, "/api/organization/estates", { name: estateName(i), communityId: data.communities[community], households: 200 + (i * 37) % 800 });
      await change(estate, "/service-contracts", { companyId: data.companies[company], from: `${year - 2}-01-01` });
      return { id: estate.id, community, company };
    }, width);
    data.estates = [...(data.estates ?? []), ...estates];
  });

  progress.begin(s++);
  await stage("members", N.members, items => parallel(items, async i => {
    const company = i % N.companies, first = i < N.companies;
    await create(`member:${i}`, "/api/organization/members", {
      companyId: data.companies[company], name: personName(PEOPLE.member + i), position: first ? "总经理" : ["项目经理", "客服主管", "工程主管", "秩序维护队长"][i % 4],
      via: "hired", stage: "full", admittedOn: `${1985 + (i % 30)}-07-01`, companyRole: first ? "generalManager" : "staff",
      nationalId: nationalId(PEOPLE.memberId + i), joinedOn: addDays(`${year}-01-01`, i % 360),
    });
  }, width));

  // Each instructor visits their company twice in every month of the year (每月至少深入企业2次).
  progress.begin(s++);
  await stage("instructors", N.instructors, items => parallel(items, async i => {
    const instructor = await create(`instructor:${i}`, "/api/organization/instructors", {
      name: personName(PEOPLE.instructor + i), source: i % 2 === 0 ? "dispatchedByIndustry" : "selectedByCommunity", appointedOn: `${year}-01-01`,
    });
    const company = data.companies[i % N.companies];
    await change(instructor, "/assignments", { companyId: company, from: `${year}-01-01` });
    for (const month of MONTHS) {
      for (const d of [3 + (i % 9), 16 + (i % 11)]) {
        await change(instructor, "/visits", { companyId: company, on: `${month}-${String(d).padStart(2, "0")}`, topics: ["党建指导", "物业服务质量"], disputesCoordinated: 0 });
        tally(month, "instructorVisits");
      }
    }
  }, width));

  // The hotline's work orders, a chunk at a time: imported as its export, then each handled at once (so few wait long
  // enough for the overdue check): 80% found valid and passed to the company, most resolved and closed after the return
  // call; 20% ruled not the company's business.
  progress.begin(s++);
  // Evaluation hears of estates and their companies by event: a dry run naming each estate finds when it has heard of all.
  const everyEstate = Array.from({ length: N.estates }, (_, e) => ({ ...callOf(e), estate: data.estates[e].id }));
  await waitFor("Evaluation to know every estate", async () => (await importCalls(everyEstate, true)).rejected.length === 0, 300);
  await stage("complaints", N.complaints, async items => {
    const calls = items.map(callOf);
    const report = await importCalls(calls, false);
    if (report.rejected.length) throw new Error(`Rows of the export were rejected: ${JSON.stringify(report.rejected.slice(0, 3))}`);
    progress.tick();
    const ids = new Map([...report.filed, ...report.alreadyFiled].map(r => [r.workOrder, r.complaintId]));
    const fresh = new Set(report.filed.map(r => r.complaintId)); // version 1; one filed before is read first
    for (const call of calls) tally(monthOf(call.at), "complaintsFiled");
    await parallel(calls, async call => {
      const id = ids.get(call.workOrder);
      const complaint = new Resource(`/api/evaluation/complaints/${id}`, id, fresh.has(id) ? 1 : 0);
      if (call.valid) {
        await step(complaint, "/acceptance", { note: "经核实属实" }, ["filed"]);
        await step(complaint, "/assignment", {}, ["accepted"]);
        if (call.settled) {
          await step(complaint, "/resolution", { note: call.resolution }, ["assigned", "responded"]);
          await step(complaint, "/closure", { note: "已回访，业主认可" }, ["resolved"]);
        } else progress.tick(2);
      } else {
        await step(complaint, "/ruling", { ruling: "invalid", reason: "不属物业服务范围（供热、供水企业职责）" }, ["filed"]);
        progress.tick(3);
      }
    }, width);
  });

  progress.begin(s++);
  const checklist = (await get("/api/evaluation/inspections/checklist")).categories.flatMap(c => c.items);
  await stage("inspections", N.inspections, items => parallel(items, i => create(`inspection:${i}`, "/api/evaluation/inspections", {
    estateId: data.estates[i % N.estates].id, on: day(momentOf(i * 13 + 5, 0.99)), findings: findings(checklist, 3 + (i * 7) % 30, i % 97 === 0),
  }), width));

  // Each quarter closed on the 20th of the month after it: its red and black lists from its complaints and inspections.
  progress.begin(s++);
  await stage("periods", 1, async () => {
    for (let q = 1; q <= 4; q++) {
      const closedOn = q < 4 ? `${year}-${String(q * 3 + 1).padStart(2, "0")}-20` : `${year + 1}-01-20`;
      const closed = await send("POST", `/api/evaluation/periods/${year}Q${q}/close`, { closedOn });
      if (closed.status !== 200 && closed.status !== 409) fail(`POST /api/evaluation/periods/${year}Q${q}/close`, closed);
      progress.tick();
    }
  });

  // A team per community: a grid worker leading five volunteers.
  progress.begin(s++);
  await stage("teams", N.communities, async items => {
    const teams = await parallel(items, async n => {
      const community = data.communities[n];
      const volunteer = (k, source) => create(`volunteer:${n}:${k}`, "/api/volunteering/volunteers", {
        source, name: personName(PEOPLE.volunteer + n * 10 + k), communityId: community, idNumber: nationalId(PEOPLE.volunteerId + n * 6 + k),
        consent: true, consentedOn: `${year}-01-05`, phone: `139${String(93_800_000 + n * 10 + k).padStart(8, "0")}`,
      }, [400]);
      const leader = await volunteer(0, "gridWorker");
      const team = await create(`team:${n}`, "/api/volunteering/teams", { communityId: community, name: `${communityName(n)}红色物业志愿服务队`, leaderId: leader.id, formedOn: `${year}-01-10` }, [400]);
      const crew = [];
      for (let k = 1; k <= 5; k++) {
        const member = await volunteer(k, k % 2 ? "ownersCommittee" : "gridWorker");
        await change(team, "/members", { volunteerId: member.id, on: `${year}-01-10` }, [400, 409]);
        crew.push(member.id);
      }
      return { team: team.id, leader: leader.id, crew };
    }, width);
    data.teams = [...(data.teams ?? []), ...teams];
  });

  // Activities through the year, each at an estate of the team's community, with the leader and two of the team.
  progress.begin(s++);
  const estatesOf = community => data.estates.filter(e => e.community === community);
  await stage("activities", N.activities, items => parallel(items, async i => {
    const community = i % N.communities, { team, leader, crew } = data.teams[community];
    const on = day(momentOf(i * 31 + 3, 0.98)), type = ["stairwellAdverts", "clutterClearing", "greening"][i % 3];
    const estates = estatesOf(community);
    const activity = await create(`activity:${i}`, "/api/volunteering/activities", {
      type, title: { stairwellAdverts: "清理楼道小广告", clutterClearing: "清理楼栋杂物", greening: "小区绿化补植" }[type], estateId: estates[i % estates.length].id,
      teamId: team, startsAt: `${on}T08:30:00+08:00`, endsAt: `${on}T11:30:00+08:00`, capacity: 20,
    }, [400]);
    for (const volunteer of [leader, crew[i % 5], crew[(i + 1) % 5]]) {
      await change(activity, "/sign-ups", { volunteerId: volunteer, at: `${on}T08:00:00+08:00` });
      await change(activity, "/check-ins", { volunteerId: volunteer, at: `${on}T08:30:00+08:00` });
      await change(activity, "/check-outs", { volunteerId: volunteer, at: `${on}T10:30:00+08:00` });
    }
    await change(activity, "/held", { heldOn: on, outcomes: { [{ stairwellAdverts: "advertsRemoved", clutterClearing: "clutterLoads", greening: "squareMetres" }[type]]: 5 + (i % 20) } });
    tally(monthOf(on), "activitiesHeld");
  }, width));

  // Neighbour disputes mediated by two of the team: 85% agreed and the agreement kept at the return visit (resolved).
  progress.begin(s++);
  const SUMMARIES = ["楼上楼下噪音纠纷", "楼上卫生间漏水殃及楼下", "楼道堆放杂物引发邻里矛盾", "占用车位纠纷", "宠物扰民纠纷"];
  await stage("disputes", N.disputes, items => parallel(items, async i => {
    const community = i % N.communities, { leader, crew } = data.teams[community];
    const registered = day(momentOf(i * 17 + 1, 0.9));
    const dispute = await create(`dispute:${i}`, "/api/volunteering/disputes", {
      communityId: data.communities[community], parties: [personName(PEOPLE.resident + 2 * i), personName(PEOPLE.resident + 2 * i + 1)],
      summary: SUMMARIES[i % SUMMARIES.length], source: "walkIn", registeredOn: registered,
    }, [400]);
    // Each step taken unless the dispute shows it (the overdue check may mark it between two steps).
    const did = what => read => read.history.some(h => h.what.startsWith(what));
    const met = addDays(registered, 3), resolved = i % 20 >= 3;
    await step(dispute, "/triage", { accept: true }, did("accepted"));
    await step(dispute, "/mediators", { volunteerIds: [leader, crew[i % 5]] }, did("mediators-assigned"));
    await step(dispute, "/sessions", { on: met, hours: 1.5 }, did("session"));
    let closedOn = met;
    if (resolved) {
      closedOn = addDays(met, 15);
      await step(dispute, "/agreement", { terms: "双方各让一步，按约定时间整改并互不打扰", performBy: addDays(met, 14), on: met }, did("agreement"));
      await step(dispute, "/return-visit", { on: closedOn, performed: true }, did("return-visit"));
      await step(dispute, "/closure", { outcome: "agreed", on: closedOn }, did("closed"));
    } else {
      await step(dispute, "/closure", { outcome: "notAgreed", on: met }, did("closed"));
      progress.tick(2);
    }
    tally(monthOf(closedOn), "disputesMediated");
    if (resolved) tally(monthOf(closedOn), "disputesResolved");
  }, width));
  progress.end();
}

/** The serial's work order: when and where the hotline took it, and how it was handled. */
function callOf(n) {
  const at = momentOf(n);
  const estate = journal.data.estates[(n * 7) % N.estates];
  const [category, text, resolution] = HOTLINE_CALLS[n % HOTLINE_CALLS.length];
  return {
    workOrder: `${year}${String(n).padStart(7, "0")}`, at: at.replace("T", " ").slice(0, 19), estate: estate.id, category, resolution,
    description: `${estateName((n * 7) % N.estates)}${text.startsWith("号楼") ? `${1 + (n % 18)}${text}` : text}`,
    caller: personName(PEOPLE.caller + (n % 40_000)), phone: `138${String(10_000_000 + (n % 89_999_999)).padStart(8, "0")}`,
    channel: n % 10 === 0 ? "12345微信小程序" : "12345热线", valid: n % 5 !== 4, settled: n % 12 !== 0,
  };
}

async function importCalls(calls, dryRun) {
  const rows = [["工单编号", "受理时间", "来源渠道", "诉求分类", "诉求内容", "小区编号", "联系人", "联系电话"],
    ...calls.map(c => [c.workOrder, c.at, c.channel, `城乡建设/物业管理/${c.category}`, c.description, c.estate, c.caller, c.phone])];
  const response = await send("POST", `/api/evaluation/complaints/imports${dryRun ? "?dryRun=true" : ""}`, csv(rows),
    { "Content-Type": "text/csv; charset=utf-8" });
  if (!response.ok) fail("POST /api/evaluation/complaints/imports", response);
  return response.json;
}

/** The Overview's monthly series for the year against what this generator made, month by month. */
async function check() {
  const keys = ["complaintsFiled", "instructorVisits", "activitiesHeld", "disputesMediated", "disputesResolved"];
  let figures, differences = [];
  await waitFor("the Overview's monthly figures to equal what was generated", async () => {
    figures = await get(`/api/overview/figures?asOf=${year}-12-31`);
    const monthly = new Map(figures.monthly.map(m => [m.month, m]));
    differences = MONTHS.flatMap(month => keys.filter(k => (monthly.get(month)?.[k] ?? 0) !== generated(month, k))
      .map(k => `${month} ${k} ${monthly.get(month)?.[k] ?? 0} (generated ${generated(month, k)})`));
    return differences.length === 0;
  }, 600).catch(error => { throw new Error(`${error.message} Differs: ${differences.slice(0, 10).join("; ")}`); });
  const sum = k => MONTHS.reduce((n, m) => n + generated(m, k), 0);
  console.log(`${year}, generated for ≈${events} events: ${Object.entries(N).map(([k, v]) => `${k} ${v}`).join(", ")}.`);
  console.log(keys.map(k => `${k.padEnd(18)} ${String(sum(k)).padStart(8)}`).join("\n"));
  console.log(`The Overview's monthly series for ${year} equal what was generated, month by month (district log position ${figures.position}).`);
}

useKeys(`history-${year}-${events}`);
await signIn();
await load();
await check();
