// A user as the administrators' API shows it (every column but the password hash).
import { arrayOf, bool, instant, int, object, str, strOrNull, uuid, uuidOrNull } from '../common/http/api-docs.js';

const userProperties = {
  id: uuid,
  courtId: uuid,
  divisionId: uuidOrNull,
  username: str(),
  displayName: str(),
  roles: arrayOf(str('CLERK | COORDINATOR | MEDIATOR | JUDGE | ENFORCEMENT | STATISTICIAN | ADMIN | BANK')),
  bankInstitution: strOrNull('银行账号所属的银行'),
  active: bool(),
  mustChangePassword: bool('管理员重置密码后，用户须先修改密码'),
  tokensValidAfter: { ...instant, description: '此前签发的令牌均已失效' },
  failuresResetAt: { ...instant, description: '登录失败计数的起点' },
  createdAt: instant,
  updatedAt: instant,
  version: int(),
};

/** Every column but the password hash and history (the two instants only where the row was read with them). */
export const userSchema = {
  ...object(userProperties, '用户'),
  required: Object.keys(userProperties).filter((key) => key !== 'tokensValidAfter' && key !== 'failuresResetAt'),
};
