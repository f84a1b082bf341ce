// The rules a login's name and password must meet, shared by the account API, the court set-up, the demo seed
// and the pages.

/** Usernames: lower-case ASCII, 3-32 characters, starting with a letter. */
export const USERNAME_PATTERN = /^[a-z][a-z0-9_.-]{2,31}$/;
export const USERNAME_RULE = '用户名为 3-32 位小写字母、数字或 _ . -，以字母开头';

/** How many earlier passwords a new one may not repeat (besides the current one). */
export const PASSWORD_HISTORY = 5;

/**
 * Words that common passwords are built from: a password that is one of them once digits and symbols are
 * taken off its ends and common letter swaps undone (`P@ssw0rd!`, `Password123`, `Qwerty2026!`) is refused.
 */
const COMMON_WORDS = new Set([
  'password',
  'passw',
  'passwd',
  'pass',
  'pwd',
  'qwerty',
  'qwertyuiop',
  'qwer',
  'asdf',
  'asdfgh',
  'asdfghjkl',
  'zxcvbn',
  'zxcvbnm',
  'qazwsx',
  'abc',
  'abcd',
  'abcdef',
  'abcdefg',
  'admin',
  'administrator',
  'root',
  'user',
  'test',
  'guest',
  'welcome',
  'letmein',
  'iloveyou',
  'changeme',
  'default',
  'secret',
  'login',
  'master',
  'dragon',
  'monkey',
  'sunshine',
  'princess',
  'football',
  'baseball',
  'superman',
  'woaini',
  'aini',
  'china',
  'beijing',
  'court',
  'fayuan',
  'tiaojie',
  'mediation',
  'demo',
  'hello',
  'trustno',
]);

/** Whole passwords seen in every leaked list, compared in lower case. */
const COMMON_PASSWORDS = new Set([
  '1qaz2wsx3edc',
  '1qaz@wsx3edc',
  '1q2w3e4r5t',
  '1q2w3e4r5t6y',
  'a1b2c3d4e5',
  'aa123456789',
  'abc123456789',
  'abcd1234!@#$',
  'qwe123!@#',
  'qweasdzxc123',
  'zaq12wsxcde3',
]);

const LEET: Record<string, string> = {
  '@': 'a',
  '4': 'a',
  '0': 'o',
  '1': 'i',
  '!': 'i',
  '3': 'e',
  $: 's',
  '5': 's',
  '7': 't',
};

/** The word a password is built on: lower case, digits and symbols off both ends, letter swaps undone. */
function baseWord(password: string): string {
  const lower = password.toLowerCase();
  const core = lower.replace(/^[^a-z]+|[^a-z]+$/g, '');
  return core.replace(/[@40!13$57]/g, (ch) => LEET[ch] ?? ch).replace(/[^a-z]/g, '');
}

function isCommon(password: string): boolean {
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return true;
  const word = baseWord(password);
  // Only letters swapped or repeated: `Passwordpassword`, `AbcAbcAbc1`.
  const repeated = /^(.+?)\1+$/.exec(word)?.[1];
  return word === '' || COMMON_WORDS.has(word) || (repeated !== undefined && COMMON_WORDS.has(repeated));
}

/**
 * Password policy (等保 2.0): at least 10 characters from at least three of four classes, not a common
 * password, and not containing the username (when given).
 */
export function passwordProblems(password: string, username?: string): string | null {
  if (password.length < 10) return '密码至少 10 位';
  if (password.length > 128) return '密码不能超过 128 位';
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) return '密码须包含大写字母、小写字母、数字、符号中的至少三类';
  if (username && username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) {
    return '密码不能包含用户名';
  }
  if (isCommon(password)) return '密码过于常见，容易被猜中，请换一个';
  return null;
}

export const PASSWORD_REUSED = '新密码不能与当前密码或最近五次使用过的密码相同';
