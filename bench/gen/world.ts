// Synthetic data generator — the generated world the plan builder works on:
// schools and teachers with, per teacher, the decision of the hand-written
// baseline and what the plan may do with them, in typed arrays.

import type { School } from "../../src/data/model.js";
import type { Day } from "../../src/time/date.js";
import type { HandDecision } from "../hand-written.js";
import type { Rng } from "./random.js";
import type { GenSchool, GenTeacher } from "./types.js";

export const D_NOT = 0;
export const D_REQ = 1;
export const D_DEF = 2;
export const D_IND = 3;
export const CODE: Record<HandDecision, number> = {
  not_required: D_NOT,
  required: D_REQ,
  deferred: D_DEF,
  indeterminate: D_IND,
};

export interface World {
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
