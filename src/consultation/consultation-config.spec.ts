import { loadConsultationConfig, parseConsultationConfig } from './consultation-config.js';

const valid = {
  replyWorkingDays: { NORMAL: 5, URGENT: 2 },
  standardQuestions: ['被告名下是否有可供执行的财产'],
  standardSuggestions: ['诉前财产保全'],
};

describe('consultation config', () => {
  it('loads the shipped file: NORMAL 5 and URGENT 2 working days', () => {
    expect(loadConsultationConfig().replyWorkingDays).toEqual({ NORMAL: 5, URGENT: 2 });
  });

  it.each([
    ['a missing priority', { ...valid, replyWorkingDays: { NORMAL: 5 } }, /replyWorkingDays\.URGENT/],
    ['zero days', { ...valid, replyWorkingDays: { NORMAL: 0, URGENT: 0 } }, /replyWorkingDays\.NORMAL/],
    ['a fraction', { ...valid, replyWorkingDays: { NORMAL: 5, URGENT: 1.5 } }, /replyWorkingDays\.URGENT/],
    ['URGENT longer than NORMAL', { ...valid, replyWorkingDays: { NORMAL: 2, URGENT: 5 } }, /URGENT/],
    ['an empty question', { ...valid, standardQuestions: [''] }, /standardQuestions/],
    ['not an object', 'five', /consultation\.json/],
  ])('refuses %s, naming the key', (_label, raw, message) => {
    expect(() => parseConsultationConfig(raw)).toThrow(message);
  });
});
