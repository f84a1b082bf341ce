import { placeText } from './own-ranking-view.js';

describe('a basic court’s own place (赛马比拼)', () => {
  it('writes the place among the courts ranked on the indicator', () => {
    expect(placeText({ rank: 2, rankedCourts: 3, smallSample: false })).toBe('第2名/共3家');
    expect(placeText({ rank: 1, rankedCourts: 1, smallSample: false })).toBe('第1名/共1家');
  });

  it('says why there is no place', () => {
    expect(placeText({ rank: null, rankedCourts: 2, smallSample: true })).toBe('样本少，不排名');
    expect(placeText({ rank: null, rankedCourts: 0, smallSample: false })).toBe('无数值，不排名');
  });
});
