import type { SchemaObject } from '../common/http/api-docs.js';
import * as s from '../common/http/schemas.js';

const nullable = (schema: SchemaObject): SchemaObject => ({ ...schema, nullable: true });

export const invitationsSchema = s.object(
  {
    invitations: s.arrayOf(s.object({ partyId: s.uuid, messageId: s.uuid, expiresAt: s.instant }, '一份邀请')),
    skipped: s.arrayOf(
      s.object({ partyId: s.uuid, reason: s.str('NO_PHONE | ELECTRONIC_SERVICE_DECLINED'), message: s.str() }),
    ),
  },
  '已发出的邀请',
);

export const serviceRecordsSchema = s.object(
  {
    items: s.arrayOf(
      s.object(
        {
          id: s.uuid,
          partyId: s.uuid,
          partyName: s.str(),
          partyRole: s.str(),
          partyRoleLabel: s.str(),
          documentKind: s.str('REFERRAL_NOTICE'),
          documentId: s.uuid,
          channel: s.str('WINDOW | POST | SMS_LINK | EMAIL | PLATFORM'),
          channelLabel: s.str(),
          messageId: s.uuidOrNull,
          messageStatus: s.strOrNull('QUEUED | SENT | DELIVERED | FAILED'),
          addressConfirmed: s.bool('发送时当事人已同意电子送达并确认地址'),
          sentAt: s.instant,
          reachedAt: s.instantOrNull,
          openedAt: s.instantOrNull,
          actedAt: s.instantOrNull,
          complete: s.bool('送达是否完成（在线诉讼规则第三十一条）'),
          completedAt: s.instantOrNull,
          completionBasis: s.strOrNull('REACHED_CONFIRMED_ADDRESS | PARTY_ACTED'),
          completionBasisLabel: s.strOrNull(),
        },
        '一条送达记录',
      ),
    ),
    parties: s.arrayOf(
      s.object(
        {
          partyId: s.uuid,
          name: s.str(),
          roleLabel: s.str(),
          invited: s.bool(),
          verifiedAt: s.instantOrNull,
          answer: nullable(
            s.object({ decision: s.str(), channel: s.str(), answeredOn: s.date() }, '意见（未答复为 null）'),
          ),
        },
        '当事人在线参与情况',
      ),
    ),
  },
  '送达记录',
);

export const challengeSchema = s.object(
  { challengeId: s.uuid, expiresAt: s.instant, codeSentTo: s.str('验证码发往的手机号（部分隐藏）') },
  '验证码已发送',
);
export const partyTokenSchema = s.object({ partyToken: s.str('当事人令牌'), expiresAt: s.instant }, '身份已验证');

const answerSchema = s.object(
  { decision: s.str(), decisionLabel: s.str(), channel: s.str(), answeredOn: s.date() },
  '意见',
);
const serviceAddressProps = {
  address: s.str(),
  email: s.strOrNull(),
  consentToElectronicService: s.bool(),
  confirmedAt: s.instant,
};

export const partyCaseSchema = s.object(
  {
    court: s.object({ name: s.str(), phone: s.strOrNull(), address: s.strOrNull() }, '法院'),
    case: s.object(
      {
        caseType: s.str(),
        procedure: s.str(),
        procedureLabel: s.str(),
        number: s.strOrNull('案号'),
        status: s.str(),
        statusLabel: s.str(),
        inPlainWords: s.str('案件现状的说明'),
        deadlines: s.object({ replyBy: s.dateOrNull('答复期限'), mediationDeadline: s.dateOrNull('调解期限') }, '期限'),
      },
      '案件',
    ),
    you: s.object(
      {
        partyId: s.uuid,
        name: s.str(),
        role: s.str(),
        roleLabel: s.str(),
        idNumber: s.strOrNull('证件号（部分隐藏）'),
        phone: s.strOrNull('手机号（部分隐藏）'),
        serviceAddress: nullable(s.object(serviceAddressProps, '送达地址确认（未确认为 null）')),
      },
      '本人',
    ),
    otherParties: s.arrayOf(
      s.object({ name: s.str(), role: s.str(), roleLabel: s.str() }, '其他当事人（仅姓名和地位）'),
    ),
    answer: nullable(answerSchema),
    canAnswer: s.bool('现在是否可以答复'),
    sessions: s.arrayOf(
      s.object(
        {
          id: s.uuid,
          status: s.str('SCHEDULED 已预约 | HELD 已举行'),
          statusLabel: s.str(),
          startsAt: s.instant,
          endsAt: s.instant,
          startsAtChina: s.str('开始时间（北京时间）'),
          endsAtChina: s.str('结束时刻（北京时间）'),
          place: s.strOrNull('地点'),
          videoUrl: s.strOrNull('视频调解链接（https）'),
        },
        '调解安排',
      ),
      '邀请本人参加的调解：尚未举行的预约和最近一次已举行的',
    ),
    undisputedFacts: nullable(
      s.object(
        {
          text: s.str('无争议事实'),
          sha256: s.str('文本（UTF-8）的 SHA-256'),
          concludedOn: s.date('调解结束日期'),
          confirmedAt: s.instantOrNull,
          canConfirm: s.bool('本人是否还可确认'),
        },
        '调解不成时记录的无争议事实（没有为 null）',
      ),
    ),
  },
  '当事人看到的案件',
);

export const partyDocumentsSchema = s.object(
  {
    items: s.arrayOf(
      s.object(
        {
          id: s.uuid,
          kind: s.str('REFERRAL_NOTICE'),
          title: s.str(),
          number: s.str(),
          issuedAt: s.instant,
          sections: s.arrayOf(s.object({ heading: s.str(), paragraphs: s.arrayOf(s.str()) }, '一节')),
          pdfUrl: s.str(),
        },
        '一份文书',
      ),
    ),
  },
  '送达给本人的文书',
);

export const partyAnswerSchema = s.object(
  {
    answer: answerSchema,
    case: s.object({ status: s.str(), statusLabel: s.str(), inPlainWords: s.str() }, '案件现状'),
  },
  '意见已记录',
);

export const partyServiceAddressSchema = s.object(
  { ...serviceAddressProps, phone: s.strOrNull('手机号（部分隐藏）') },
  '送达地址确认书已记录',
);

export const partyFactsConfirmationSchema = s.object(
  { sha256: s.str('所确认文本的 SHA-256'), confirmedAt: s.instant },
  '无争议事实已确认',
);
