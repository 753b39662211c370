// A reading thread of src/columnar/parallel.ts: reads each task it is sent
// (a CSV file, or a part of one) with runTask and sends the table back, its
// arrays moved rather than copied.

import { parentPort, workerData } from "node:worker_threads";
import { runTask, schemaFrom, type ReadTask, type SchemaData } from "./parallel.js";

const port = parentPort!;
const schema = schemaFrom((workerData as { schema: SchemaData }).schema);

port.on("message", (task: ReadTask) => {
  void runTask(task, schema, (rows, bytes) => port.postMessage({ event: [rows, bytes] })).then(
    ({ outcome, transfer }) => port.postMessage({ result: outcome }, transfer),
  );
});
