// A reading thread of src/columnar/parallel.ts: reads each task it is sent
// (a CSV file, or a part of one) with runTask, one after another, and sends
// the table back, its arrays moved rather than copied.

import { parentPort, workerData } from "node:worker_threads";
import { runTask, schemaFrom, type ReadTask, type SchemaData } from "./parallel.js";
import { serially } from "./pool.js";

const port = parentPort!;
const schema = schemaFrom((workerData as { schema: SchemaData }).schema);

serially(port, async (task: ReadTask) => {
  const { outcome, transfer } = await runTask(task, schema, (rows, bytes) =>
    port.postMessage({ event: [rows, bytes] }),
  );
  return { result: outcome, transfer };
});
