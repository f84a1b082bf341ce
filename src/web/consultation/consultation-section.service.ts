// The consultation part of the case page (执行咨询函): the case's letters with their replies (the version in
// force, earlier versions readable), and the form to send a letter for those who may send one.
import { hasPermission } from '../../auth/permissions.js';
import { Injectable } from '@nestjs/common';
import { hasRole, type Actor } from '../../common/actor.js';
import { ConsultationReadService } from '../../consultation/consultation-read.service.js';
import {
  COORDINATOR_CONSULTABLE_STATUSES,
  PRIORITY_LABELS,
  type Priority,
} from '../../consultation/consultation-rules.js';
import type { Case } from '../../cases/case.entity.js';
import type { LetterFormValues } from './consultation-forms.js';
import { blankForm } from '../kit/form-refusal.js';
import type { LoadedCase } from '../cases/loaded-case.js';

@Injectable()
export class ConsultationSectionService {
  constructor(private readonly reader: ConsultationReadService) {}

  /** Null for roles that do not read a case's letters. */
  async forCase(actor: Actor, { c }: LoadedCase, saved?: string) {
    if (!hasPermission(actor, 'consultations.readForCase')) return null;
    const { items } = await this.reader.forLoadedCase(actor, c);
    // Earlier reply versions only exist after a correction; those letters are read in full.
    const letters = await Promise.all(
      items.map(async (letter) => ({
        ...letter,
        earlierReplies:
          (letter.currentReply?.version ?? 0) > 1
            ? (await this.reader.get(actor, letter.id)).replies.filter((r) => !r.current).reverse()
            : [],
      })),
    );
    const options = this.reader.formOptions();
    return {
      saved: saved === 'letter' ? '执行咨询函已发送。执行局答复后，答复会显示在这里。' : undefined,
      letters,
      send: this.sendability(actor, c),
      form: blankForm<LetterFormValues>({ questions: [], otherQuestion: '', priority: 'NORMAL' }),
      options: {
        standardQuestions: options.standardQuestions,
        priorities: (Object.keys(PRIORITY_LABELS) as Priority[]).map((value) => ({
          value,
          label: PRIORITY_LABELS[value],
          days: options.replyWorkingDays[value],
        })),
      },
    };
  }

  /** Whether the actor may send a letter on this case now, and if not, why (shown instead of the form). */
  private sendability(actor: Actor, c: Case): { allowed: boolean; reason?: string } {
    if (!hasPermission(actor, 'consultations.send')) return { allowed: false };
    if (!actor.divisionId) {
      return { allowed: false, reason: '您的账号未设置所属部门，不能发送执行咨询函；请联系系统管理员。' };
    }
    if (!hasRole(actor, 'JUDGE') && !COORDINATOR_CONSULTABLE_STATUSES.includes(c.status)) {
      return { allowed: false, reason: '诉调对接中心只能在调解期间（已分派、调解中）发送执行咨询函。' };
    }
    return { allowed: true };
  }
}
