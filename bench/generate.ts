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
//
// The generator is split by job under bench/gen/: types.ts (the output's
// shape), random.ts (the PRNG), people.ts (schools and teachers), world.ts,
// dataset.ts (one dataset), planner.ts (the plan), writers.ts (JSON, YAML),
// cli.ts (the command line). This file is the library entry and the command.

import { pathToFileURL } from "node:url";
import { main } from "./gen/cli.js";

export type {
  GenDataset,
  GenHistory,
  GenMove,
  GenSchool,
  GenTeacher,
  GenerateInfo,
  GenerateOptions,
  PlantKind,
  Planted,
} from "./gen/types.js";
export { ALL_PLANTS } from "./gen/types.js";
export { Rng } from "./gen/random.js";
export { BACKBONE_SET, DISTRICTS } from "./gen/people.js";
export { generate, generateDetailed } from "./gen/dataset.js";
export { toYaml, writeJson } from "./gen/writers.js";
export { main };

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
