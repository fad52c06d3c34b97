// Valid codes and shapes for generated data, shared by the benchmark, the demo and the city-year generator.

const alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/** GB 32100-2015 unified social credit code of a company registered in Maiji District (620503), one per serial. */
export function creditCode(serial) {
  const digits = [];
  for (let i = 0, n = serial; i < 9; i++, n = Math.floor(n / 31)) digits.unshift(alphabet[n % 31]);
  const body = "91620503" + digits.join("");
  let sum = 0, weight = 1;
  for (const c of body) { sum += alphabet.indexOf(c) * weight; weight = weight * 3 % 31; }
  return body + alphabet[(31 - (sum % 31)) % 31];
}

/**
 * GB 11643-1999 resident ID number for generated people: born in Maiji District (620503) on a day that differs per
 * serial (1965 onwards, unique below 12,000), with the order code 99x, which this project keeps for test data
 * (docs/domain.md), and a valid check character. Never a real person's number by intent; never use real ones.
 */
export function nationalId(serial) {
  const birth = new Date(Date.UTC(1965, 0, 1) + (serial % 12000) * 86400000).toISOString().slice(0, 10).replaceAll("-", "");
  const body = `620503${birth}99${serial % 10}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * (2 ** (17 - i) % 11);
  return body + "10X98765432"[sum % 11];
}

const SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文";
const GIVEN = "建国秀英红梅志强海燕文华永军明丽静敏玉兰桂芳娟霞伟刚勇毅俊峰磊鹏涛斌超亮平辉鑫宇浩然欣怡涵思雨佳琪晨阳嘉雅婷立新春生福荣德胜利民学军彦宏博";

/**
 * A Chinese name for a generated person: a common surname and a one- or two-character given name, different for
 * every serial below 100,000 (the serial is spread over all combinations, so neighbours do not look alike).
 */
export function personName(serial) {
  const combinations = SURNAMES.length * GIVEN.length * (GIVEN.length + 1);
  const n = (serial * 7919 + 104729) % combinations;
  const surname = SURNAMES[n % SURNAMES.length];
  const first = GIVEN[Math.floor(n / SURNAMES.length) % GIVEN.length];
  const second = Math.floor(n / (SURNAMES.length * GIVEN.length)) % (GIVEN.length + 1);
  return surname + first + (second === GIVEN.length ? "" : GIVEN[second]);
}

/** What owners call the 12345 hotline about: its category (under 城乡建设/物业管理), what they say, how it was fixed. */
export const HOTLINE_CALLS = [
  ["环境卫生", "号楼楼道垃圾堆积多日无人清运", "已安排保洁清运并增加清扫频次"],
  ["设施设备维修", "号楼电梯经常停运，报修后迟迟无人处理", "已联系维保单位更换配件，电梯恢复运行"],
  ["楼道杂物与小广告", "号楼楼道小广告贴满墙面，杂物堵塞通道", "已组织清理并张贴文明提示"],
  ["秩序维护与安全", "小区门岗无人值守，外来车辆随意进出", "已恢复门岗24小时值守"],
  ["停车管理", "地下车库消防通道被车辆占用", "已施划禁停标线并劝离占道车辆"],
  ["绿化养护", "小区绿化带杂草丛生无人修剪", "已安排绿化修剪"],
  ["收费问题", "物业费收费标准未在小区公示", "已在小区公告栏公示收费标准"],
  ["设施设备维修", "号楼单元门禁损坏多日未修", "已更换门禁读卡器"],
];

/** Spot-inspection findings that take <deduction> points off, item by item down the checklist; the last one serious when asked. */
export function findings(checklist, deduction, serious, evidence = []) {
  const list = [];
  for (const item of checklist) {
    if (deduction <= 0) break;
    const taken = Math.min(deduction, item.points);
    list.push({ item: item.code, deduction: taken, note: `${item.description}：不到位`, evidence, serious: false });
    deduction -= taken;
  }
  if (serious) list[list.length - 1].serious = true;
  return list;
}

/** Rows as the hotline exports them: CSV, CRLF, a field quoted when it holds a quote, comma or newline. */
export function csv(rows) {
  const quote = v => /[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
  return rows.map(r => r.map(quote).join(",")).join("\r\n") + "\r\n";
}
