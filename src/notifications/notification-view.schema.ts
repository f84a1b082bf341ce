// The notification view of notification.service.ts as a JSON schema for the API document.
import { arrayOf, dateOrNull, instant, instantOrNull, object, str, strOrNull, uuid } from '../common/http/api-docs.js';

export const notificationSchema = object(
  {
    id: uuid,
    kind: str('提醒类别'),
    subjectType: str('涉及的记录类别（如 CASE）'),
    subjectId: str('涉及的记录编号'),
    message: str(),
    dueOn: dateOrNull('相关的期限'),
    createdAt: instant,
    readAt: instantOrNull,
    doneAt: instantOrNull,
  },
  '提醒',
);

export const notificationPageSchema = object(
  { items: arrayOf(notificationSchema), nextCursor: strOrNull('下一页的游标') },
  '提醒的一页',
);
