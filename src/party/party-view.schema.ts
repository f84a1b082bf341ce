import {
  arrayOf,
  bool,
  date,
  dateOrNull,
  instant,
  instantOrNull,
  object,
  str,
  strOrNull,
  uuid,
  uuidOrNull,
  type SchemaObject,
} from '../common/http/api-docs.js';

const nullable = (schema: SchemaObject): SchemaObject => ({ ...schema, nullable: true });

export const invitationsSchema = object(
  {
    invitations: arrayOf(object({ partyId: uuid, messageId: uuid, expiresAt: instant }, '一份邀请')),
    skipped: arrayOf(object({ partyId: uuid, reason: str('NO_PHONE | ELECTRONIC_SERVICE_DECLINED'), message: str() })),
  },
  '已发出的邀请',
);

export const serviceRecordsSchema = object(
  {
    items: arrayOf(
      object(
        {
          id: uuid,
          partyId: uuid,
          partyName: str(),
          partyRole: str(),
          partyRoleLabel: str(),
          documentKind: str('REFERRAL_NOTICE'),
          documentId: uuid,
          channel: str('WINDOW | POST | SMS_LINK | EMAIL | PLATFORM'),
          channelLabel: str(),
          messageId: uuidOrNull,
          messageStatus: strOrNull('QUEUED | SENT | DELIVERED | FAILED'),
          addressConfirmed: bool('发送时当事人已同意电子送达并确认地址'),
          sentAt: instant,
          reachedAt: instantOrNull,
          openedAt: instantOrNull,
          actedAt: instantOrNull,
          complete: bool('送达是否完成（在线诉讼规则第三十一条）'),
          completedAt: instantOrNull,
          completionBasis: strOrNull('REACHED_CONFIRMED_ADDRESS | PARTY_ACTED'),
          completionBasisLabel: strOrNull(),
        },
        '一条送达记录',
      ),
    ),
    parties: arrayOf(
      object(
        {
          partyId: uuid,
          name: str(),
          roleLabel: str(),
          invited: bool(),
          verifiedAt: instantOrNull,
          answer: nullable(object({ decision: str(), channel: str(), answeredOn: date() }, '意见（未答复为 null）')),
        },
        '当事人在线参与情况',
      ),
    ),
  },
  '送达记录',
);

export const challengeSchema = object(
  { challengeId: uuid, expiresAt: instant, codeSentTo: str('验证码发往的手机号（部分隐藏）') },
  '验证码已发送',
);
export const partyTokenSchema = object({ partyToken: str('当事人令牌'), expiresAt: instant }, '身份已验证');

const answerSchema = object({ decision: str(), decisionLabel: str(), channel: str(), answeredOn: date() }, '意见');
const serviceAddressProps = {
  address: str(),
  email: strOrNull(),
  consentToElectronicService: bool(),
  confirmedAt: instant,
};

export const partyCaseSchema = object(
  {
    court: object({ name: str(), phone: strOrNull(), address: strOrNull() }, '法院'),
    case: object(
      {
        caseType: str(),
        procedure: str(),
        procedureLabel: str(),
        number: strOrNull('案号'),
        status: str(),
        statusLabel: str(),
        inPlainWords: str('案件现状的说明'),
        deadlines: object({ replyBy: dateOrNull('答复期限'), mediationDeadline: dateOrNull('调解期限') }, '期限'),
      },
      '案件',
    ),
    you: object(
      {
        partyId: uuid,
        name: str(),
        role: str(),
        roleLabel: str(),
        idNumber: strOrNull('证件号（部分隐藏）'),
        phone: strOrNull('手机号（部分隐藏）'),
        serviceAddress: nullable(object(serviceAddressProps, '送达地址确认（未确认为 null）')),
      },
      '本人',
    ),
    otherParties: arrayOf(object({ name: str(), role: str(), roleLabel: str() }, '其他当事人（仅姓名和地位）')),
    answer: nullable(answerSchema),
    canAnswer: bool('现在是否可以答复'),
    sessions: arrayOf(
      object(
        {
          id: uuid,
          status: str('SCHEDULED 已预约 | HELD 已举行'),
          statusLabel: str(),
          startsAt: instant,
          endsAt: instant,
          startsAtChina: str('开始时间（北京时间）'),
          endsAtChina: str('结束时刻（北京时间）'),
          place: strOrNull('地点'),
          videoUrl: strOrNull('视频调解链接（https）'),
        },
        '调解安排',
      ),
      '邀请本人参加的调解：尚未举行的预约和最近一次已举行的',
    ),
    undisputedFacts: nullable(
      object(
        {
          text: str('无争议事实'),
          sha256: str('文本（UTF-8）的 SHA-256'),
          concludedOn: date('调解结束日期'),
          confirmedAt: instantOrNull,
          canConfirm: bool('本人是否还可确认'),
        },
        '调解不成时记录的无争议事实（没有为 null）',
      ),
    ),
  },
  '当事人看到的案件',
);

export const partyDocumentsSchema = object(
  {
    items: arrayOf(
      object(
        {
          id: uuid,
          kind: str('REFERRAL_NOTICE'),
          title: str(),
          number: str(),
          issuedAt: instant,
          sections: arrayOf(object({ heading: str(), paragraphs: arrayOf(str()) }, '一节')),
          pdfUrl: str(),
        },
        '一份文书',
      ),
    ),
  },
  '送达给本人的文书',
);

export const partyAnswerSchema = object(
  {
    answer: answerSchema,
    case: object({ status: str(), statusLabel: str(), inPlainWords: str() }, '案件现状'),
  },
  '意见已记录',
);

export const partyServiceAddressSchema = object(
  { ...serviceAddressProps, phone: strOrNull('手机号（部分隐藏）') },
  '送达地址确认书已记录',
);

export const partyFactsConfirmationSchema = object(
  { sha256: str('所确认文本的 SHA-256'), confirmedAt: instant },
  '无争议事实已确认',
);
