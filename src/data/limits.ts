// Input limits — how large and how deep an input may be before it is refused,
// in one place so docs/security.md and the diagnostics quote the same numbers.
// Consumed by the readers (data/read.ts, policy/load.ts) and the parser's pre-scan.

/**
 * Bytes a file may have, checked with stat before reading. JSON is parsed by
 * V8's JSON.parse (about 5× the file in memory); YAML by the yaml library,
 * whose document model takes some 15× the file, so its cap is lower. The JSON
 * cap stays under V8's longest string (2^29 − 24 characters).
 */
export const MAX_BYTES = {
  json: 500_000_000,
  yaml: 64_000_000,
  case: 4_000_000,
  policy: 8_000_000,
} as const;

/** Data: lists and mappings nested deeper than this are refused before parsing (a dataset needs 5). */
export const MAX_DATA_DEPTH = 32;

/** YAML alias expansions allowed when building the value (an alias bomb stops here). */
export const MAX_YAML_ALIASES = 10_000;

/** Policy text: bracket depth, tokens, characters per file, characters per quoted text. */
export const MAX_POLICY_DEPTH = 64;
export const MAX_POLICY_TOKENS = 1_000_000;
export const MAX_POLICY_CHARS = MAX_BYTES.policy;
export const MAX_STRING_CHARS = 200_000;

/**
 * Operands of one arithmetic chain (`a + b + …`): it stays left-nested in the
 * AST (arithmetic on dates is not associative), so every walker recurses once
 * per operator. Chains of 且 / 或 have no such bound: they are built balanced.
 */
export const MAX_ARITHMETIC_OPERANDS = 500;
