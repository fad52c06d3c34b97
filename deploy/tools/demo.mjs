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
import { change, create, fail, get, parallel, progress, Resource, send, signIn, step, useKeys, waitFor } from "./client.mjs";
import { creditCode, csv, findings, HOTLINE_CALLS, nationalId, personName } from "./codes.mjs";

useKeys("demo-maiji-2022");
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

// ---- the district ---------------------------------------------------------------------------------
const COMMUNITIES = [["道北街道", "subDistrict", ["北道埠社区", "渭滨社区", "桥南社区"]], ["马跑泉镇", "town", ["马跑泉社区"]]];
const COMPANIES = ["红苑", "锦绣", "渭滨", "桥南", "马跑泉", "东岔", "甘泉", "社棠", "石佛", "伯阳", "元龙", "花牛"]
  .map(n => `天水市麦积区${n}物业服务有限公司`);
const RED = [0, 1, 2, 3, 4], BLACK = [5, 6, 7];
const SERIOUS = 5; // black-listed for a serious finding at the spot check; 6 and 7 for their owners' complaints alone
const KNOWN = [400]; // refused while the service has not heard of the place or company yet
const MONTHS = ["2022-04", "2022-05", "2022-06"];
const day = (month, d) => `${month}-${String(d).padStart(2, "0")}`;

// Serials of generated people (codes.mjs personName / nationalId), one range per kind so nobody appears twice.
const PEOPLE = { member: 0, instructor: 1000, volunteer: 2000, resident: 3000, caller: 4000 };

async function alreadyLoaded() {
  const figures = await get("/api/overview/figures");
  return Object.entries(REPORT).every(([k, v]) => figures[k] === v) && figures.position > 0;
}

async function load() {
  const calls = hotlineCalls();
  const valid = calls.filter(c => c.ruling === "valid");
  const settled = valid.filter(c => c.settled).length;
  progress.plan([
    ["geography", 6], ["companies and their estates", 36], ["party members, new members developed, pledges", 81 + 12 * 3 + 12],
    ["the carpet survey", 12], ["party branches", 27], ["instructors and their monthly visits", 38 * 2 + 38 * 6],
    ["responsibility zones, pioneer posts", 20], ["estates of the improvement projects", 103],
    ["big party committees and heads", 4 + 29], ["joint meetings", 4 * 16],
    ["12345 hotline work orders", 1 + valid.length * 2 + settled * 2 + (calls.length - valid.length)], ["spot inspections", 12],
    ["evaluation period 2022Q2", 1], ["improvement projects", 2 * 183], ["volunteers and teams", 4 * (1 + 1 + 5 * 2)],
    ["volunteer activities", 21 * 14], ["neighbour disputes", 15 * 7],
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
    const estate = await create(`estate:${c}`, "/api/organization/estates", { name: estateName(c), communityId: communities[community].id, households: households(c) });
    await change(estate, "/service-contracts", { companyId: company.id, from: "2020-01-01" });
    return { company, estate, community };
  });

  // 81 members (9 companies × 7 + 3 × 6); the first three of each company's are its heads (legal representative,
  // general manager, and in five companies a deputy): 29 heads. The sixth of each company was developed there
  // (发展党员): an applicant in 2020, an activist, a development candidate, admitted as probationary in June 2022.
  progress.begin(stage++);
  const plan = companies.flatMap((_, c) => Array.from({ length: c < 9 ? 7 : 6 }, (_, m) => [c, m]));
  const members = await parallel(plan, async ([c, m], i) => {
    const companyRole = m === 0 ? "legalRepresentative" : m === 1 ? "generalManager" : m === 2 && c < 5 ? "deputyGeneralManager" : "staff";
    const developed = m === 5;
    const name = personName(PEOPLE.member + i);
    const member = await create(`member:${c}:${m}`, "/api/organization/members", {
      companyId: companies[c].company.id, name,
      position: { legalRepresentative: "执行董事", generalManager: "总经理", deputyGeneralManager: "副总经理" }[companyRole] ?? ["项目经理", "客服主管", "工程主管", "秩序维护队长"][m % 4],
      via: developed ? "developed" : m % 3 === 0 ? "relationTransferredIn" : "hired",
      stage: developed ? "applicant" : "full", admittedOn: developed ? null : `${1995 + (i % 20)}-07-01`, companyRole,
      nationalId: nationalId(PEOPLE.member + i), joinedOn: developed ? "2020-03-20" : "2022-03-20",
    });
    return { member, name, company: c, head: companyRole !== "staff", developed };
  });
  const companyMembers = c => members.filter(m => m.company === c);
  const firstMember = c => companyMembers(c)[0];
  await parallel(members.filter(m => m.developed), async developing => {
    const sponsors = companyMembers(developing.company).filter(m => !m.developed).slice(0, 2).map(m => m.name);
    await change(developing.member, "/development-stages", { stage: "activist", on: "2020-10-15", sponsors: null });
    await change(developing.member, "/development-stages", { stage: "developmentCandidate", on: "2021-09-10", sponsors: null });
    await change(developing.member, "/development-stages", { stage: "probationary", on: "2022-06-20", sponsors });
  });
  // 亮身份、亮标准、亮承诺: each company's first member makes the pledge at the pioneer post.
  await parallel(companies, (_, c) => change(firstMember(c).member, "/pledges", {
    identity: `共产党员 ${firstMember(c).name}`, standards: "服务规范、收费公开、响应及时",
    commitments: "报修24小时内到场，投诉3日内答复，每月走访楼栋不少于一次", publishedOn: "2022-06-15",
  }));

  // The carpet survey (地毯式排查) with the market regulation bureau, March 2022: members found, organisation or not.
  progress.begin(stage++);
  await parallel(companies, (company, c) => change(company.company, "/surveys", {
    on: day("2022-03", 8 + c), surveyor: personName(PEOPLE.instructor + 900 + c), together: "麦积区市场监督管理局、所在街道（镇）",
    partyMembersFound: companyMembers(c).length - 1, organizationExists: c < 5, findings: c < 5 ? "已建立党组织" : "有党员，未建立党组织",
  }));

  // 5 standalone branches established; 7 companies forming (3 standalone, 2 joint of two).
  progress.begin(stage++);
  for (let c = 0; c < 5; c++) {
    const branch = await create(`branch:${c}`, "/api/organization/branches", { name: `${COMPANIES[c].slice(6)}党支部`, kind: "standalone", companyIds: [companies[c].company.id], plannedOn: "2022-01-10" });
    await change(branch, "/establishment", { approvedOn: "2022-05-01", secretaryMemberId: firstMember(c).member.id });
  }
  for (const [i, group] of [[5], [6], [7], [8, 9], [10, 11]].entries()) {
    const branch = await create(`forming:${i}`, "/api/organization/branches", {
      name: group.length === 1 ? `${COMPANIES[group[0]].slice(6)}党支部` : "麦积区物业行业联合党支部", kind: group.length === 1 ? "standalone" : "joint",
      companyIds: group.map(c => companies[c].company.id), plannedOn: "2022-01-10",
    });
    await change(branch, "/status-changes", { step: "startForming", on: "2022-06-01" });
  }

  // 38 instructors, each assigned to a company (three or four per company), each visiting it at least twice in every
  // month of the period (每月至少深入企业2次), on days of their own.
  progress.begin(stage++);
  const TOPICS = [["党建指导", "组织生活"], ["政策宣讲", "党员教育"], ["协调邻里纠纷"], ["物业服务质量", "业主诉求回访"], ["发展党员", "党组织组建"]];
  await parallel(Array.from({ length: 38 }, (_, i) => i), async i => {
    const instructor = await create(`instructor:${i}`, "/api/organization/instructors", {
      name: personName(PEOPLE.instructor + i), source: i % 2 === 0 ? "dispatchedByIndustry" : "selectedByCommunity", appointedOn: "2022-03-01",
    });
    const company = companies[i % 12].company;
    await change(instructor, "/assignments", { companyId: company.id, from: "2022-03-01" });
    for (const month of MONTHS) {
      for (const d of [3 + (i % 9), 16 + (i % 11)]) {
        await change(instructor, "/visits", { companyId: company.id, on: day(month, d), topics: TOPICS[(i + d) % TOPICS.length], disputesCoordinated: d % 7 === 0 ? 1 : 0 });
      }
    }
  });

  progress.begin(stage++);
  for (let i = 0; i < 8; i++) {
    await create(`zone:${i}`, "/api/organization/responsibility-zones", { estateId: companies[i].estate.id, buildings: ["1号楼", "2号楼"], memberIds: [firstMember(i).member.id], designatedOn: "2022-06-15" });
  }
  for (let i = 0; i < 12; i++) {
    await create(`post:${i}`, "/api/organization/pioneer-posts", { post: "物业服务先锋岗", memberId: firstMember(i).member.id, estateId: companies[i].estate.id, designatedOn: "2022-06-15" });
  }

  // 103 more estates, where the improvement projects were done.
  progress.begin(stage++);
  const projectEstates = await parallel(Array.from({ length: 103 }, (_, i) => i), i =>
    create(`project-estate:${i}`, "/api/organization/estates", { name: `${communityNames[i % 4].slice(0, -2)}${i + 1}号院`, communityId: communities[communityNames[i % 4]].id, households: i < 101 ? 102 : 101 }));

  // A big party committee per community; the 29 heads serve on their estate's community's, under their own names.
  progress.begin(stage++);
  // Still sitting today (so today's figures are the report's): the term runs to the middle of next year.
  const termTo = `${new Date().getUTCFullYear() + 1}-06-30`;
  const committees = {};
  for (const name of communityNames) {
    committees[name] = await create(`committee:${name}`, "/api/consultation/committees", { communityId: communities[name].id, name: `${name}大党委`, termFrom: "2021-07-01", termTo }, KNOWN);
  }
  for (const head of members.filter(m => m.head)) {
    const community = companies[head.company].community;
    await change(committees[community], "/members", { name: head.name, position: "member", from: "2022-03-01", partyMemberId: head.member.id }, [400, 409]);
  }

  // A joint meeting per community in June with its residents' committee, owners' committee and company: an
  // agenda of two items, who came, a decision on each, an action for the company and its progress.
  progress.begin(stage++);
  await parallel(communityNames, async (name, n) => {
    const community = communities[name].id;
    const residents = await create(`party:residents:${name}`, "/api/consultation/parties", { kind: "residentsCommittee", name: `${name}居委会`, communityId: community }, KNOWN);
    const owners = await create(`party:owners:${name}`, "/api/consultation/parties", { kind: "ownersCommittee", name: `${name}业主委员会`, communityId: community }, KNOWN);
    const company = companies.find(c => c.community === name);
    const firm = await create(`party:company:${name}`, "/api/consultation/parties", { kind: "propertyCompany", name: COMPANIES[companies.indexOf(company)].slice(6), communityId: community, companyId: company.company.id }, KNOWN);
    const on = `2022-06-${String(10 + n).padStart(2, "0")}`;
    const meeting = await create(`meeting:${name}`, "/api/consultation/meetings", {
      communityId: community, title: "2022年6月“红色物业”党建联席会议", at: `${on}T09:30:00+08:00`, place: `${name}党群服务中心`, convener: `${name}党委书记 ${personName(PEOPLE.resident + 900 + n)}`,
    }, KNOWN);
    await change(meeting, "/invitations", { partyIds: [residents.id, owners.id, firm.id] });
    const agenda = [];
    for (const [title, proposer, description] of [
      ["楼道堆物和小广告集中清理", `${name}居委会`, "楼道杂物堵塞消防通道，小广告反复张贴，业主多次反映"],
      ["小区停车秩序整治", `${name}业主委员会`, "夜间车辆占用消防通道，车位不足"],
    ]) {
      await change(meeting, "/agenda", { title, proposer, description });
      agenda.push((await get(meeting.path)).agenda.find(item => item.title === title).id);
    }
    await change(meeting, "/attendance", { partyId: residents.id, present: true, representative: `居委会主任 ${personName(PEOPLE.resident + 910 + n)}` });
    await change(meeting, "/attendance", { partyId: owners.id, present: true, representative: `业委会主任 ${personName(PEOPLE.resident + 920 + n)}` });
    await change(meeting, "/attendance", { partyId: firm.id, present: true, representative: `项目经理 ${companyMembers(companies.indexOf(company))[3].name}` });
    await change(meeting, "/held", {
      heldOn: on, minutes: "会议听取了居委会、业委会和物业服务企业的意见，议定楼道清理由物业牵头、志愿服务队配合，停车整治由物业提出方案报业委会审议。", visibility: "public",
    });
    await change(meeting, `/agenda/${agenda[0]}/decision`, { outcome: "adopted", reasoning: "三方一致同意，6月底前完成集中清理", consensus: true });
    await change(meeting, `/agenda/${agenda[1]}/decision`, { outcome: "adopted", reasoning: "同意先划定临时停车区，7月底前报方案", votesFor: 3, votesAgainst: 0, abstentions: 0 });
    for (const [i, [title, dueOn]] of [["组织楼道集中清理", "2022-06-30"], ["提交停车秩序整治方案", "2022-07-31"]].entries()) {
      const action = await create(`action:${name}:${i}`, `/api/consultation/meetings/${meeting.id}/agenda/${agenda[i]}/actions`, { ownerPartyId: firm.id, title, dueOn });
      const done = await send("POST", `/api/consultation/actions/${action.id}/progress`, { progress: i === 0 ? 100 : 60, note: i === 0 ? "已完成清理" : "方案初稿已提交业委会", on: i === 0 ? "2022-06-28" : "2022-07-20" }, { "If-Match": `"${action.version}"` });
      if (!done.ok && done.status !== 412 && done.status !== 409) fail(`POST /api/consultation/actions/${action.id}/progress`, done);
      progress.tick();
    }
  }, 4);

  // Owners' complaints as they reached the district: ≈150 work orders of the 12345 hotline over 2022Q2, imported from
  // the hotline's export (the same path as a hotline's own upload), then handled: found valid and passed to the
  // company, or ruled invalid or a duplicate. Their rate per 100 households puts two companies on the black list.
  progress.begin(stage++);
  const imported = await send("POST", "/api/evaluation/complaints/imports", hotlineExport(calls), { "Content-Type": "text/csv; charset=utf-8" });
  if (!imported.ok) fail("POST /api/evaluation/complaints/imports", imported);
  const report = imported.json;
  if (report.rejected.length) throw new Error(`The hotline export had rejected rows: ${JSON.stringify(report.rejected.slice(0, 5))}`);
  progress.tick();
  const ids = new Map([...report.filed, ...report.alreadyFiled].map(r => [r.workOrder, r.complaintId]));
  // Each step from the status before it: the import answers with ids, not versions (the first step reads it); the
  // overdue check marks 2022's complaints while this runs (a new version); and a rerun takes no step twice.
  await parallel(calls, async call => {
    const complaint = new Resource(`/api/evaluation/complaints/${ids.get(call.workOrder)}`, ids.get(call.workOrder), 0);
    if (call.ruling === "valid") {
      await step(complaint, "/acceptance", { note: "经核实属实" }, ["filed"]);
      await step(complaint, "/assignment", {}, ["accepted"]);
      if (call.settled) {
        await step(complaint, "/resolution", { note: call.resolution }, ["assigned"]);
        await step(complaint, "/closure", { note: "已回访，业主认可" }, ["resolved"]);
      }
    } else if (call.ruling === "invalid") {
      await step(complaint, "/ruling", { ruling: "invalid", reason: "不属物业服务范围（供热、供水企业职责）" }, ["filed"]);
    } else {
      await step(complaint, "/ruling", { ruling: "duplicate", reason: "同一诉求重复来电", duplicateOf: ids.get(call.duplicateOf) }, ["filed"]);
    }
  });

  // Spot inspections in May: red 98; the company with the serious finding (fire lanes blocked) 62; the two listed for
  // complaints 92, their service on the day found sound; the rest 85.
  progress.begin(stage++);
  const checklist = (await get("/api/evaluation/inspections/checklist")).categories.flatMap(c => c.items);
  await parallel(companies, (company, c) => {
    const deduction = RED.includes(c) ? 2 : c === SERIOUS ? 38 : BLACK.includes(c) ? 8 : 15;
    return create(`inspection:${c}`, "/api/evaluation/inspections", { estateId: company.estate.id, on: "2022-05-10", findings: findings(checklist, deduction, c === SERIOUS, ["https://img.maiji.gov.cn/inspection/2022-05-10.jpg"]) }, KNOWN);
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

  // Four "Red Property" volunteer teams, one per community: a grid worker leads five volunteers (owners' committee
  // members and party members living there).
  progress.begin(stage++);
  const teams = await parallel(communityNames, async (name, n) => {
    const volunteer = (k, source) => create(`volunteer:${name}:${k}`, "/api/volunteering/volunteers", {
      source, name: personName(PEOPLE.volunteer + n * 10 + k), communityId: communities[name].id, idNumber: nationalId(9000 + n * 10 + k),
      consent: true, consentedOn: "2022-02-20", phone: `1389380${String(1000 + n * 10 + k)}`,
    }, KNOWN);
    const leader = await volunteer(0, "gridWorker");
    const team = await create(`team:${name}`, "/api/volunteering/teams", { communityId: communities[name].id, name: `${name}红色物业志愿服务队`, leaderId: leader.id, formedOn: "2022-03-01" }, KNOWN);
    const crew = [];
    for (let k = 1; k <= 5; k++) {
      const member = await volunteer(k, k % 2 ? "ownersCommittee" : "gridWorker");
      await change(team, "/members", { volunteerId: member.id, on: "2022-03-01" }, [400, 409]);
      crew.push(member);
    }
    return { leader, crew, team, name };
  }, 4);

  // 21 activities in May: clearing stairwell adverts and clutter; the leader and three of the team, two hours on site.
  progress.begin(stage++);
  await parallel(Array.from({ length: 21 }, (_, i) => i), async i => {
    const { leader, crew, team, name } = teams[i % 4];
    const estate = companies.find(c => c.community === name).estate;
    const type = i % 2 === 0 ? "stairwellAdverts" : "clutterClearing";
    const on = `2022-05-${String(7 + (i % 3) * 7).padStart(2, "0")}`;
    const activity = await create(`activity:${i}`, "/api/volunteering/activities", {
      type, title: type === "stairwellAdverts" ? "清理楼道小广告" : "清理楼栋杂物", estateId: estate.id, teamId: team.id,
      startsAt: `${on}T08:30:00+08:00`, endsAt: `${on}T11:30:00+08:00`, capacity: 20,
    }, KNOWN);
    // Recorded afterwards from the team's sign-up sheet: each step carries the time it happened.
    for (const volunteer of [leader, ...[0, 1, 2].map(k => crew[(i + k) % crew.length])]) {
      await change(activity, "/sign-ups", { volunteerId: volunteer.id, at: `${on}T08:00:00+08:00` });
      await change(activity, "/check-ins", { volunteerId: volunteer.id, at: `${on}T08:30:00+08:00` });
      await change(activity, "/check-outs", { volunteerId: volunteer.id, at: `${on}T10:30:00+08:00` });
    }
    await change(activity, "/held", { heldOn: on, outcomes: { [type === "stairwellAdverts" ? "advertsRemoved" : "clutterLoads"]: 12 + (i % 5) * 3 } });
  }, 4);

  // 15 neighbour disputes mediated by two of the team: 13 resolved (agreed, and the agreement kept at the return
  // visit), as the report counts them, and 2 that ended without agreement.
  progress.begin(stage++);
  const SUMMARIES_OF_DISPUTES = ["楼上楼下噪音纠纷", "楼上卫生间漏水殃及楼下", "楼道堆放杂物引发邻里矛盾", "占用车位纠纷", "宠物扰民纠纷"];
  await parallel(Array.from({ length: 15 }, (_, i) => i), async i => {
    const { leader, crew, name } = teams[i % 4];
    const dispute = await create(`dispute:${i}`, "/api/volunteering/disputes", {
      communityId: communities[name].id, parties: [personName(PEOPLE.resident + 2 * i), personName(PEOPLE.resident + 2 * i + 1)],
      summary: SUMMARIES_OF_DISPUTES[i % SUMMARIES_OF_DISPUTES.length], source: "walkIn", registeredOn: "2022-06-01",
    }, KNOWN);
    await change(dispute, "/triage", { accept: true });
    await change(dispute, "/mediators", { volunteerIds: [leader.id, crew[i % crew.length].id] });
    await change(dispute, "/sessions", { on: "2022-06-06", hours: 1.5 });
    if (i < 13) {
      await change(dispute, "/agreement", { terms: "双方各让一步，按约定时间整改并互不打扰", performBy: "2022-06-20", on: "2022-06-06" });
      await change(dispute, "/return-visit", { on: "2022-06-21", performed: true });
      await change(dispute, "/closure", { outcome: "agreed", on: "2022-06-21" });
    } else {
      await change(dispute, "/closure", { outcome: "notAgreed", on: "2022-06-06" });
      progress.tick(); progress.tick();
    }
  }, 4);
  progress.end();
}

const households = c => 480 + c * 10;
const estateName = c => `${COMPANIES[c].slice(6, -8)}家园`;

// Complaints per company over the quarter, as the hotline took them: red ones well under 1 valid per 100 households,
// the serious-finding company a few, companies 6 and 7 over 4 per 100 (black by complaint rate), the rest under 2.
const VALID = [4, 4, 4, 4, 4, 8, 22, 22, 10, 10, 10, 10];

/** The quarter's work orders, the same every run: which company's estate, when, what, and how each was handled. */
function hotlineCalls() {
  const calls = [];
  let serial = 0;
  const receivedAt = n => {
    const start = Date.UTC(2022, 3, 1, 0, 30) - 8 * 3600_000; // 1 April 2022, 00:30 in Tianshui
    const at = new Date(start + ((n * 7_919_000) % (90 * 86400_000)) + 8 * 3600_000); // spread over the 91 days, shown in UTC+8
    return at.toISOString().replace("T", " ").slice(0, 19);
  };
  const call = (company, ruling, extra = {}) => {
    const n = serial++;
    const [category, text, resolution] = HOTLINE_CALLS[(n * 5 + company) % HOTLINE_CALLS.length];
    const at = receivedAt(n);
    return {
      company, ruling, category, resolution, at,
      workOrder: `${at.slice(0, 10).replaceAll("-", "")}${String(10000 + n).slice(1)}`,
      description: `${estateName(company)}${text.startsWith("号楼") ? `${1 + (n % 12)}${text}` : text}`,
      caller: personName(PEOPLE.caller + n), phone: `1389381${String(1000 + n).slice(-4)}`,
      channel: n % 10 === 0 ? "12345微信小程序" : n % 10 === 5 ? "来访" : "12345热线",
      settled: n % 8 !== 0, // most are resolved and closed after the return call; some still with the company
      ...extra,
    };
  };
  VALID.forEach((count, company) => { for (let i = 0; i < count; i++) calls.push(call(company, "valid")); });
  // 30 not the company's business (heating, water supply) and 8 the same caller again about the same thing.
  for (let i = 0; i < 30; i++) calls.push(call(2 + (i % 10), "invalid"));
  for (let i = 0; i < 8; i++) {
    const original = calls.filter(c => c.company === 6 + (i % 2) && c.ruling === "valid")[i];
    calls.push({ ...call(original.company, "duplicate"), duplicateOf: original.workOrder, category: original.category, description: original.description });
  }
  return calls;
}

/** The hotline's export as it comes: CSV with its Chinese headers, UTF-8. */
function hotlineExport(calls) {
  const rows = [["工单编号", "受理时间", "来源渠道", "诉求分类", "诉求内容", "小区", "事发地址", "联系人", "联系电话"]];
  for (const c of calls) {
    rows.push([c.workOrder, c.at, c.channel, `城乡建设/物业管理/${c.category}`, c.description, estateName(c.company), `甘肃省天水市麦积区${estateName(c.company)}`, c.caller, c.phone]);
  }
  return csv(rows);
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
  // The services' day counts follow their writes by a moment (each store's async daemon).
  let disagreements = [];
  await waitFor("every service's summary to agree with the overview", async () => {
    disagreements = [];
    for (const [service, keys] of Object.entries(SUMMARIES)) {
      const summary = await get(`/api/${service}/summary`);
      for (const key of keys) if (summary[key] !== figures[key]) disagreements.push(`${service} ${key} ${summary[key]} ≠ overview ${figures[key]}`);
    }
    return disagreements.length === 0;
  }, 30).catch(error => { throw new Error(`${error.message} ${disagreements.join("; ")}`); });

  // What the report says beyond its figures: owners' complaints decide part of the lists, and every instructor
  // visited their company at least twice in every month.
  const period = await get("/api/evaluation/periods/2022Q2");
  const black = period.scores.filter(s => s.placement?.list === "black");
  const byComplaints = black.filter(s => s.placement.rule === "complaintRate");
  if (byComplaints.length === 0) throw new Error(`No company is on the black list for its owners' complaints: ${black.map(s => s.placement.rule).join(", ")}`);
  for (const month of MONTHS) {
    const compliance = await get(`/api/organization/instructors/compliance?month=${month}`);
    const short = compliance.rows.filter(r => r.belowMinimum);
    if (compliance.rows.length < 38 || short.length) throw new Error(`${month}: ${short.length} of ${compliance.rows.length} instructors' visits below the minimum`);
  }
  console.log(Object.entries(REPORT).map(([k, v]) => `${k.padEnd(26)} ${String(figures[k]).padStart(6)}  (report ${v})`).join("\n"));
  console.log(`Black list: ${black.map(s => `${s.companyName} (${s.placement.rule}: ${s.validComplaints} valid complaints, ${s.complaintRate} per 100 households, score ${s.total})`).join("; ")}.`);
  console.log(`Every instructor visited their company at least twice in each of ${MONTHS.join(", ")}.`);
  console.log(`The seed's district is loaded: /api/overview/figures equals the report's table (log position ${figures.position}), and every service's summary agrees.`);
}

await signIn();
if (!process.argv.includes("--reload") && await alreadyLoaded()) {
  console.error("The seed's district is already loaded; checking the figures only.");
} else {
  await load();
}
await check();
