// Synthetic data generator — the draft rotation plan: moves chosen to comply
// with policies/dalian/plan.policy (quotas per school and district, backbone
// shares, per-move rules), then, on request, breaches planted on top.

import type { Location } from "../../src/data/model.js";
import type { GenerateOptions, GenMove, GenSchool, PlantKind, Planted } from "./types.js";
import { D_REQ, type World } from "./world.js";

interface PMove {
  t: number;
  from: number;
  to: number;
  mode: "full_time" | "part_time";
  years: number;
  pt: boolean;
}

const RURAL: ReadonlySet<Location> = new Set(["rural", "remote", "island"]);

export class Planner {
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
    // A breach of a per-move rule: the first live teacher move, out of a school without a breach yet, that
    // `fits`; `breach` changes it and says how.
    const plantMove = (
      kind: PlantKind,
      clause: string,
      fits: (x: PMove, from: GenSchool, to: GenSchool) => boolean,
      breach: (m: PMove) => string,
    ): void => {
      const m = live().find(
        (x) => !used.has(x.from) && w.kind[x.t] === 1 && fits(x, w.schools[x.from]!, w.schools[x.to]!),
      );
      if (!m) return;
      const detail = breach(m);
      out.push({ kind, clause, subject: `move ${moveId(m)}`, detail });
    };

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
        case "M1-no-transfer":
          plantMove(
            kind,
            "DL-M1",
            (_, a, b) => a.location === "urban" && b.location === "urban",
            (m) => {
              m.pt = false;
              return "城区学校之间的交流未调转人事关系（personnel_transfer: false）";
            },
          );
          break;
        case "M1-2-short-rural":
          plantMove(
            kind,
            "DL-M1-2",
            (x, a, b) => b.location === "rural" && (a.group === undefined || a.group !== b.group) && x.pt,
            (m) => {
              m.years = 1;
              return "到农村学校交流 1 年，少于原则上的 2 年（警告）";
            },
          );
          break;
        case "M2-short-group":
          plantMove(
            kind,
            "DL-M2",
            (x, a, b) =>
              a.group !== undefined &&
              a.group === b.group &&
              !(a.location === "urban" && b.location === "urban" && !x.pt),
            (m) => {
              m.years = 2;
              return `教育集团 ${w.schools[m.from]!.group} 内交流 2 年，少于 3 年`;
            },
          );
          break;
      }
    }
    const missing = kinds.filter((k) => !out.some((p) => p.kind === k));
    for (const k of missing) this.shortfalls.push(`could not plant ${k}`);
    return out;
  }
}
