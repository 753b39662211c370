// The `lungang` command line: dispatches to one file per subcommand. Returns
// the exit code (0 ok, 1 not compliant / failed / lint errors, 2 could not
// answer). Any exception reaching here is a bug in lungang, reported as such
// in one line — never a stack trace for the user's input.

import { parseArgs } from "./args.js";
import { processIO, report, type IO } from "./common.js";
import { diag } from "../diagnostics/registry.js";
import { runLint } from "./lint.js";
import { runCase } from "./case.js";
import { runCheck } from "./check.js";
import { runTest } from "./test.js";
import { runPropose } from "./propose.js";
import { runDiff } from "./diff.js";
import { runDecide } from "./decide.js";
import { runTemplate } from "./template.js";

const HELP = `lungang — 义务教育学校校长教师交流轮岗政策检查工具

  lungang lint  <policy>                          解析并检查政策文件
  lungang case  <case-file>  --policy <policy>    单个人员：是否应交流轮岗？
  lungang case  <dataset> --teacher ID --policy <policy>   数据集中的某位教师
  lungang check <dataset>    --policy <policy>    交流轮岗方案是否合规
  lungang test  <policy>                          运行政策自带的测试用例
  lungang propose <dataset> --policy <policy> [--constraints FILE] [--output FILE]
                                                  按政策生成合规的交流方案草案（或说明哪条规定无法满足）
  lungang diff  <dataset> --policy <old> --against <new|YYYY-MM-DD>
                                                  修订前后：谁的判定改变、各校应交流人数与比例的变化
  lungang decide <dataset> --policy <policy> [--format text|json|csv|xlsx] [--output FILE]
                                                  每位人员的判定（应交流名单等）
  lungang template --policy <policy> [--output FILE.xlsx]   空白花名册模板

选项 / options:  --json | --format text|json   --lang zh|en   --as-of YYYY-MM-DD   --param name=value   --policies DIR   --output FILE
`;

export async function main(argv: readonly string[], io: IO = processIO): Promise<number> {
  const { args, diagnostics } = parseArgs(argv);
  if (args.help || !args.command) {
    io.out(HELP);
    return args.command || args.help ? 0 : 2;
  }
  if (diagnostics.length) {
    report(io, args, diagnostics);
    return 2;
  }
  try {
    switch (args.command) {
      case "lint":
        return runLint(io, args);
      case "case":
        return await runCase(io, args);
      case "check":
        return await runCheck(io, args);
      case "test":
        return runTest(io, args);
      case "propose":
        return await runPropose(io, args);
      case "diff":
        return runDiff(io, args);
      case "decide":
        return await runDecide(io, args);
      case "template":
        return await runTemplate(io, args);
      default:
        report(io, args, [diag("C001", { name: args.command })]);
        return 2;
    }
  } catch (e) {
    io.err(`lungang: internal error (a bug in lungang, please report it): ${(e as Error).message}`);
    if (args.verbose) io.err(String((e as Error).stack));
    return 3;
  }
}
