// 答复提醒: a party who was served the notice online (an SMS link) and has not answered by the notice's reply date
// gets one SMS reminder through the sender, once per notice. A party who declined electronic service is not
// reminded by SMS (she is served on paper); the clerk's own reminder is NOTICE_REPLY_OVERDUE (src/reminders/).
import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { chinaDate } from '../common/china-time.js';
import { Clock } from '../common/clock.js';
import { runScheduled, underJobLock } from '../common/timed-job.js';
import { MessageSender } from '../messages/message-sender.service.js';

/**
 * The parties due a reminder on $1 (today, China): the case still waits for answers, the latest notice's reply
 * date is past, the party has a phone, was served that notice by SMS link, has not answered, has not declined
 * electronic service (her latest 《送达地址确认书》), and has had no reminder since that notice was issued.
 */
const DUE_SQL = `
  SELECT c.id AS case_id, c.court_id, p.id AS party_id, p.name, p.phone, ct.name AS court_name, ct.phone AS court_phone,
    n.title, n.number, to_char(n.reply_by, 'YYYY-MM-DD') AS reply_by
  FROM cases c
  JOIN courts ct ON ct.id = c.court_id
  CROSS JOIN LATERAL (
    SELECT rn.id, rn.issued_at, rn.number, rn.content ->> 'title' AS title,
      COALESCE((rn.content -> 'contact' ->> 'replyBy')::date,
        (rn.issued_at AT TIME ZONE 'Asia/Shanghai')::date + ct.notice_reply_days) AS reply_by
    FROM referral_notices rn WHERE rn.case_id = c.id ORDER BY rn.notice_version DESC LIMIT 1) n
  JOIN parties p ON p.case_id = c.id
  WHERE c.status = 'NOTICE_ISSUED' AND n.reply_by < $1::date AND p.phone IS NOT NULL
    AND EXISTS (SELECT 1 FROM service_records sr
                WHERE sr.party_id = p.id AND sr.document_id = n.id AND sr.channel = 'SMS_LINK')
    AND NOT EXISTS (SELECT 1 FROM party_answers a WHERE a.party_id = p.id)
    AND COALESCE((SELECT sc.consent_electronic FROM party_service_confirmations sc WHERE sc.party_id = p.id
                  ORDER BY sc.confirmed_at DESC, sc.id DESC LIMIT 1), true)
    AND NOT EXISTS (SELECT 1 FROM outbound_messages om
                    WHERE om.party_id = p.id AND om.case_id = c.id AND om.purpose = 'PARTY_REMINDER'
                      AND om.created_at >= n.issued_at)
  ORDER BY c.id, p.id`;

interface DueRow {
  case_id: string;
  court_id: string;
  party_id: string;
  name: string;
  phone: string;
  court_name: string;
  court_phone: string | null;
  title: string;
  number: string;
  reply_by: string;
}

@Injectable()
export class PartyRemindersService {
  private readonly logger = new Logger(PartyRemindersService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sender: MessageSender,
    private readonly clock: Clock,
  ) {}

  @Cron(CronExpression.EVERY_HOUR, { name: 'party-reply-reminders' })
  scheduled(): Promise<void> {
    return runScheduled(
      this.logger,
      'party reply reminders',
      () => this.run(),
      (r) => r.reminded > 0,
    );
  }

  /** Queues one reminder per party due one; how many. */
  async run(now: Date = this.clock.now()): Promise<{ reminded: number }> {
    const sent = await underJobLock(this.dataSource, 'partyReminders', async (m) => {
      const rows: DueRow[] = await m.query(DUE_SQL, [chinaDate(now)]);
      for (const r of rows) {
        await this.sender.enqueue(m, {
          courtId: r.court_id,
          caseId: r.case_id,
          partyId: r.party_id,
          channel: 'SMS',
          recipient: r.phone,
          body:
            `【${r.court_name}】${r.name}，您好：本院向您送达的《${r.title}》（${r.number}）请于${r.reply_by}前答复，` +
            `答复期限已过，您尚未答复是否同意调解。请尽快打开此前短信中的链接在线答复` +
            `${r.court_phone ? `，或拨打 ${r.court_phone} 联系法院` : '，或联系法院'}。`,
          purpose: 'PARTY_REMINDER',
        });
      }
      return rows.length;
    });
    const reminded = sent ?? 0;
    if (reminded > 0) this.sender.dispatchSoon();
    return { reminded };
  }
}
