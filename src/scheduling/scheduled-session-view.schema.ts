// The scheduled-session views of scheduled-sessions.service.ts as JSON schemas for the API document.
import * as s from '../common/http/schemas.js';

export const scheduledSessionSchema = s.object(
  {
    id: s.uuid,
    caseId: s.uuid,
    caseNumber: s.strOrNull('案号'),
    caseType: s.str('案由'),
    startsAt: s.instant,
    endsAt: s.instant,
    place: s.strOrNull('地点'),
    videoUrl: s.strOrNull('视频调解链接'),
    parties: s.arrayOf(s.object({ id: s.uuid, name: s.str(), role: s.str('PLAINTIFF、DEFENDANT 或 THIRD_PARTY') })),
    status: s.str('SCHEDULED 已预约、HELD 已举行、MISSED 未到场'),
    movedCount: s.int('改期次数'),
    moveReason: s.strOrNull('最近一次改期的原因'),
    heldSessionId: s.uuidOrNull,
    absentPartyIds: { type: 'array', items: s.uuid, nullable: true },
    missedNote: s.strOrNull(),
    mediatorUserId: s.uuidOrNull,
  },
  '预约的调解',
);

export const myAgendaSchema = s.object(
  {
    today: s.arrayOf(scheduledSessionSchema, '今天'),
    thisWeek: s.arrayOf(scheduledSessionSchema, '本周其余日子'),
    upcoming: s.arrayOf(scheduledSessionSchema, '以后'),
    on: s.date('今天（中国日期）'),
    weekEndsOn: s.date('本周日'),
  },
  '我的日程',
);

export const calendarFeedStatusSchema = s.object(
  { active: s.bool('是否已开通'), createdAt: s.instantOrNull },
  '日程订阅（地址只在生成时给出）',
);

export const calendarFeedSchema = s.object(
  {
    active: s.bool('是否已开通'),
    createdAt: s.instantOrNull,
    path: s.str('订阅地址（仅生成时显示一次）'),
  },
  '日程订阅',
);
