// The court page's form values: 辖区常住人口 as people write it, and the names of the kinds of division.
import type { DivisionKind } from '../../courts/division.entity.js';

/** What each kind of division is called on the pages, and what belongs to it. */
export const DIVISION_KIND_LABELS: Record<DivisionKind, { label: string; example: string }> = {
  FILING: { label: '立案庭', example: '立案窗口' },
  TRIAL: { label: '审判庭', example: '民一庭、民二庭等' },
  ENFORCEMENT: { label: '执行局', example: '答复执行咨询函' },
  MANAGEMENT: { label: '审判管理', example: '审管办' },
  MEDIATION_CENTER: { label: '诉调对接中心', example: '诉前调解的组织与分派' },
};

/** People write 3,446,000 or 3 446 000: the separators go; anything else is left for the DTO to refuse. */
export function populationOf(text: string): number | string {
  const digits = text.replace(/[,，\s]/g, '');
  return /^\d{1,15}$/.test(digits) ? Number(digits) : text;
}

/** The page's own message when the population is not a whole number at all (the DTO's then says little). */
export function populationProblem(text: string): string | undefined {
  if (text === '') return '请填写辖区常住人口';
  return typeof populationOf(text) === 'string' ? '请填写整数人数，如 3446000' : undefined;
}

/** `3446000` -> `3,446,000 人（约 344.6 万人）`. */
export function populationText(population: number): string {
  const grouped = String(population).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${grouped} 人（约 ${Number((population / 10_000).toFixed(1))} 万人）`;
}
