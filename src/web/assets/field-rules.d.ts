// Types for the browser copy of the field rules (field-rules.js is served as is, not compiled).
export function residentIdProblem(value: string, now?: number): string | null;
export function creditCodeProblem(value: string): string | null;
export function mobileProblem(value: string): string | null;
export function phoneProblem(value: string): string | null;
export function amountProblem(value: string): string | null;
export const RULES: Record<'resident-id' | 'credit-code' | 'mobile' | 'amount', (value: string) => string | null>;
