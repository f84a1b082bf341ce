import { NotFoundError } from '../common/errors.js';

export const mediatorNotFound = () => new NotFoundError('MEDIATOR_NOT_FOUND', '调解员不存在，或不属于本院名册');
export const organizationNotFound = () =>
  new NotFoundError('ORGANIZATION_NOT_FOUND', '调解组织不存在，或不属于本院名册');
