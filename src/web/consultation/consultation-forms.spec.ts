import { ReplyDto, SendConsultationDto } from '../../consultation/consultation.dto.js';
import { checkedDto } from '../kit/dto-check.js';
import {
  correctionStart,
  friendlyChoices,
  letterBody,
  readLetterForm,
  readReplyForm,
  replyBody,
  suggestionsOf,
} from './consultation-forms.js';

const CASE_ID = '3f2a1c9e-5b7d-4e8f-9a0b-1c2d3e4f5a6b';

describe('consultation forms', () => {
  it('sends the ticked questions, the other question only when typed, and the priority', async () => {
    const values = readLetterForm({ questions: ['问题一', ' 问题二 '], otherQuestion: '', priority: 'URGENT' });
    const body = letterBody(CASE_ID, values);
    expect(body).toEqual({ caseId: CASE_ID, questions: ['问题一', '问题二'], priority: 'URGENT' });
    await expect(checkedDto(SendConsultationDto, body)).resolves.toMatchObject({ priority: 'URGENT' });
  });

  it('takes one ticked question sent alone (a form field sent once is not a list)', () => {
    expect(readLetterForm({ questions: '问题一', priority: 'NORMAL' }).questions).toEqual(['问题一']);
  });

  it('joins ticked and typed suggestions, each once, in order', async () => {
    const values = readReplyForm({
      assessment: 'PARTIALLY_ENFORCEABLE',
      opinion: '意见',
      suggestions: ['诉前财产保全', '分期履行'],
      otherSuggestions: '提供担保\n\n分期履行\n  由第三人保证 ',
    });
    expect(suggestionsOf(values)).toEqual(['诉前财产保全', '分期履行', '提供担保', '由第三人保证']);
    await expect(checkedDto(ReplyDto, replyBody(values, 2))).resolves.toMatchObject({ version: 2 });
  });

  it('starts a correction from the reply in force, its own suggestions apart from the standard ones', () => {
    const start = correctionStart(
      { assessment: 'ENFORCEABLE', opinion: '有存款', suggestions: ['提供担保', '由第三人保证'] },
      ['诉前财产保全', '提供担保', '分期履行'],
    );
    expect(start).toEqual({
      assessment: 'ENFORCEABLE',
      opinion: '有存款',
      suggestions: ['提供担保'],
      otherSuggestions: '由第三人保证',
      reason: '',
    });
  });

  it('asks plainly for a choice instead of listing codes', () => {
    expect(friendlyChoices({ assessment: '应为 ENFORCEABLE…', opinion: '应为 1 至 5000 字' })).toEqual({
      assessment: '请选择评估结论',
      opinion: '应为 1 至 5000 字',
    });
  });
});
