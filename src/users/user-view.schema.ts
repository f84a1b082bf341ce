// A user as the administrators' API shows it (every column but the password hash).
import * as s from '../common/http/schemas.js';

const userProperties = {
  id: s.uuid,
  courtId: s.uuid,
  divisionId: s.uuidOrNull,
  username: s.str(),
  displayName: s.str(),
  roles: s.arrayOf(s.str('CLERK | COORDINATOR | MEDIATOR | JUDGE | ENFORCEMENT | STATISTICIAN | ADMIN | BANK')),
  bankInstitution: s.strOrNull('银行账号所属的银行'),
  active: s.bool(),
  mustChangePassword: s.bool('管理员重置密码后，用户须先修改密码'),
  tokensValidAfter: { ...s.instant, description: '此前签发的令牌均已失效' },
  failuresResetAt: { ...s.instant, description: '登录失败计数的起点' },
  createdAt: s.instant,
  updatedAt: s.instant,
  version: s.int(),
};

/** Every column but the password hash and history (the two instants only where the row was read with them). */
export const userSchema = {
  ...s.object(userProperties, '用户'),
  required: Object.keys(userProperties).filter((key) => key !== 'tokensValidAfter' && key !== 'failuresResetAt'),
};
