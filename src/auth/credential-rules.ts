// The rules a login's name and password must meet, shared by the account API, the court set-up and the pages.

/** Usernames: lower-case ASCII, 3-32 characters, starting with a letter. */
export const USERNAME_PATTERN = /^[a-z][a-z0-9_.-]{2,31}$/;
export const USERNAME_RULE = '用户名为 3-32 位小写字母、数字或 _ . -，以字母开头';

/** Password policy (等保 2.0): at least 10 characters from at least three of four classes. */
export function passwordProblems(password: string): string | null {
  if (password.length < 10) return '密码至少 10 位';
  if (password.length > 128) return '密码不能超过 128 位';
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) return '密码须包含大写字母、小写字母、数字、符号中的至少三类';
  return null;
}
