/** Which compiled CLI to run for a package folder, and a warning when every build is older than the sources. */
export function chooseEntry(pkg: string): { entry: string; warning?: string };
