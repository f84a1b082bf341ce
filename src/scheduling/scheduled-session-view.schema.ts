// The scheduled-session views of scheduled-sessions.service.ts as JSON schemas for the API document.
import {
  arrayOf,
  bool,
  date,
  instant,
  instantOrNull,
  int,
  object,
  str,
  strOrNull,
  uuid,
  uuidOrNull,
} from '../common/http/api-docs.js';

export const scheduledSessionSchema = object(
  {
    id: uuid,
    caseId: uuid,
    caseNumber: strOrNull('案号'),
    caseType: str('案由'),
    startsAt: instant,
    endsAt: instant,
    place: strOrNull('地点'),
    videoUrl: strOrNull('视频调解链接'),
    parties: arrayOf(object({ id: uuid, name: str(), role: str('PLAINTIFF、DEFENDANT 或 THIRD_PARTY') })),
    status: str('SCHEDULED 已预约、HELD 已举行、MISSED 未到场'),
    movedCount: int('改期次数'),
    moveReason: strOrNull('最近一次改期的原因'),
    heldSessionId: uuidOrNull,
    absentPartyIds: { type: 'array', items: uuid, nullable: true },
    missedNote: strOrNull(),
    mediatorUserId: uuidOrNull,
  },
  '预约的调解',
);

export const myAgendaSchema = object(
  {
    today: arrayOf(scheduledSessionSchema, '今天'),
    thisWeek: arrayOf(scheduledSessionSchema, '本周其余日子'),
    upcoming: arrayOf(scheduledSessionSchema, '以后'),
    on: date('今天（中国日期）'),
    weekEndsOn: date('本周日'),
  },
  '我的日程',
);

export const calendarFeedStatusSchema = object(
  { active: bool('是否已开通'), createdAt: instantOrNull },
  '日程订阅（地址只在生成时给出）',
);

export const calendarFeedSchema = object(
  {
    active: bool('是否已开通'),
    createdAt: instantOrNull,
    path: str('订阅地址（仅生成时显示一次）'),
  },
  '日程订阅',
);
