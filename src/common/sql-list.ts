/**
 * Constants as an SQL list literal (`'REFERRED', 'ASSIGNED'`), written into a statement rather than bound where the
 * planner must match a partial index's predicate (ix_cases_open_deadline). Only for the code's own constants.
 */
export const sqlList = (values: readonly string[]): string => values.map((v) => `'${v}'`).join(', ');
