// A solving thread of src/columnar/solve.ts: solves each share it is sent
// (some districts of the concerned ones) and sends back the rules found.

import { parentPort } from "node:worker_threads";
import { solveTask, type SolveTask } from "./solve.js";

const port = parentPort!;

port.on("message", (task: SolveTask) => {
  void solveTask(task).then((result) => port.postMessage({ result }));
});
