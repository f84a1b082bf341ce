// The consultation pages (执行咨询函): sending a letter from the case page, the bureau's inbox and the
// sender division's outbox, one letter with its replies, and the reply and correction forms.
import { hasPermission } from '../../auth/permissions.js';
import { Injectable } from '@nestjs/common';
import { hasRole, type Actor } from '../../common/actor.js';
import { chinaDate } from '../../common/china-time.js';
import { Clock } from '../../common/clock.js';
import type { UploadPart } from '../../common/http/multipart.js';
import { ConsultationAttachmentService } from '../../consultation/consultation-attachment.service.js';
import { ConsultationReadService } from '../../consultation/consultation-read.service.js';
import {
  ASSESSMENT_LABELS,
  MAX_ATTACHMENTS_PER_LETTER,
  type Assessment,
} from '../../consultation/consultation-rules.js';
import {
  CorrectReplyDto,
  ReplyDto,
  SendConsultationDto,
  STATUS_FILTERS,
  type Box,
  type StatusFilter,
} from '../../consultation/consultation.dto.js';
import { ConsultationService } from '../../consultation/consultation.service.js';
import { attachmentFromParts, attachmentRefusal, type AttachmentRefusal } from './attachment-upload.js';
import { CasePagesService } from '../cases/case-pages.service.js';
import {
  correctionBody,
  correctionStart,
  friendlyChoices,
  letterBody,
  readLetterForm,
  readReplyForm,
  replyBody,
  type ReplyFormValues,
} from './consultation-forms.js';
import { checkedDto } from '../kit/dto-check.js';
import type { FormFields } from '../kit/form-body.js';
import { blankForm, refusalOf, refusedForm, type FormState, type Refusal } from '../kit/form-refusal.js';
import { versionOf } from '../mediation/mediation-forms.js';
import { Redirect, View } from '../kit/page-result.js';

const BOX_SIZE = 50;

const STATUS_FILTER_LABELS: Record<StatusFilter, string> = { SENT: '待答复', REPLIED: '已答复', OVERDUE: '超期' };

const SAVED_MESSAGES: Record<string, string> = {
  reply: '答复已发送。发函部门和本案调解员可在案件页面看到答复。',
  correction: '更正已保存。此前的答复版本仍保留可查。',
  attachment: '附件已上传，执行局查看咨询函时可以下载。',
};

interface LetterForms {
  reply: FormState<ReplyFormValues>;
  correction: FormState<ReplyFormValues>;
  /** The file field holds nothing to show again; only its error. */
  attachment: FormState<Record<string, never>>;
}

@Injectable()
export class ConsultationPagesService {
  constructor(
    private readonly consultations: ConsultationService,
    private readonly reader: ConsultationReadService,
    private readonly attachments: ConsultationAttachmentService,
    private readonly casePages: CasePagesService,
    private readonly clock: Clock,
  ) {}

  /** 发函 from the case page: back to the case, where the letter now shows. */
  async send(actor: Actor, caseId: string, fields: FormFields): Promise<Redirect | View> {
    const values = readLetterForm(fields);
    try {
      const dto = await checkedDto(SendConsultationDto, letterBody(caseId, values));
      await this.consultations.send(actor, dto);
      return new Redirect(`/cases/${caseId}?saved=letter#consultations`);
    } catch (error) {
      const refusal = refusalOf(error);
      if (!refusal) throw error;
      const page = await this.casePages.casePage(actor, caseId, false);
      if (page.consultations) {
        page.consultations.form = refusedForm(values, { ...refusal, errors: friendlyChoices(refusal.errors) });
      }
      return new View('cases/show', page, refusal.status);
    }
  }

  /** 收件箱 (the bureau) or 发件箱 (the sender's division), optionally of one status, 50 a page. */
  async box(actor: Actor, box: Box, status: string | undefined, cursor: string | undefined) {
    const filter = (STATUS_FILTERS as readonly string[]).includes(status ?? '') ? (status as StatusFilter) : undefined;
    const page = await this.reader.list(actor, { box, status: filter, cursor: cursor || undefined, limit: BOX_SIZE });
    const today = chinaDate(this.clock.now());
    return {
      box,
      status: filter ?? '',
      statuses: STATUS_FILTERS.map((value) => ({ value, label: STATUS_FILTER_LABELS[value] })),
      letters: page.items.map((l) => ({ ...l, dueToday: l.status === 'SENT' && l.dueOn === today })),
      nextCursor: page.nextCursor,
      firstPage: !cursor,
    };
  }

  /** One letter: questions, attachments, every reply version; the reply or correction form for the bureau. */
  async letterPage(actor: Actor, id: string, saved?: string) {
    const letter = await this.reader.get(actor, id);
    const identified = await this.reader.letterParties(actor, id);
    const options = this.reader.formOptions();
    const current = letter.replies.find((r) => r.current) ?? null;
    const bureau = hasRole(actor, 'ENFORCEMENT');
    const blank: ReplyFormValues = { assessment: '', opinion: '', suggestions: [], otherSuggestions: '', reason: '' };
    const forms: LetterForms = {
      reply: blankForm(blank),
      correction: blankForm(current ? correctionStart(current, options.standardSuggestions) : blank),
      attachment: blankForm({}),
    };
    // The sender adds files while the letter awaits its reply (the service checks the same).
    const sender = letter.sender.userId === actor.userId && letter.status === 'SENT';
    return {
      letter,
      parties: identified.parties,
      claimAmount: identified.claimAmount,
      fullIdentity: hasRole(actor, 'ENFORCEMENT'),
      caseLink: hasPermission(actor, 'cases.read') ? `/cases/${letter.caseId}` : null,
      saved: saved ? SAVED_MESSAGES[saved] : undefined,
      savedWhat: saved,
      problem: undefined as string | undefined,
      current,
      earlier: letter.replies.filter((r) => !r.current).reverse(),
      can: {
        reply: bureau && letter.status === 'SENT',
        correct: bureau && letter.status === 'REPLIED',
        attach: sender && letter.attachments.length < MAX_ATTACHMENTS_PER_LETTER,
      },
      attachmentsFull: sender && letter.attachments.length >= MAX_ATTACHMENTS_PER_LETTER,
      maxAttachments: MAX_ATTACHMENTS_PER_LETTER,
      forms,
      options: {
        assessments: (Object.keys(ASSESSMENT_LABELS) as Assessment[]).map((value) => ({
          value,
          label: ASSESSMENT_LABELS[value],
        })),
        standardSuggestions: options.standardSuggestions,
      },
    };
  }

  async reply(actor: Actor, id: string, fields: FormFields): Promise<Redirect | View> {
    const values = readReplyForm(fields);
    try {
      const dto = await checkedDto(ReplyDto, replyBody(values, versionOf(fields)));
      await this.consultations.reply(actor, id, dto);
      return new Redirect(`/consultations/${id}?saved=reply`);
    } catch (error) {
      return this.showAgain(actor, id, refusalOf(error), error, 'reply', values);
    }
  }

  async correct(actor: Actor, id: string, fields: FormFields): Promise<Redirect | View> {
    const values = readReplyForm(fields);
    try {
      const dto = await checkedDto(CorrectReplyDto, correctionBody(values, versionOf(fields)));
      await this.consultations.correctReply(actor, id, dto);
      return new Redirect(`/consultations/${id}?saved=correction`);
    } catch (error) {
      return this.showAgain(actor, id, refusalOf(error), error, 'correction', values);
    }
  }

  /** 添加附件 (multipart, `_csrf` first): back to the letter's files, or the page with the refusal in place. */
  async addAttachment(actor: Actor, id: string, parts: AsyncIterable<UploadPart>): Promise<Redirect | View> {
    try {
      await this.attachments.add(actor, id, () => attachmentFromParts(parts));
      return new Redirect(`/consultations/${id}?saved=attachment#attachments`);
    } catch (error) {
      const refusal = attachmentRefusal(error);
      if (!refusal) throw error;
      return new View('consultation/letter', await this.attachmentRefused(actor, id, refusal), refusal.status);
    }
  }

  private async attachmentRefused(actor: Actor, id: string, refusal: AttachmentRefusal) {
    const page = await this.letterPage(actor, id);
    page.forms.attachment = {
      values: {},
      errors: refusal.file ? { file: refusal.file } : {},
      problem: refusal.problem,
      open: true,
    };
    if (!page.can.attach) page.problem = refusal.problem;
    return page;
  }

  /** The letter page afresh with the refused form as sent; a problem with a form no longer offered is said on top. */
  private async showAgain(
    actor: Actor,
    id: string,
    refusal: Refusal | undefined,
    error: unknown,
    form: 'reply' | 'correction',
    values: ReplyFormValues,
  ): Promise<View> {
    if (!refusal) throw error;
    const page = await this.letterPage(actor, id);
    page.forms[form] = refusedForm(values, { ...refusal, errors: friendlyChoices(refusal.errors) });
    const shown = form === 'reply' ? page.can.reply : page.can.correct;
    if (!shown) page.problem = refusal.problem;
    return new View('consultation/letter', page, refusal.status);
  }

  /** The printable letter with its reply, for a page session (the API's PDF route takes bearer tokens only). */
  pdf(actor: Actor, id: string) {
    return this.reader.pdf(actor, id);
  }

  attachment(actor: Actor, id: string, attachmentId: string) {
    return this.attachments.download(actor, id, attachmentId);
  }
}
