// When electronic service is complete (送达完成), by 《人民法院在线诉讼规则》 art. 31: to an electronic address
// the party confirmed (with consent to electronic service), on the day it reaches that address; otherwise
// on the party's reply or corresponding act (an answer, an address confirmation given online).
interface ServiceFacts {
  addressConfirmed: boolean;
  reachedAt: Date | null;
  actedAt: Date | null;
}

type CompletionBasis = 'REACHED_CONFIRMED_ADDRESS' | 'PARTY_ACTED';

export const COMPLETION_BASIS_LABELS: Record<CompletionBasis, string> = {
  REACHED_CONFIRMED_ADDRESS: '到达受送达人确认的电子地址（在线诉讼规则第三十一条第一款第一项）',
  PARTY_ACTED: '受送达人作出相应行为（在线诉讼规则第三十一条第一款第二项）',
};

export function serviceCompletion(facts: ServiceFacts): { completedAt: Date; basis: CompletionBasis } | null {
  if (facts.addressConfirmed && facts.reachedAt)
    return { completedAt: facts.reachedAt, basis: 'REACHED_CONFIRMED_ADDRESS' };
  if (facts.actedAt) return { completedAt: facts.actedAt, basis: 'PARTY_ACTED' };
  return null;
}
