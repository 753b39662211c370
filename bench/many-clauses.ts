// Benchmark input: Dalian's policy with N clauses appended — copies of a
// deciding clause (own rule) and of an exception clause (a deferral that
// overrides 教师任教满九年), with fresh ids and labels. Used by bench/run.ts
// (lint and case time against the clause count) and by the fuzz suite.

/** The text of `n` extra clauses for policies/dalian/dalian.policy. */
export function extraClauses(n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    if (i % 2 === 0)
      out.push(`条款 DL-X${i} 应
  原文 "在同一所学校任教满9年及以上的教师（男55周岁及以下，女50周岁及以下）必须交流轮岗（个别偏远农村地区、海岛学校无交流轮岗条件的除外）。"
{
  应交流 复制规则${i}: 当 是教师 且 本校任教年限 满 9年 且 周岁 55 以下
}
`);
    else
      out.push(`条款 DL-X${i} 可
  原文 "处于孕期、哺乳期或患病经当地教育行政部门指定医院诊断不宜交流轮岗的教师并在校公示后，可暂不交流轮岗。"
{
  暂缓 复制暂缓${i} 优先于 教师任教满九年: 当 情形 包含 "重病"
}
`);
  }
  return out.join("\n");
}
