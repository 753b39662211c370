// Synthetic data generator — schools and people: Dalian's ten districts,
// invented names (random combinations of common characters, not real
// persons), school sizes and roles, and each teacher's facts drawn from the
// seeded PRNG.

import type {
  Condition,
  Location,
  PostCategory,
  Role,
  School,
  Sex,
  Teacher,
  Tier,
  Title,
} from "../../src/data/model.js";
import { addMonths, formatDate, period, type Day } from "../../src/time/date.js";
import { retirementDate } from "../../src/time/retirement.js";
import { trackOf } from "../hand-written.js";
import type { Rng } from "./random.js";
import type { GenHistory, GenSchool, GenTeacher } from "./types.js";

// Dalian's ten districts (区市县), with a rough mix of school locations.

interface DistrictSpec {
  readonly name: string;
  readonly weight: number;
  readonly locations: readonly (readonly [Location, number])[];
  readonly towns: readonly string[];
}

export const DISTRICTS: readonly DistrictSpec[] = [
  {
    name: "中山区",
    weight: 6,
    locations: [["urban", 1]],
    towns: ["桃源", "青泥洼", "人民路", "葵英", "海军广场", "老虎滩"],
  },
  { name: "西岗区", weight: 5, locations: [["urban", 1]], towns: ["白云", "八一路", "人民广场", "香炉礁", "日新"] },
  { name: "沙河口区", weight: 7, locations: [["urban", 1]], towns: ["星海", "马栏", "黑石礁", "李家", "春柳", "兴工"] },
  {
    name: "甘井子区",
    weight: 12,
    locations: [
      ["urban", 0.7],
      ["town", 0.3],
    ],
    towns: ["周水子", "泉水", "红旗", "营城子", "大连湾", "辛寨子", "革镇堡"],
  },
  {
    name: "旅顺口区",
    weight: 5,
    locations: [
      ["urban", 0.4],
      ["town", 0.35],
      ["rural", 0.25],
    ],
    towns: ["水师营", "三涧堡", "龙王塘", "铁山", "双岛湾", "北海"],
  },
  {
    name: "金州区",
    weight: 12,
    locations: [
      ["urban", 0.45],
      ["town", 0.3],
      ["rural", 0.25],
    ],
    towns: ["友谊", "石河", "杏树屯", "华家", "向应", "登沙河", "大魏家"],
  },
  {
    name: "普兰店区",
    weight: 9,
    locations: [
      ["town", 0.35],
      ["rural", 0.45],
      ["remote", 0.2],
    ],
    towns: ["皮口", "城子坦", "安波", "星台", "墨盘", "乐甲", "同益"],
  },
  {
    name: "瓦房店市",
    weight: 12,
    locations: [
      ["town", 0.3],
      ["rural", 0.5],
      ["remote", 0.2],
    ],
    towns: ["复州城", "李官", "许屯", "谢屯", "老虎屯", "得利寺", "驼山"],
  },
  {
    name: "庄河市",
    weight: 11,
    locations: [
      ["town", 0.3],
      ["rural", 0.45],
      ["remote", 0.25],
    ],
    towns: ["青堆", "花园口", "黑岛", "大郑", "仙人洞", "光明山", "石城"],
  },
  {
    name: "长海县",
    weight: 3,
    locations: [["island", 1]],
    towns: ["大长山岛", "小长山岛", "广鹿岛", "獐子岛", "海洋岛"],
  },
];

const SURNAMES =
  "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段".split(
    "",
  );
const GIVEN =
  "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉晶鑫宇浩然欣怡子涵雨婷佳琪晓东海波春梅丹凤琳雪飞鹏志红梓轩博文思远慧颖晨阳俊宏立新亚楠玲宁诗雅嘉瑞".split(
    "",
  );

const BACKBONE_HONORS: readonly (readonly [string, number])[] = [
  ["区级骨干教师", 0.42],
  ["市级骨干教师", 0.25],
  ["学科带头人", 0.15],
  ["名师", 0.1],
  ["特级教师", 0.04],
];
const OTHER_HONORS = ["优秀教师", "优秀班主任", "师德标兵", "教学能手"];
/** As in plan.policy DL-DEF (大连骨干荣誉); only the ones this generator writes matter. */
export const BACKBONE_SET: ReadonlySet<string> = new Set([
  "特级教师",
  "正高级教师",
  "名师",
  "市级名师",
  "区级名师",
  "学科带头人",
  "市级学科带头人",
  "区级学科带头人",
  "骨干教师",
  "市级骨干教师",
  "区级骨干教师",
  "省级骨干教师",
]);

const LOCATION_SIZE: Record<Location, number> = { urban: 1.25, town: 1.0, rural: 0.7, remote: 0.5, island: 0.55 };
const URBANNESS: Record<Location, number> = { urban: 4, town: 3, rural: 2, remote: 1, island: 1 };
const CN_DIGITS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

function cnNumber(n: number): string {
  if (n < 10) return CN_DIGITS[n]!;
  if (n < 20) return "十" + (n % 10 ? CN_DIGITS[n % 10] : "");
  if (n < 100) return CN_DIGITS[Math.floor(n / 10)]! + "十" + (n % 10 ? CN_DIGITS[n % 10] : "");
  return String(n);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

/** Largest-remainder split of `total` by `weights`, each part at least `min` when possible. */
function apportion(total: number, weights: readonly number[], min = 0): number[] {
  const n = weights.length;
  const base = total >= min * n ? min : 0;
  const rest = total - base * n;
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (rest * w) / sum);
  const out = exact.map((x) => base + Math.floor(x));
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % n, left--) out[order[k]![1]]!++;
  return out;
}

const POST_MIX: Partial<Record<string, readonly [PostCategory, number, PostCategory]>> = {
  principal: ["management", 0.5, "professional"],
  vice_principal: ["management", 0.4, "professional"],
  school_leader: ["management", 0.7, "professional"],
  middle_manager: ["management", 0.15, "professional"],
  support_staff: ["worker", 0.6, "professional"],
};

export function toModelSchool(s: GenSchool): School {
  return {
    id: s.id,
    name: s.name,
    district: s.district,
    location: s.location,
    tier: s.tier,
    legal_entity: s.legal_entity,
    group: s.group,
    group_role: s.group_role,
    rotation_feasible: s.rotation_feasible,
    staffing: undefined,
  };
}

export function makeSchools(rng: Rng, specs: readonly DistrictSpec[], n: number) {
  const counts = apportion(
    n,
    specs.map((d) => d.weight),
    4,
  );
  const schools: GenSchool[] = [];
  const district = new Int32Array(n);
  const districtSchools: number[][] = specs.map(() => []);
  const idWidth = Math.max(3, String(n).length);
  let entity = 0;
  let group = 0;
  const entityWidth = Math.max(3, String(Math.ceil(n / 10)).length);
  specs.forEach((spec, di) => {
    const c = counts[di]!;
    if (c === 0) return;
    const locCounts = apportion(
      c,
      spec.locations.map(([, w]) => w),
    );
    const locs: Location[] = [];
    spec.locations.forEach(([loc], k) => {
      for (let j = 0; j < locCounts[k]!; j++) locs.push(loc);
    });
    rng.shuffle(locs);
    // Tiers: ≈25% quality, ≈25% weak, capped at 30% each (DL-R2), at least one quality school.
    const nq = Math.max(1, Math.min(Math.round(c * 0.25), Math.floor(c * 0.3)));
    const nw = Math.min(Math.round(c * 0.25), Math.floor(c * 0.3), c - nq);
    const order = locs
      .map((loc, k) => ({ k, score: URBANNESS[loc] + rng.next() * 2.5 }))
      .sort((a, b) => b.score - a.score);
    const tiers: Tier[] = new Array(c).fill("general");
    for (let j = 0; j < nq; j++) tiers[order[j]!.k] = "quality";
    for (let j = 0; j < nw; j++) tiers[order[c - 1 - j]!.k] = "weak";
    const names = new Set<string>();
    const first = schools.length;
    for (let k = 0; k < c; k++) {
      const loc = locs[k]!;
      const stage = rng.weighted<string>([
        ["小学", 0.6],
        ["初级中学", 0.25],
        ["九年一贯制学校", 0.15],
      ]);
      let name: string;
      if (loc === "urban")
        name = `大连市${spec.name}第${cnNumber(rng.int(1, 60))}${stage === "小学" ? "小学" : stage === "初级中学" ? "中学" : "学校"}`;
      else if (loc === "island") name = `${spec.name}${rng.pick(spec.towns)}${stage === "小学" ? "中心小学" : stage}`;
      else name = `${spec.name}${rng.pick(spec.towns)}${loc === "town" ? "镇" : "村"}${stage}`;
      for (let j = 2; names.has(name); j++) name = name.replace(/(（\d+）)?$/, `（${j}）`);
      names.add(name);
      // Some remote and island schools have no conditions for rotation (DL-T1 除外); never a quality school.
      const feasible = tiers[k] === "quality" || !(loc === "remote" || loc === "island") || !rng.chance(0.35);
      const s: GenSchool = {
        id: `S${pad(schools.length + 1, idWidth)}`,
        name,
        district: spec.name,
        location: loc,
        tier: tiers[k]!,
        rotation_feasible: feasible,
      };
      district[schools.length] = di;
      districtSchools[di]!.push(schools.length);
      schools.push(s);
    }
    // Legal entities: ≈ 10% of schools are one of two campuses of the same school (same tier, same district).
    const ids = Array.from({ length: c }, (_, k) => first + k);
    for (const tier of ["quality", "general", "weak"] as const) {
      const same = ids.filter((s) => schools[s]!.tier === tier);
      for (let k = 0; k + 1 < same.length; k += 2) {
        if (!rng.chance(0.12)) continue;
        const e = `E${pad(++entity, entityWidth)}`;
        schools[same[k]!]!.legal_entity = e;
        schools[same[k + 1]!]!.legal_entity = e;
      }
    }
    // Education groups: about one per eight schools, a quality main school and 1–3 branches.
    const quality = ids.filter((s) => schools[s]!.tier === "quality" && !schools[s]!.group);
    const others = rng.shuffle(ids.filter((s) => schools[s]!.tier !== "quality" && schools[s]!.rotation_feasible));
    const nGroups = Math.min(quality.length, Math.max(c >= 6 ? 1 : 0, Math.round(c / 8)));
    for (let g = 0; g < nGroups && others.length > 0; g++) {
      const gid = `G${pad(++group, entityWidth)}`;
      const main = schools[quality[g]!]!;
      main.group = gid;
      main.group_role = "main";
      const nb = Math.min(others.length, rng.int(1, 3));
      for (let j = 0; j < nb; j++) {
        const b = schools[others.pop()!]!;
        b.group = gid;
        b.group_role = "branch";
      }
    }
  });
  return { schools, district, districtSchools };
}

export function schoolSizes(rng: Rng, schools: readonly GenSchool[], total: number): number[] {
  const weights = schools.map((s) => LOCATION_SIZE[s.location] * (0.7 + rng.next() * 0.6));
  const min = Math.min(15, Math.floor(total / schools.length));
  return apportion(total, weights, min);
}

export function rolesFor(rng: Rng, size: number): Role[] {
  const roles: Role[] = [];
  if (size >= 1) roles.push("principal");
  const vices = size >= 40 ? 2 : size >= 4 ? 1 : 0;
  for (let j = 0; j < vices; j++) roles.push("vice_principal");
  if (size >= 30 && rng.chance(0.4)) roles.push("school_leader");
  while (roles.length < size) {
    const r = rng.next();
    roles.push(r < 0.08 ? "middle_manager" : r < 0.11 ? "support_staff" : "teacher");
  }
  return roles;
}

interface Made {
  raw: GenTeacher;
  model: Teacher;
  tenureMonths: number;
}

function dateIn(rng: Rng, from: Day, to: Day): Day {
  return from + Math.floor(rng.next() * (to - from + 1));
}

/** A start date `years` whole years before `asOf`: mostly 1 September, sometimes any day of that year. */
function startYearsAgo(rng: Rng, asOf: Day, years: number): Day {
  const exact = addMonths(asOf, -12 * years, "end_of_month");
  if (rng.chance(0.8)) return exact;
  return dateIn(rng, addMonths(asOf, -12 * (years + 1), "end_of_month") + 1, exact);
}

export function makeTeacher(
  rng: Rng,
  asOf: Day,
  i: number,
  idWidth: number,
  role: Role,
  s: number,
  schools: readonly GenSchool[],
  peers: readonly number[],
): Made {
  const school = schools[s]!;
  const leader = role === "principal" || role === "vice_principal" || role === "school_leader";
  const sex: Sex = rng.chance(leader ? 0.5 : 0.3) ? "male" : "female";
  const name = rng.pick(SURNAMES) + rng.pick(GIVEN) + (rng.chance(0.7) ? rng.pick(GIVEN) : "");

  // Each role's post categories: the first with the given chance, else the second.
  const [first, chance, second] = POST_MIX[role] ?? (["professional", 0.995, "worker"] as const);
  const post_category: PostCategory = rng.chance(chance) ? first : second;

  // Age 23–62, below the statutory retirement date of the person's track.
  const [lo, hi] = role === "principal" ? [38, 62] : leader ? [33, 62] : [23, 62];
  let birth = 0;
  let age = 0;
  let title: Title = "second";
  for (let attempt = 0; ; attempt++) {
    age = rng.int(lo, attempt < 20 ? hi : lo + 10);
    birth = dateIn(
      rng,
      addMonths(asOf, -12 * (age + 1), "end_of_month") + 1,
      addMonths(asOf, -12 * age, "end_of_month"),
    );
    title = titleFor(rng, age, leader);
    const tr = trackOf({ sex, post_category, title } as Teacher, asOf);
    if (!tr || retirementDate(tr, birth) > asOf) break;
  }

  // Tenure at this school: ≈ 18% of all staff reach 9 years.
  const maxYears = Math.max(0, age - 22);
  let tenureYears: number;
  let postYears: number | undefined;
  if (leader) {
    const maxPost = Math.max(0, Math.min(age - 28, 16));
    postYears = maxPost >= 9 && rng.chance(0.3) ? rng.int(9, maxPost) : rng.int(0, Math.min(maxPost, 8));
    tenureYears = Math.min(maxYears, postYears + (rng.chance(0.5) ? 0 : rng.int(1, 8)));
  } else {
    const long = maxYears >= 9 && rng.chance(0.22);
    tenureYears = long
      ? 9 + Math.floor(rng.next() * rng.next() * (Math.min(maxYears, 36) - 9 + 1))
      : rng.int(0, Math.min(maxYears, 8));
  }
  const school_since = startYearsAgo(rng, asOf, tenureYears);
  let post_since: Day | undefined;
  if (postYears !== undefined)
    post_since = Math.max(school_since, startYearsAgo(rng, asOf, Math.min(postYears, tenureYears)));
  const tenureMonths = period(school_since, asOf, "end_of_month").months;

  // Honours: backbone share depends on the school's tier.
  const pBackbone =
    (school.tier === "quality" ? 0.27 : school.tier === "general" ? 0.14 : 0.09) +
    (leader ? 0.15 : 0) -
    (age < 28 ? 0.1 : 0);
  const honors: string[] = [];
  if (role !== "support_staff" && rng.chance(pBackbone)) {
    let h = rng.weighted(BACKBONE_HONORS);
    if ((h === "特级教师" || h === "名师") && age < 40) h = "区级骨干教师";
    honors.push(h);
    if (h === "区级骨干教师" && rng.chance(0.15)) honors.push("学科带头人");
  }
  if (rng.chance(0.1)) honors.push(rng.pick(OTHER_HONORS));

  // Conditions.
  const conditions: Condition[] = [];
  let deferred_years: number | undefined;
  if (sex === "female" && age >= 24 && age <= 40) {
    const r = rng.next();
    if (r < 0.025) conditions.push("pregnant");
    else if (r < 0.055) conditions.push("nursing");
    else if (r < 0.065) conditions.push("maternity_leave");
  }
  if (rng.chance(0.006)) conditions.push("serious_illness");
  if (rng.chance(0.003)) conditions.push("long_sick_leave");
  if (!leader && tenureYears >= 5 && rng.chance(school.tier === "quality" ? 0.03 : 0.012)) {
    conditions.push("project_lead");
    deferred_years = rng.int(0, 3);
  }
  if (rng.chance(0.01)) conditions.push("research_project");
  if (rng.chance(0.005)) conditions.push("family_illness");
  if (rng.chance(0.003)) conditions.push("hardship");

  const established = rng.chance(0.97);
  const on_post = !conditions.includes("long_sick_leave") && rng.chance(0.985);
  const full_time = role !== "support_staff" && rng.chance(0.98);
  const volunteer = rng.chance(age > (sex === "male" ? 55 : 50) ? 0.08 : 0.03);

  // History: earlier schools, oldest first, ending before the current one.
  const history: GenHistory[] = [];
  const careerStart = addMonths(birth, 12 * 22, "end_of_month");
  if (school_since - careerStart > 365 && rng.chance(0.5)) {
    const entries: { school: string; from: Day; to: Day }[] = [];
    let end = school_since - 1;
    const n = rng.int(1, 3);
    for (let j = 0; j < n; j++) {
      if (rng.chance(0.3)) end -= rng.int(30, 400); // a gap: study leave, another district …
      const len = rng.int(365, 365 * 8);
      const from = Math.max(careerStart, end - len);
      if (end - from < 180) break;
      let other = rng.pick(peers);
      if (other === s) other = peers[(peers.indexOf(s) + 1) % peers.length]!;
      if (other === s) break;
      entries.push({ school: schools[other]!.id, from, to: end });
      end = from - 1;
    }
    for (const e of entries.reverse())
      history.push({ school: e.school, from: formatDate(e.from), to: formatDate(e.to) });
  }

  const title_since = Math.min(
    asOf,
    dateIn(rng, addMonths(asOf, -12 * Math.max(1, Math.min(10, age - 23)), "end_of_month"), asOf),
  );
  const raw: GenTeacher = {
    id: `T${pad(i + 1, idWidth)}`,
    name,
    sex,
    birth_date: formatDate(birth),
    role,
    post_category,
    established,
    on_post,
    full_time,
    school: school.id,
    school_since: formatDate(school_since),
    ...(post_since !== undefined ? { post_since: formatDate(post_since) } : {}),
    title,
    title_since: formatDate(title_since),
    ...(honors.length ? { honors } : {}),
    ...(conditions.length ? { conditions } : {}),
    ...(deferred_years !== undefined ? { deferred_years } : {}),
    ...(volunteer ? { volunteer } : {}),
    ...(history.length ? { history } : {}),
  };
  const model: Teacher = {
    id: raw.id,
    name,
    sex,
    birth_date: birth,
    role,
    post_category,
    established,
    on_post,
    full_time,
    school: school.id,
    school_since,
    post_since,
    title,
    title_since,
    honors,
    conditions,
    deferred_years: deferred_years ?? 0,
    volunteer,
    history: [],
  };
  return { raw, model, tenureMonths };
}

function titleFor(rng: Rng, age: number, leader: boolean): Title {
  if (leader)
    return age >= 45
      ? rng.weighted<Title>([
          ["first", 0.3],
          ["senior", 0.62],
          ["full_senior", 0.08],
        ])
      : rng.weighted<Title>([
          ["first", 0.6],
          ["senior", 0.4],
        ]);
  if (age < 26) return rng.chance(0.4) ? "third" : "second";
  if (age < 33) return rng.chance(0.7) ? "second" : "first";
  if (age < 43)
    return rng.weighted<Title>([
      ["second", 0.15],
      ["first", 0.65],
      ["senior", 0.2],
    ]);
  return rng.weighted<Title>([
    ["first", 0.45],
    ["senior", 0.51],
    ["full_senior", 0.04],
  ]);
}
