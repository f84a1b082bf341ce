import {
  NEUTRAL_SUCCESS,
  regionsInAddresses,
  SCORE_WEIGHTS,
  scoreMediator,
  type ScoreInput,
} from './mediator-score.js';

const CASE_TYPE = '民间借贷纠纷';
const ADDRESSES = ['北京市朝阳区建国路1号', '北京市海淀区中关村大街5号'];

function input(
  mediator: Partial<ScoreInput['mediator']> = {},
  workload: Partial<ScoreInput['workload']> = {},
): ScoreInput {
  return {
    caseType: CASE_TYPE,
    partyAddresses: ADDRESSES,
    mediator: { specialties: [], regions: [], capacity: 10, ...mediator },
    workload: { openCases: 0, concluded: 0, settled: 0, ...workload },
  };
}

const best = { specialties: [CASE_TYPE], regions: ['朝阳区'] };
const fullSuccess = { concluded: 10, settled: 10 };

describe('scoreMediator', () => {
  it('adds the weighted parts: 8·specialty + 4·region + 2·load + 1·success', () => {
    const result = scoreMediator(input(best, { openCases: 5, concluded: 4, settled: 3 }));
    expect(result.parts).toEqual({ specialty: 1, region: 1, load: 0.5, success: 0.75 });
    expect(result.score).toBe(8 + 4 + 2 * 0.5 + 0.75);
  });

  it('each weight outweighs all the weights below it together', () => {
    expect(SCORE_WEIGHTS.specialty).toBeGreaterThan(SCORE_WEIGHTS.region + SCORE_WEIGHTS.load + SCORE_WEIGHTS.success);
    expect(SCORE_WEIGHTS.region).toBeGreaterThan(SCORE_WEIGHTS.load + SCORE_WEIGHTS.success);
    expect(SCORE_WEIGHTS.load).toBeGreaterThan(SCORE_WEIGHTS.success);
  });

  it('specialty beats region, load and success together', () => {
    const specialist = scoreMediator(input({ specialties: [CASE_TYPE] }, { openCases: 9, concluded: 10, settled: 0 }));
    const local = scoreMediator(input({ regions: ['朝阳区'] }, { openCases: 0, ...fullSuccess }));
    expect(specialist.score).toBeGreaterThan(local.score);
  });

  it('region beats load and success together', () => {
    const local = scoreMediator(input({ regions: ['朝阳区'] }, { openCases: 9, concluded: 10, settled: 0 }));
    const idle = scoreMediator(input({ regions: ['丰台区'] }, { openCases: 0, ...fullSuccess }));
    expect(local.score).toBeGreaterThan(idle.score);
  });

  it('a free mediator beats a full-loaded one with a perfect record', () => {
    const free = scoreMediator(input({}, { openCases: 0, concluded: 10, settled: 0 }));
    const busy = scoreMediator(input({ capacity: 10 }, { openCases: 10, ...fullSuccess }));
    expect(free.score).toBeGreaterThan(busy.score);
  });

  it('with everything else equal, the better settled share ranks higher', () => {
    const good = scoreMediator(input(best, { openCases: 3, concluded: 10, settled: 8 }));
    const poor = scoreMediator(input(best, { openCases: 3, concluded: 10, settled: 2 }));
    expect(good.score).toBeGreaterThan(poor.score);
  });

  it('counts no record as a neutral success share and says so', () => {
    const result = scoreMediator(input());
    expect(result.parts.success).toBe(NEUTRAL_SUCCESS);
    expect(result.reasons[3]).toContain('没有结案记录');
  });

  it('gives no negative load over capacity', () => {
    expect(scoreMediator(input({ capacity: 2 }, { openCases: 5 })).parts.load).toBe(0);
  });

  it('explains every part in Chinese', () => {
    const { reasons } = scoreMediator(input(best, { openCases: 2, concluded: 5, settled: 4 }));
    expect(reasons).toEqual([
      '擅长本案案由“民间借贷纠纷”',
      '服务区域“朝阳区”与当事人地址相符',
      '在办案件 2 件，可承办 10 件，尚可接收 8 件',
      '近 90 日结案 5 件，调解成功 4 件（成功率 80%）',
    ]);
  });
});

describe('regionsInAddresses', () => {
  it('finds region names inside any address, ignoring blanks', () => {
    expect(regionsInAddresses(['朝阳区', ' ', '海淀区', '丰台区'], ADDRESSES)).toEqual(['朝阳区', '海淀区']);
  });

  it('matches nothing without addresses', () => {
    expect(regionsInAddresses(['朝阳区'], [])).toEqual([]);
  });
});
