// The notification view of notification.service.ts as a JSON schema for the API document.
import * as s from '../common/http/schemas.js';

export const notificationSchema = s.object(
  {
    id: s.uuid,
    kind: s.str('提醒类别'),
    subjectType: s.str('涉及的记录类别（如 CASE）'),
    subjectId: s.str('涉及的记录编号'),
    message: s.str(),
    dueOn: s.dateOrNull('相关的期限'),
    createdAt: s.instant,
    readAt: s.instantOrNull,
    doneAt: s.instantOrNull,
  },
  '提醒',
);

export const notificationPageSchema = s.object(
  { items: s.arrayOf(notificationSchema), nextCursor: s.strOrNull('下一页的游标') },
  '提醒的一页',
);
