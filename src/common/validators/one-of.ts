/**
 * The message of a refused choice, `应为 A（甲）、B（乙）或 C（丙）`: the codes a program sends, each with the name
 * a person reads (the pages show only the names).
 */
export function oneOfMessage(labels: Record<string, string>): string {
  const choices = Object.entries(labels).map(([code, label]) => `${code}（${label}）`);
  const last = choices.pop()!;
  return choices.length === 0 ? `应为 ${last}` : `应为 ${choices.join('、')}或 ${last}`;
}
