// The demo court's usernames, known to the start-up check (DEMO_PASSWORD may contain none of them) and to the
// demo seed (one user per role).
export const DEMO_USERNAMES = [
  'clerk',
  'coordinator',
  'mediator',
  'judge',
  'enforcer',
  'statistician',
  'admin',
] as const;
