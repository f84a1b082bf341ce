// 群众评价 without an account: the page a party opens from the QR code or the address on their notice. It goes
// through PublicRatingService, as POST /api/v1/public/ratings does, so the one-time code is checked the same way.
import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { RatingOrigins } from '../../statistics/rating-origin.js';
import { PublicRatingService } from '../../statistics/public-rating.service.js';
import { PublicRatingDto } from '../../statistics/statistics.dto.js';
import { checkedDto } from '../kit/dto-check.js';
import { textField, type FormFields } from '../kit/form-body.js';
import { FORM_ERROR, formErrorStatus, formErrorsOf } from '../kit/form-refusal.js';
import { Redirect, View } from '../kit/page-result.js';

const SCORE_LABELS: Record<number, string> = {
  1: '很不满意',
  2: '不满意',
  3: '一般',
  4: '满意',
  5: '很满意',
};

interface RatingForm {
  code: string;
  score: string;
  comment: string;
}

const scores = () => [5, 4, 3, 2, 1].map((value) => ({ value: String(value), label: SCORE_LABELS[value] }));

@Injectable()
export class RatingPageService {
  constructor(
    private readonly ratings: PublicRatingService,
    private readonly origins: RatingOrigins,
  ) {}

  /** The code comes in the QR code's link (`/rate?code=…`); `done` after a rating was saved. */
  page(code: string | undefined, done: boolean) {
    return this.view({ code: code ?? '', score: '', comment: '' }, {}, done);
  }

  async rate(fields: FormFields, request: FastifyRequest): Promise<Redirect | View> {
    const form: RatingForm = {
      code: textField(fields, 'code'),
      score: textField(fields, 'score'),
      comment: textField(fields, 'comment'),
    };
    try {
      const dto = await checkedDto(PublicRatingDto, {
        code: form.code,
        score: /^[1-5]$/.test(form.score) ? Number(form.score) : form.score === '' ? undefined : form.score,
        comment: form.comment === '' ? undefined : form.comment,
      });
      await this.ratings.rate(dto, await this.origins.of(request));
      return new Redirect('/rate?done=1');
    } catch (error) {
      const errors = formErrorsOf(error);
      if (!errors) throw error;
      if (errors.score) errors.score = '请选择 1 至 5 颗星';
      if (errors.code && !form.code) errors.code = '请填写告知书上的群众评价码';
      // The service's answer about the code belongs next to the code.
      if (errors[FORM_ERROR]) {
        errors.code = errors[FORM_ERROR];
        delete errors[FORM_ERROR];
      }
      return new View('rate/index', this.view(form, errors, false), formErrorStatus(error));
    }
  }

  private view(form: RatingForm, errors: Record<string, string | undefined>, done: boolean) {
    return { form, errors, done, scores: scores() };
  }
}
