// The tests' browser is the benchmarks' browser: the launcher lives in
// bench/chromium.ts so that the package build (tsconfig.build.json: src,
// grammar, bench) never reaches into test/.
export { CHROMIUM, launch } from "../../bench/chromium.js";
