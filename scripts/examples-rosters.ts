// Writes the bundled roster examples from the YAML district they mirror:
// examples/dalian/district.xlsx and the GB18030 CSV folder
// examples/dalian/district-csv/. Run after `npm run build`:
//   node dist/scripts/examples-rosters.js
// A test (test/data/tabular.test.ts) checks both give the YAML's check result.

import { readDataset } from "../src/data/read.js";
import { writeDatasetCsv, writeDatasetWorkbook } from "../src/data/tabular/write.js";

const read = readDataset("examples/dalian/district.yaml");
if (!read.value) throw new Error("examples/dalian/district.yaml does not read");
await writeDatasetWorkbook(read.value, "examples/dalian/district.xlsx");
writeDatasetCsv(read.value, "examples/dalian/district-csv", "gb18030");
