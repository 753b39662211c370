// A reading thread of src/columnar/parallel.ts: reads each task it is sent
// (a CSV file, or a part of one) with runTask, one after another, and sends
// the table back, its arrays moved rather than copied.

import { runTask, schemaFrom, type ReadTask, type SchemaData } from "./parallel.js";
import { serially, threadData } from "./pool.js";

const schema = schemaFrom(threadData<{ schema: SchemaData }>().schema);

serially(async (task: ReadTask, tell: (e: [number, number]) => void) => {
  const { outcome, transfer } = await runTask(task, schema, (rows, bytes) => tell([rows, bytes]));
  return { result: outcome, transfer };
});
