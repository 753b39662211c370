// Which compiled CLI `bin/lungang.js` runs. The esbuild bundle
// (dist/bundle/lungang.mjs) starts fastest, and an installed package has
// nothing else worth preferring. In a git checkout (src/ is there) a build
// can be older than the sources — an edit not yet rebuilt — and running it
// would answer with yesterday's code, silently. So there the bundle is taken
// only when it is newer than every source file; else dist/src (tsc's output)
// when that is; else dist/src with a warning naming the newer source file.

import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** The newest `.ts` file under the folders, as [path, mtime in ms]; undefined when there is none. */
function newest(dirs) {
  let best;
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".ts")) {
        const t = statSync(p).mtimeMs;
        if (!best || t > best[1]) best = [p, t];
      }
    }
  };
  for (const d of dirs) if (existsSync(d)) walk(d);
  return best;
}

const mtime = (p) => (existsSync(p) ? statSync(p).mtimeMs : undefined);

/**
 * The module to import for a package folder: `{ entry, warning? }`. `entry`
 * is a path; `warning` says that even the freshest build is older than the
 * sources (run `npm run build`).
 */
export function chooseEntry(pkg) {
  const bundle = join(pkg, "dist", "bundle", "lungang.mjs");
  const compiled = join(pkg, "dist", "src", "cli", "main.js");
  const hasBundle = existsSync(bundle);
  // Installed from a package: no sources to be stale against.
  if (!existsSync(join(pkg, "src"))) return { entry: hasBundle ? bundle : compiled };
  const src = newest([join(pkg, "src"), join(pkg, "grammar")]);
  const fresh = (p) => {
    const t = mtime(p);
    return t !== undefined && (!src || t >= src[1]);
  };
  if (hasBundle && fresh(bundle)) return { entry: bundle };
  if (fresh(compiled)) return { entry: compiled };
  return {
    entry: compiled,
    warning:
      `lungang: the build in dist/ is older than ${src ? src[0].slice(pkg.length + 1) : "the sources"}; ` +
      "running the old build — run `npm run build` (编译结果早于源代码，请运行 npm run build)",
  };
}
