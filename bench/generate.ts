// Synthetic Dalian district data (CONTRACT.md "Input: a dataset"): schools,
// teachers and a draft rotation plan, for the examples and the benchmark.
// Deterministic: everything is drawn from a seeded PRNG (never Math.random),
// so one seed always gives the same file. The people are invented — names
// are random combinations of common characters, not real persons.
//
// The plan is built to comply with policies/dalian/plan.policy (quotas per
// school and district, backbone shares, per-move rules); `violations` then
// plants a few clearly identifiable breaches on top of that compliant plan.
// The data itself (schools, teachers) does not depend on the plan options.
//
//   node dist/bench/generate.js --teachers 1000000 --moves 120000 --out bench/out/big.json
//   node dist/bench/generate.js --schools 40 --teachers 3000 --moves 250 --violations --out x.yaml

import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { pathToFileURL } from "node:url";
import YAML from "yaml";
import type { Condition, Location, PostCategory, Role, School, Sex, Teacher, Tier, Title } from "../src/data/model.js";
import type { FieldDecl, HISTORY, MOVE, RawOf, SCHOOL, TEACHER } from "../src/data/fields.js";
import { addMonths, completedYears, formatDate, parseIsoDate, period, type Day } from "../src/time/date.js";
import { retirementDate } from "../src/time/retirement.js";
import { handDecide, trackOf, type HandDecision } from "./hand-written.js";

// ---------------------------------------------------------------------------
// Output shape: the contract's raw dataset (dates as YYYY-MM-DD strings).

// The raw record types come from the one field declaration (src/data/fields.ts);
// the generator always fills the fields it makes required here.
type Raw<D extends Record<string, FieldDecl>, K extends keyof RawOf<D>, H = never> = RawOf<D, H> &
  Required<Pick<RawOf<D, H>, K>>;

export type GenSchool = Raw<typeof SCHOOL, "name" | "district" | "location" | "tier" | "rotation_feasible">;
export type GenHistory = RawOf<typeof HISTORY>;
export type GenTeacher = Raw<
  typeof TEACHER,
  "name" | "post_category" | "established" | "on_post" | "full_time" | "school_since" | "title" | "title_since",
  GenHistory
>;
export type GenMove = Raw<typeof MOVE, "mode" | "years" | "personnel_transfer">;

export interface GenDataset {
  as_of: string;
  schools: GenSchool[];
  teachers: GenTeacher[];
  plan: { school_year: string; start: string; moves: GenMove[] };
}

/** The breaches `violations` can plant; each names the clause it breaks. */
export type PlantKind =
  | "R3-low-share" // DL-R3: an urban school moving fewer than 15% of its due teachers
  | "R4-no-backbone" // DL-R4: a school whose moves out contain no backbone teacher
  | "R5-reverse-flow" // DL-R5: a district where quality schools send too few backbone teachers to general/weak ones
  | "M1-no-transfer" // DL-M1: an urban→urban move without personnel transfer
  | "M1-2-short-rural" // DL-M1-2 (原则上, a warning): a one-year move to a rural school
  | "M2-short-group"; // DL-M2: a move inside an education group for less than 3 years

export const ALL_PLANTS: readonly PlantKind[] = [
  "R3-low-share",
  "R4-no-backbone",
  "R5-reverse-flow",
  "M1-no-transfer",
  "M1-2-short-rural",
  "M2-short-group",
];

const POST_MIX: Partial<Record<string, readonly [PostCategory, number, PostCategory]>> = {
  principal: ["management", 0.5, "professional"],
  vice_principal: ["management", 0.4, "professional"],
  school_leader: ["management", 0.7, "professional"],
  middle_manager: ["management", 0.15, "professional"],
  support_staff: ["worker", 0.6, "professional"],
};

export interface GenerateOptions {
  readonly seed?: number;
  readonly schools?: number;
  readonly teachers: number;
  /** Share of each school's due teachers the plan moves (default 0.2; the policy needs ≥ 0.15). */
  readonly movesPerDue?: number;
  /** Target total number of moves; overrides movesPerDue (the result is close, not exact). */
  readonly moves?: number;
  /** Plant breaches on the compliant plan: true for all of ALL_PLANTS, or a list. */
  readonly violations?: boolean | readonly PlantKind[];
  /** Restrict to these districts (names from DISTRICTS); default all ten. */
  readonly districts?: readonly string[];
  /** Reference date and plan start, default 2025-09-01 (school year 2025-2026). */
  readonly asOf?: string;
}

export interface Planted {
  readonly kind: PlantKind;
  readonly clause: string;
  readonly subject: string;
  readonly detail: string;
}

export interface GenerateInfo {
  readonly due: number;
  readonly dueLeaders: number;
  readonly deferred: number;
  readonly tenured9: number;
  readonly backbone: number;
  readonly moves: number;
  readonly planted: readonly Planted[];
  /** Anything the plan builder could not make compliant (should be empty). */
  readonly shortfalls: readonly string[];
}

// ---------------------------------------------------------------------------
// PRNG: mulberry32, 32-bit state, good enough for synthetic data.

export class Rng {
  private a: number;
  constructor(seed: number) {
    this.a = seed >>> 0;
  }
  next(): number {
    this.a = (this.a + 0x6d2b79f5) | 0;
    let t = Math.imul(this.a ^ (this.a >>> 15), 1 | this.a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)]!;
  }
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let r = this.next() * total;
    for (const [v, w] of items) {
      r -= w;
      if (r < 0) return v;
    }
    return items[items.length - 1]![0];
  }
  shuffle<T>(xs: T[]): T[] {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const t = xs[i]!;
      xs[i] = xs[j]!;
      xs[j] = t;
    }
    return xs;
  }
}

// ---------------------------------------------------------------------------
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

// ---------------------------------------------------------------------------
// Generation.

const D_NOT = 0;
const D_REQ = 1;
const D_DEF = 2;
const D_IND = 3;
const CODE: Record<HandDecision, number> = {
  not_required: D_NOT,
  required: D_REQ,
  deferred: D_DEF,
  indeterminate: D_IND,
};

interface World {
  readonly rng: Rng;
  readonly asOf: Day;
  readonly schools: GenSchool[];
  readonly model: School[];
  readonly district: Int32Array; // school → district index
  readonly districtSchools: number[][];
  readonly teachers: GenTeacher[];
  /** Teachers of school s are [start[s], start[s+1]). */
  readonly start: Int32Array;
  readonly schoolOf: Int32Array;
  readonly decision: Uint8Array;
  readonly backbone: Uint8Array;
  /** 1 teacher-like (是教师), 2 leader (是校级干部), 0 neither. */
  readonly kind: Uint8Array;
  /** May be moved at all (in scope, no deferring condition, school feasible, age within limits or volunteer). */
  readonly movable: Uint8Array;
}

export function generate(opts: GenerateOptions): GenDataset {
  return generateDetailed(opts).dataset;
}

export function generateDetailed(opts: GenerateOptions): { dataset: GenDataset; info: GenerateInfo } {
  const seed = opts.seed ?? 1;
  const asOfText = opts.asOf ?? "2025-09-01";
  const asOf = parseIsoDate(asOfText);
  if (asOf === undefined) throw new Error(`bad asOf ${asOfText}`);
  const nTeachers = opts.teachers;
  const nSchools = Math.max(1, opts.schools ?? Math.round(nTeachers / 75));
  // Without a choice of districts, a small data set uses the largest ones only, at least 4 schools each
  // (a district needs schools to rotate between, and one quality school among them).
  const specs = opts.districts
    ? DISTRICTS.filter((d) => opts.districts!.includes(d.name))
    : [...DISTRICTS]
        .sort((a, b) => b.weight - a.weight)
        .slice(0, Math.max(1, Math.min(DISTRICTS.length, Math.floor(nSchools / 4))));
  if (specs.length === 0) throw new Error("no known district selected");

  const rng = new Rng(seed);
  const { schools, district, districtSchools } = makeSchools(rng, specs, nSchools);
  const model = schools.map(toModelSchool);
  const sizes = schoolSizes(rng, schools, nTeachers);
  const start = new Int32Array(nSchools + 1);
  for (let s = 0; s < nSchools; s++) start[s + 1] = start[s]! + sizes[s]!;

  const teachers: GenTeacher[] = new Array(nTeachers);
  const schoolOf = new Int32Array(nTeachers);
  const decision = new Uint8Array(nTeachers);
  const backbone = new Uint8Array(nTeachers);
  const kind = new Uint8Array(nTeachers);
  const movable = new Uint8Array(nTeachers);
  const idWidth = Math.max(4, String(nTeachers).length);
  let tenured9 = 0;
  for (let s = 0; s < nSchools; s++) {
    const roles = rolesFor(rng, sizes[s]!);
    for (let k = 0; k < roles.length; k++) {
      const i = start[s]! + k;
      const g = makeTeacher(rng, asOf, i, idWidth, roles[k]!, s, schools, districtSchools[district[s]!]!);
      teachers[i] = g.raw;
      schoolOf[i] = s;
      const d = handDecide(g.model, model[s], asOf);
      decision[i] = CODE[d];
      backbone[i] = g.raw.honors?.some((h) => BACKBONE_SET.has(h)) ? 1 : 0;
      const r = g.raw.role;
      kind[i] =
        r === "teacher" || r === "middle_manager"
          ? 1
          : r === "principal" || r === "vice_principal" || r === "school_leader"
            ? 2
            : 0;
      if (g.tenureMonths >= 108) tenured9++;
      const inScope = g.raw.established && g.raw.on_post && kind[i] !== 0;
      const blocked = g.raw.conditions?.some(
        (c) =>
          c === "pregnant" ||
          c === "maternity_leave" ||
          c === "nursing" ||
          c === "serious_illness" ||
          c === "long_sick_leave" ||
          c === "project_lead",
      );
      const feasible = schools[s]!.rotation_feasible;
      const age = ageOf(g.model.birth_date, asOf);
      // Teachers beyond DL-T1's age limits move only as volunteers (DL-V); leaders have no age limit.
      const ageOk = kind[i] === 2 || g.raw.volunteer === true || age <= (g.raw.sex === "male" ? 55 : 50);
      const retiringSoon = yearsToRetirement(g.model, asOf) < 3;
      // A school without conditions for rotation exempts its teachers (DL-T1), not its leaders (DL-P1).
      movable[i] =
        inScope && !blocked && (feasible || kind[i] === 2) && ageOk && !retiringSoon && d !== "deferred" ? 1 : 0;
    }
  }

  const planRng = new Rng((seed ^ 0x9e3779b9) >>> 0);
  const w: World = {
    rng: planRng,
    asOf,
    schools,
    model,
    district,
    districtSchools,
    teachers,
    start,
    schoolOf,
    decision,
    backbone,
    kind,
    movable,
  };
  const planner = new Planner(w);
  planner.build(opts);
  const planted = opts.violations ? planner.plant(opts.violations === true ? ALL_PLANTS : opts.violations) : [];
  const moves = planner.moves();

  let due = 0;
  let dueLeaders = 0;
  let deferred = 0;
  let bb = 0;
  for (let i = 0; i < nTeachers; i++) {
    if (decision[i] === D_REQ) {
      if (kind[i] === 2) dueLeaders++;
      else due++;
    } else if (decision[i] === D_DEF) deferred++;
    bb += backbone[i]!;
  }
  const dataset: GenDataset = {
    as_of: asOfText,
    schools,
    teachers,
    plan: { school_year: `${toYear(asOf)}-${toYear(asOf) + 1}`, start: asOfText, moves },
  };
  return {
    dataset,
    info: {
      due,
      dueLeaders,
      deferred,
      tenured9,
      backbone: bb,
      moves: moves.length,
      planted,
      shortfalls: planner.shortfalls,
    },
  };
}

function toYear(d: Day): number {
  return Number(formatDate(d).slice(0, 4));
}

function ageOf(birth: Day, asOf: Day): number {
  return completedYears(birth, asOf, "end_of_month");
}

function yearsToRetirement(t: Teacher, asOf: Day): number {
  const tr = trackOf(t, asOf);
  if (!tr) return 99;
  return (retirementDate(tr, t.birth_date) - asOf) / 365.25;
}

function toModelSchool(s: GenSchool): School {
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

function makeSchools(rng: Rng, specs: readonly DistrictSpec[], n: number) {
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

function schoolSizes(rng: Rng, schools: readonly GenSchool[], total: number): number[] {
  const weights = schools.map((s) => LOCATION_SIZE[s.location] * (0.7 + rng.next() * 0.6));
  const min = Math.min(15, Math.floor(total / schools.length));
  return apportion(total, weights, min);
}

function rolesFor(rng: Rng, size: number): Role[] {
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

function makeTeacher(
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

// ---------------------------------------------------------------------------
// The plan.

interface PMove {
  t: number;
  from: number;
  to: number;
  mode: "full_time" | "part_time";
  years: number;
  pt: boolean;
}

const RURAL: ReadonlySet<Location> = new Set(["rural", "remote", "island"]);

class Planner {
  private readonly list: (PMove | undefined)[] = [];
  /** teacher → index in `list`, or −1. */
  private readonly moveOf: Int32Array;
  /** school → indices in `list` of moves out. */
  private readonly out: number[][];
  readonly shortfalls: string[] = [];

  constructor(private readonly w: World) {
    this.moveOf = new Int32Array(w.teachers.length).fill(-1);
    this.out = w.schools.map(() => []);
  }

  moves(): GenMove[] {
    const w = this.w;
    const live = this.list.filter((m): m is PMove => m !== undefined).sort((a, b) => a.from - b.from || a.t - b.t);
    return live.map((m) => ({
      teacher: w.teachers[m.t]!.id,
      from: w.schools[m.from]!.id,
      to: w.schools[m.to]!.id,
      mode: m.mode,
      years: m.years,
      personnel_transfer: m.pt,
    }));
  }

  // -------------------------------------------------------- bookkeeping

  private outMoves(s: number): PMove[] {
    return this.out[s]!.map((k) => this.list[k]).filter((m): m is PMove => m !== undefined);
  }

  private add(t: number, to: number, years?: number): PMove {
    const w = this.w;
    const from = w.schoolOf[t]!;
    const m: PMove = { t, from, to, mode: "full_time", years: 1, pt: true };
    this.setAttributes(m, years);
    this.moveOf[t] = this.list.length;
    this.out[from]!.push(this.list.length);
    this.list.push(m);
    return m;
  }

  private remove(t: number): void {
    const k = this.moveOf[t]!;
    if (k < 0) return;
    this.list[k] = undefined;
    this.moveOf[t] = -1;
  }

  /** Mode, years and personnel transfer, following DL-M1, DL-M1-2 and DL-M2. */
  private setAttributes(m: PMove, years?: number): void {
    const w = this.w;
    const rng = w.rng;
    const a = w.schools[m.from]!;
    const b = w.schools[m.to]!;
    const leader = w.kind[m.t] === 2;
    let y =
      years ??
      (leader
        ? 3
        : rng.weighted<number>([
            [1, 0.25],
            [2, 0.35],
            [3, 0.4],
          ]));
    if (RURAL.has(b.location)) y = Math.max(y, 2);
    if (a.group !== undefined && a.group === b.group) y = Math.max(y, 3);
    m.years = y;
    m.mode = !leader && rng.chance(0.12) ? "part_time" : "full_time";
    m.pt = (a.location === "urban" && b.location === "urban") || leader || rng.chance(0.6);
  }

  /** Moves out of school s: teachers (是教师) moved and how many of them are backbone (DL-R3, DL-R4 count teachers only). */
  private stats(s: number) {
    let bb = 0;
    let teachers = 0;
    for (const m of this.outMoves(s)) {
      if (this.w.kind[m.t] !== 1) continue;
      teachers++;
      bb += this.w.backbone[m.t]!;
    }
    return { out: teachers, bb, teachers };
  }

  private dueTeachers(s: number): number {
    let n = 0;
    for (let i = this.w.start[s]!; i < this.w.start[s + 1]!; i++)
      if (this.w.kind[i] === 1 && this.w.decision[i] === D_REQ) n++;
    return n;
  }

  /** DL-R3's minimum share for school s (0 when the clause does not cover it). */
  private minShare(s: number): number {
    const sc = this.w.schools[s]!;
    if (sc.location === "urban" || sc.location === "town" || sc.tier === "quality") return 0.15;
    if (sc.tier === "general") return 0.1;
    return 0;
  }

  /** A receiving school: same district (rarely another), feasible, not the same school or legal entity. */
  private destination(from: number, wantNonQuality: boolean, wantQuality = false): number | undefined {
    const w = this.w;
    const rng = w.rng;
    const a = w.schools[from]!;
    const ok = (s: number) => {
      const b = w.schools[s]!;
      if (s === from || !b.rotation_feasible) return false;
      if (a.legal_entity !== undefined && a.legal_entity === b.legal_entity) return false;
      if (wantNonQuality && b.tier === "quality") return false;
      if (wantQuality && b.tier !== "quality") return false;
      return true;
    };
    const local = w.districtSchools[w.district[from]!]!;
    // Inside the education group first, now and then.
    if (a.group !== undefined && rng.chance(0.3)) {
      const peers = local.filter((s) => w.schools[s]!.group === a.group && ok(s));
      if (peers.length) return rng.pick(peers);
    }
    const pool = rng.chance(0.03) ? w.districtSchools[rng.int(0, w.districtSchools.length - 1)]! : local;
    for (let attempt = 0; attempt < 30; attempt++) {
      const s = rng.pick(pool.length ? pool : local);
      if (ok(s)) return s;
    }
    const all = local.filter(ok);
    return all.length ? rng.pick(all) : undefined;
  }

  /** Unmoved movable people of school s matching `pred`, shuffled; the due first. */
  private candidates(s: number, pred: (i: number) => boolean): number[] {
    const w = this.w;
    const due: number[] = [];
    const rest: number[] = [];
    for (let i = w.start[s]!; i < w.start[s + 1]!; i++) {
      if (!w.movable[i] || this.moveOf[i]! >= 0 || !pred(i)) continue;
      (w.decision[i] === D_REQ ? due : rest).push(i);
    }
    w.rng.shuffle(due);
    w.rng.shuffle(rest);
    // Among the not-due, volunteers first.
    rest.sort((a, b) => Number(w.teachers[b]!.volunteer === true) - Number(w.teachers[a]!.volunteer === true));
    return [...due, ...rest];
  }

  private moveOne(t: number, wantNonQuality = false): boolean {
    const to = this.destination(this.w.schoolOf[t]!, wantNonQuality);
    if (to === undefined) return false;
    this.add(t, to);
    return true;
  }

  // -------------------------------------------------------- building

  build(opts: GenerateOptions): void {
    const w = this.w;
    const nSchools = w.schools.length;
    let totalDue = 0;
    const due = new Int32Array(nSchools);
    for (let s = 0; s < nSchools; s++) totalDue += due[s] = this.dueTeachers(s);
    const target = opts.moves;
    const rate =
      target !== undefined
        ? Math.min(1, Math.max(0.2, (target * 0.8) / Math.max(1, totalDue)))
        : (opts.movesPerDue ?? 0.2);

    // 1. DL-R1: ≥ 15% of the due leaders of each district (20% here), to another school of the district.
    for (const ds of w.districtSchools) {
      const leaders: number[] = [];
      let dueLeaders = 0;
      for (const s of ds) {
        for (let i = w.start[s]!; i < w.start[s + 1]!; i++) {
          if (w.kind[i] !== 2 || w.decision[i] !== D_REQ) continue;
          dueLeaders++;
          if (w.movable[i]) leaders.push(i);
        }
      }
      w.rng.shuffle(leaders);
      const k = Math.ceil(dueLeaders * Math.max(0.2, Math.min(rate, 0.5)));
      let moved = 0;
      for (let j = 0; j < leaders.length && moved < k; j++) if (this.moveOne(leaders[j]!)) moved++;
      if (moved < dueLeaders * 0.15)
        this.shortfalls.push(`DL-R1 ${w.schools[ds[0]!]!.district}: ${moved}/${dueLeaders}`);
    }

    // 2. DL-R3: each school moves `rate` of its due teachers; quality schools' backbone go to general/weak schools.
    for (let s = 0; s < nSchools; s++) {
      if (!w.schools[s]!.rotation_feasible || due[s] === 0) continue;
      const k = Math.ceil(due[s]! * rate);
      const pool = this.candidates(s, (i) => w.kind[i] === 1 && w.decision[i] === D_REQ);
      for (let j = 0; j < k && j < pool.length; j++)
        this.moveOne(pool[j]!, w.schools[s]!.tier === "quality" && w.backbone[pool[j]!] === 1);
    }

    // 3. DL-R4: backbone ≥ 20% of each school's moves out.
    for (let s = 0; s < nSchools; s++) this.fixBackbone(s);

    // 4. DL-R5: per district, quality → general/weak backbone moves outnumber general/weak backbone moves out.
    for (let d = 0; d < w.districtSchools.length; d++) this.fixReverseFlow(d);

    // 5. Towards the requested total; filling may add general/weak backbone moves, so DL-R5 again,
    //    and a last trim (dropping non-backbone moves keeps DL-R4 and DL-R5).
    if (target !== undefined) {
      this.fillOrTrim(target);
      for (let d = 0; d < w.districtSchools.length; d++) this.fixReverseFlow(d);
      this.fillOrTrim(target, true);
    }

    for (let s = 0; s < nSchools; s++) {
      const st = this.stats(s);
      if (st.out > 0 && st.bb * 5 < st.out)
        this.shortfalls.push(`DL-R4 ${w.schools[s]!.id}: ${st.bb}/${st.out} backbone`);
      if (due[s]! > 0 && w.schools[s]!.rotation_feasible && st.teachers < due[s]! * this.minShare(s))
        this.shortfalls.push(`DL-R3 ${w.schools[s]!.id}: ${st.teachers}/${due[s]}`);
    }
  }

  private fixBackbone(s: number): void {
    const w = this.w;
    let st = this.stats(s);
    if (st.out === 0 || st.bb * 5 >= st.out) return;
    const quality = w.schools[s]!.tier === "quality";
    // Swap non-backbone due teachers for due backbone teachers (keeps the DL-R3 count) …
    const swapIn = this.candidates(s, (i) => w.kind[i] === 1 && w.backbone[i] === 1 && w.decision[i] === D_REQ);
    for (const m of this.outMoves(s)) {
      if (st.bb * 5 >= st.out || swapIn.length === 0) break;
      if (w.backbone[m.t] || w.kind[m.t] !== 1) continue;
      this.remove(m.t);
      this.moveOne(swapIn.pop()!, quality);
      st = this.stats(s);
    }
    // … then add backbone volunteers …
    const extra = this.candidates(s, (i) => w.kind[i] === 1 && w.backbone[i] === 1);
    while (st.bb * 5 < st.out && extra.length) {
      this.moveOne(extra.shift()!, quality);
      st = this.stats(s);
    }
    // … and last drop non-backbone teacher moves the school's DL-R3 share can spare.
    const min = Math.ceil(this.dueTeachers(s) * this.minShare(s));
    for (const m of this.outMoves(s)) {
      if (st.bb * 5 >= st.out) break;
      if (w.backbone[m.t] || w.kind[m.t] !== 1 || st.teachers - 1 < min) continue;
      this.remove(m.t);
      st = this.stats(s);
    }
  }

  private fillOrTrim(target: number, trimOnly = false): void {
    const w = this.w;
    const order = w.rng.shuffle(
      Array.from({ length: w.schools.length }, (_, s) => s).filter((s) => w.schools[s]!.rotation_feasible),
    );
    let total = this.list.filter((m) => m !== undefined).length;
    const due = order.map((s) => this.dueTeachers(s));
    if (total < target && !trimOnly) {
      // Fill: one more move per school and round, keeping backbone ≥ 20%.
      const pools = order.map((s) => ({
        plain: this.candidates(s, (i) => w.kind[i] === 1 && w.backbone[i] === 0),
        bb: this.candidates(s, (i) => w.kind[i] === 1 && w.backbone[i] === 1),
      }));
      const st = order.map((s) => this.stats(s));
      for (let progress = true; total < target && progress;) {
        progress = false;
        for (let k = 0; k < order.length && total < target; k++) {
          const s = order[k]!;
          const p = pools[k]!;
          const c = st[k]!;
          let t: number | undefined;
          if ((c.bb * 5 >= c.out + 1 && p.plain.length) || !p.bb.length) t = p.plain.shift();
          else t = p.bb.shift();
          if (t === undefined) continue;
          if (!this.moveOne(t, w.schools[s]!.tier === "quality" && w.backbone[t] === 1)) continue;
          c.out++;
          c.bb += w.backbone[t]!;
          total++;
          progress = true;
        }
      }
    } else if (total > target) {
      // Trim: drop non-backbone teacher moves where the school keeps its DL-R3 share and DL-R4 backbone share.
      for (let progress = true; total > target && progress;) {
        progress = false;
        for (let k = 0; k < order.length && total > target; k++) {
          const s = order[k]!;
          const st = this.stats(s);
          const min = Math.ceil(due[k]! * Math.max(this.minShare(s), 0.15));
          if (st.teachers - 1 < min || st.bb * 5 < st.out - 1) continue;
          const m = this.outMoves(s).find((x) => w.kind[x.t] === 1 && w.backbone[x.t] === 0);
          if (!m) continue;
          this.remove(m.t);
          total--;
          progress = true;
        }
      }
    }
  }

  private reverseFlow(d: number): { q: number; gw: number; any: number } {
    const w = this.w;
    let q = 0;
    let gw = 0;
    for (const s of w.districtSchools[d]!) {
      const tier = w.schools[s]!.tier;
      for (const m of this.outMoves(s)) {
        if (!w.backbone[m.t]) continue;
        if (tier === "quality") {
          if (w.schools[m.to]!.tier !== "quality") q++;
        } else gw++;
      }
    }
    return { q, gw, any: q + gw };
  }

  private fixReverseFlow(d: number): void {
    const w = this.w;
    let f = this.reverseFlow(d);
    if (f.any === 0 || f.q > f.gw) return;
    const quality = w.districtSchools[d]!.filter(
      (s) => w.schools[s]!.tier === "quality" && w.schools[s]!.rotation_feasible,
    );
    // Redirect quality → quality backbone moves to general/weak schools.
    for (const s of quality) {
      for (const m of this.outMoves(s)) {
        if (f.q > f.gw) return;
        if (!w.backbone[m.t] || w.schools[m.to]!.tier !== "quality") continue;
        const to = this.destination(s, true);
        if (to === undefined) continue;
        m.to = to;
        this.setAttributes(m, m.years);
        f.q++;
      }
    }
    // Add backbone volunteers from quality schools.
    const pools = quality.map((s) => this.candidates(s, (i) => w.kind[i] !== 0 && w.backbone[i] === 1));
    for (let progress = true; f.q <= f.gw && progress;) {
      progress = false;
      for (const p of pools) {
        if (f.q > f.gw) break;
        const t = p.shift();
        if (t === undefined) continue;
        if (this.moveOne(t, true)) {
          f.q++;
          progress = true;
        }
      }
    }
    if (f.q <= f.gw) this.shortfalls.push(`DL-R5 ${w.schools[w.districtSchools[d]![0]!]!.district}: ${f.q} ≤ ${f.gw}`);
  }

  // -------------------------------------------------------- planting breaches

  plant(kinds: readonly PlantKind[]): Planted[] {
    const w = this.w;
    const out: Planted[] = [];
    const used = new Set<number>(); // schools already given a breach
    const live = () => this.list.filter((m): m is PMove => m !== undefined);
    const moveId = (m: PMove) => `${w.teachers[m.t]!.id}:${w.schools[m.from]!.id}→${w.schools[m.to]!.id}`;
    const schoolOrder = Array.from({ length: w.schools.length }, (_, s) => s);

    for (const kind of kinds) {
      switch (kind) {
        case "R3-low-share": {
          // An urban general school keeps the largest number of teacher moves below 15% of its due
          // teachers, at least one of them backbone (so DL-R4 still holds and only DL-R3 fails).
          for (const s of schoolOrder) {
            const sc = w.schools[s]!;
            if (used.has(s) || sc.location !== "urban" || sc.tier !== "general") continue;
            const due = this.dueTeachers(s);
            if (due < 8) continue;
            const teachersOut = this.outMoves(s).filter((m) => w.kind[m.t] === 1);
            const keep = Math.ceil(due * 0.15) - 1;
            const bbMoves = teachersOut.filter((m) => w.backbone[m.t]);
            const plain = teachersOut.filter((m) => !w.backbone[m.t]);
            const keepBb = Math.max(1, Math.ceil(keep / 5));
            if (keep < 1 || teachersOut.length <= keep || bbMoves.length < keepBb || plain.length < keep - keepBb)
              continue;
            const kept = new Set([...bbMoves.slice(0, keepBb), ...plain.slice(0, keep - keepBb)]);
            for (const m of teachersOut) if (!kept.has(m)) this.remove(m.t);
            used.add(s);
            out.push({
              kind,
              clause: "DL-R3",
              subject: `school ${sc.id}`,
              detail: `${sc.name}（城区一般学校）：${due} 名应交流教师只安排 ${keep} 名交流（${((100 * keep) / due).toFixed(1)}% < 15%）`,
            });
            break;
          }
          break;
        }
        case "R4-no-backbone": {
          // A general/weak school: swap its backbone teacher moves for non-backbone due teachers.
          for (const s of schoolOrder) {
            const sc = w.schools[s]!;
            if (used.has(s) || sc.tier === "quality") continue;
            const ms = this.outMoves(s).filter((m) => w.kind[m.t] === 1);
            if (ms.length < 3) continue;
            const bbMoves = ms.filter((m) => w.backbone[m.t]);
            if (bbMoves.length === 0) continue;
            const swap = this.candidates(s, (i) => w.kind[i] === 1 && w.backbone[i] === 0 && w.decision[i] === D_REQ);
            if (swap.length < bbMoves.length) continue;
            for (const m of bbMoves) {
              this.remove(m.t);
              const n = this.add(swap.shift()!, m.to, m.years);
              n.pt = m.pt;
              n.mode = m.mode;
            }
            used.add(s);
            out.push({
              kind,
              clause: "DL-R4",
              subject: `school ${sc.id}`,
              detail: `${sc.name}：调出教师 ${ms.length} 人，其中骨干教师 0 人（< 20%）`,
            });
            break;
          }
          break;
        }
        case "R5-reverse-flow": {
          // A district with ≥ 2 quality schools: send quality backbone teachers to other quality schools instead.
          for (let d = 0; d < w.districtSchools.length; d++) {
            const ds = w.districtSchools[d]!;
            if (ds.some((s) => used.has(s))) continue;
            const quality = ds.filter((s) => w.schools[s]!.tier === "quality" && w.schools[s]!.rotation_feasible);
            if (quality.length < 2) continue;
            let f = this.reverseFlow(d);
            if (f.gw === 0) continue;
            for (const s of quality) {
              for (const m of this.outMoves(s)) {
                if (f.q < f.gw) break;
                if (!w.backbone[m.t] || w.schools[m.to]!.tier === "quality") continue;
                const to = this.destination(s, false, true);
                if (to === undefined) continue;
                m.to = to;
                this.setAttributes(m, m.years);
                f = this.reverseFlow(d);
              }
            }
            if (f.q >= f.gw) continue;
            out.push({
              kind,
              clause: "DL-R5",
              subject: `district ${w.schools[ds[0]!]!.district}`,
              detail: `优质学校交流到一般/薄弱学校的骨干教师 ${f.q} 人，少于一般/薄弱学校交流出的骨干教师 ${f.gw} 人`,
            });
            for (const s of ds) used.add(s);
            break;
          }
          break;
        }
        case "M1-no-transfer": {
          const m = live().find(
            (x) =>
              !used.has(x.from) &&
              w.kind[x.t] === 1 &&
              w.schools[x.from]!.location === "urban" &&
              w.schools[x.to]!.location === "urban",
          );
          if (!m) break;
          m.pt = false;
          out.push({
            kind,
            clause: "DL-M1",
            subject: `move ${moveId(m)}`,
            detail: "城区学校之间的交流未调转人事关系（personnel_transfer: false）",
          });
          break;
        }
        case "M1-2-short-rural": {
          const m = live().find((x) => {
            const a = w.schools[x.from]!;
            const b = w.schools[x.to]!;
            return (
              !used.has(x.from) &&
              w.kind[x.t] === 1 &&
              b.location === "rural" &&
              (a.group === undefined || a.group !== b.group) &&
              x.pt
            );
          });
          if (!m) break;
          m.years = 1;
          out.push({
            kind,
            clause: "DL-M1-2",
            subject: `move ${moveId(m)}`,
            detail: "到农村学校交流 1 年，少于原则上的 2 年（警告）",
          });
          break;
        }
        case "M2-short-group": {
          const m = live().find((x) => {
            const a = w.schools[x.from]!;
            const b = w.schools[x.to]!;
            return (
              !used.has(x.from) &&
              w.kind[x.t] === 1 &&
              a.group !== undefined &&
              a.group === b.group &&
              !(a.location === "urban" && b.location === "urban" && !x.pt)
            );
          });
          if (!m) break;
          m.years = 2;
          out.push({
            kind,
            clause: "DL-M2",
            subject: `move ${moveId(m)}`,
            detail: `教育集团 ${w.schools[m.from]!.group} 内交流 2 年，少于 3 年`,
          });
          break;
        }
      }
    }
    const missing = kinds.filter((k) => !out.some((p) => p.kind === k));
    for (const k of missing) this.shortfalls.push(`could not plant ${k}`);
    return out;
  }
}

// ---------------------------------------------------------------------------
// Writers. JSON is streamed record by record (a 1M-teacher file is far beyond
// what one JSON.stringify should build); YAML puts one record per line.

export function writeJson(ds: GenDataset, file: string): number {
  mkdirSync(dirname(file), { recursive: true });
  const fd = openSync(file, "w");
  let bytes = 0;
  let buf: string[] = [];
  let size = 0;
  const put = (s: string) => {
    buf.push(s);
    size += s.length;
    if (size > 1 << 20) flush();
  };
  const flush = () => {
    if (!buf.length) return;
    bytes += writeSync(fd, buf.join(""));
    buf = [];
    size = 0;
  };
  const list = (name: string, items: readonly unknown[], last = false) => {
    put(`${JSON.stringify(name)}:[\n`);
    for (let i = 0; i < items.length; i++) put((i ? ",\n" : "") + JSON.stringify(items[i]));
    put(`\n]${last ? "" : ","}\n`);
  };
  try {
    put(`{"as_of":${JSON.stringify(ds.as_of)},\n`);
    list("schools", ds.schools);
    list("teachers", ds.teachers);
    put(`"plan":{"school_year":${JSON.stringify(ds.plan.school_year)},"start":${JSON.stringify(ds.plan.start)},\n`);
    list("moves", ds.plan.moves, true);
    put("}}\n");
    flush();
  } finally {
    closeSync(fd);
  }
  return bytes;
}

export function toYaml(ds: GenDataset, header: readonly string[] = []): string {
  const line = (v: unknown) => YAML.stringify(v, { collectionStyle: "flow", lineWidth: 0 }).trimEnd();
  const out: string[] = header.map((h) => (h ? `# ${h}` : "#"));
  out.push(`as_of: ${ds.as_of}`, "schools:");
  for (const s of ds.schools) out.push(`  - ${line(s)}`);
  out.push("teachers:");
  for (const t of ds.teachers) out.push(`  - ${line(t)}`);
  out.push("plan:", `  school_year: ${ds.plan.school_year}`, `  start: ${ds.plan.start}`, "  moves:");
  for (const m of ds.plan.moves) out.push(`    - ${line(m)}`);
  return out.join("\n") + "\n";
}

// ---------------------------------------------------------------------------
// Command line.

function parseArgs(argv: readonly string[]): GenerateOptions & { out: string; quiet: boolean } {
  const get = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const num = (name: string): number | undefined => {
    const v = get(name);
    if (v === undefined) return undefined;
    const n = Number(v.replace(/_/g, ""));
    if (!Number.isFinite(n)) throw new Error(`--${name}: not a number: ${v}`);
    return n;
  };
  const teachers = num("teachers") ?? 3000;
  const v = get("violations");
  const violations = argv.includes("--violations")
    ? v && !v.startsWith("--")
      ? (v.split(",") as PlantKind[])
      : true
    : false;
  const districts = get("districts")?.split(",");
  const out = get("out") ?? "bench/out/generated.json";
  const o: GenerateOptions & { out: string; quiet: boolean } = {
    teachers,
    out,
    quiet: argv.includes("--quiet"),
    violations,
    ...(num("seed") !== undefined ? { seed: num("seed")! } : {}),
    ...(num("schools") !== undefined ? { schools: num("schools")! } : {}),
    ...(num("moves") !== undefined ? { moves: num("moves")! } : {}),
    ...(num("moves-per-due") !== undefined ? { movesPerDue: num("moves-per-due")! } : {}),
    ...(districts ? { districts } : {}),
    ...(get("as-of") ? { asOf: get("as-of")! } : {}),
  };
  return o;
}

export function main(argv: readonly string[]): void {
  const o = parseArgs(argv);
  const t0 = performance.now();
  const { dataset, info } = generateDetailed(o);
  const t1 = performance.now();
  let bytes: number;
  if (/\.ya?ml$/i.test(o.out)) {
    mkdirSync(dirname(o.out), { recursive: true });
    const header = [
      "合成数据（非真实人员、非真实学校）：大连市交流轮岗方案检查示例。",
      "Synthetic data from bench/generate.ts — the people and schools are invented.",
      `Regenerate (after npm run build): node dist/bench/generate.js ${argv.join(" ")}`,
      `${dataset.schools.length} schools, ${dataset.teachers.length} teachers, ${info.due} due teachers + ${info.dueLeaders} due leaders, ${info.moves} moves.`,
      ...(info.planted.length
        ? [
            "",
            "Planted breaches (lungang check reports each one):",
            ...info.planted.map((p) => `  ${p.clause} [${p.subject}]: ${p.detail}`),
          ]
        : ["", "The plan complies with policies/dalian (no breaches planted)."]),
    ];
    const text = toYaml(dataset, header);
    const fd = openSync(o.out, "w");
    bytes = writeSync(fd, text);
    closeSync(fd);
  } else bytes = writeJson(dataset, o.out);
  const t2 = performance.now();
  if (!o.quiet) {
    process.stderr.write(
      `${o.out}: ${dataset.schools.length} schools, ${dataset.teachers.length} teachers (${info.tenured9} with ≥ 9 years, ${info.backbone} backbone), ` +
        `${info.due} due teachers + ${info.dueLeaders} due leaders, ${info.deferred} deferred, ${info.moves} moves; ` +
        `${(bytes / 1e6).toFixed(1)} MB; generated in ${((t1 - t0) / 1000).toFixed(1)} s, written in ${((t2 - t1) / 1000).toFixed(1)} s\n`,
    );
    for (const p of info.planted) process.stderr.write(`  planted ${p.clause} [${p.subject}]: ${p.detail}\n`);
    for (const s of info.shortfalls) process.stderr.write(`  shortfall: ${s}\n`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
