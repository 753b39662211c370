// A solving thread of src/columnar/solve.ts: solves each share it is sent
// (some districts of the concerned ones), one after another, and sends back
// the rules found.

import { serially } from "./pool.js";
import { solveTask, type SolveTask } from "./solve.js";

serially(async (task: SolveTask) => ({ result: await solveTask(task) }));
