// Chinese wording of the help and related-location lines. Diagnostics store
// these lines in English (they are built in many places, some with a name in
// them); rendering in Chinese maps each known form here. An unknown line is
// shown as written.

const FIXED: Record<string, string> = {
  "first defined here": "首次定义于此",
  "first used here": "首次使用于此",
  "write `override` (覆盖) to replace the value of the policy below": "如要替换被细化政策中的值，请写 `覆盖`",
  "this fact exists only when a plan is checked": "该数据仅在检查交流方案时存在",
  "this definition reads facts that exist only when a plan is checked": "该定义读取了仅在检查交流方案时存在的数据",
  "the time between two dates is `period(start, end)` (期间)": "两个日期之间的时长请写 `期间(起, 止)`",
  "a percentage is not a count: write the threshold as a percentage (15%) or compare counts":
    "百分比不是人数：请把门槛写成百分比（15%），或比较人数",
  "以上/以下 come after the number they bound: `周岁 55 以下` (or write `周岁 <= 55`)":
    "以上/以下 写在所限定的数字之后：`周岁 55 以下`（或写作 `周岁 <= 55`）",
  "write the threshold with its unit, e.g. `9年` or `9 years`": "请带单位书写门槛，例如 `9年`",
};

const PATTERNS: [RegExp, string][] = [
  [/^did you mean `([^`]+)`\?\s*/, "是否应为 `$1`？ "],
  [/^did you mean "([^"]+)"\?\s*/, "是否应为“$1”？ "],
  [/^e\.g\. /, "例如 "],
  [/allowed: /, "可选值："],
  [/^`([^`]+)` is here$/, "`$1` 在此"],
];

export function helpZh(text: string): string {
  if (FIXED[text]) return FIXED[text]!;
  let out = text;
  for (const [re, rep] of PATTERNS) out = out.replace(re, rep);
  return out.trim();
}
