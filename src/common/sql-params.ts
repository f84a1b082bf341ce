/**
 * Named parameters of a statement with many: each name's placeholder (`at.caseId` is `$1`) for writing the text,
 * and `values` to lay the values out in the same order, so the text and the array cannot drift apart.
 */
export function sqlParams<const Names extends readonly string[]>(names: Names) {
  type Name = Names[number];
  const at = Object.fromEntries(names.map((name, i) => [name, `$${i + 1}`])) as Record<Name, string>;
  return {
    names,
    at,
    values: (given: Record<Name, unknown>): unknown[] => names.map((name: Name) => given[name]),
  };
}
