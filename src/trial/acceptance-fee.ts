// The case acceptance fee (案件受理费) of 《诉讼费用交纳办法》: art. 13 (property cases by band, non-property cases
// by the piece within a range the court sets), art. 16 (简易程序 halves it). Pure: amounts in fen, rates in per
// mille so that every band's share is exact until the one rounding to the fen (half up).
import type { TrialProcedure } from '../cases/procedure.js';

/** Non-property cases (非财产案件, art. 13(2)) and labour disputes (art. 13(5)), as a court maps its case types. */
export const NON_PROPERTY_KINDS = ['DIVORCE', 'PERSONALITY', 'OTHER', 'LABOUR'] as const;
export type NonPropertyKind = (typeof NON_PROPERTY_KINDS)[number];
export type FeeKind = 'PROPERTY' | NonPropertyKind;

export const FEE_KIND_LABELS: Record<FeeKind, string> = {
  PROPERTY: '财产案件',
  DIVORCE: '离婚案件',
  PERSONALITY: '侵害人格权案件',
  OTHER: '其他非财产案件',
  LABOUR: '劳动争议案件',
};

/** The piece amount's legal range of each non-property kind, in fen (a court chooses within it). */
export const NON_PROPERTY_RANGES: Record<NonPropertyKind, { min: bigint; max: bigint }> = {
  DIVORCE: { min: 5_000n, max: 30_000n },
  PERSONALITY: { min: 10_000n, max: 50_000n },
  OTHER: { min: 5_000n, max: 10_000n },
  LABOUR: { min: 1_000n, max: 1_000n },
};

/** A share of the claim between two amounts (fen; `to` null: no upper end), charged at `permille` ‰. */
interface Band {
  from: bigint;
  to: bigint | null;
  permille: bigint;
}

const YUAN = 100n;
const WAN = 10_000n * YUAN;

/** Art. 13(1): the first 10,000 yuan cost 50 yuan a case; above it, cumulatively by band. */
const PROPERTY_BASE_FEN = 50n * YUAN;
const PROPERTY_BANDS: readonly Band[] = [
  { from: 1n * WAN, to: 10n * WAN, permille: 25n },
  { from: 10n * WAN, to: 20n * WAN, permille: 20n },
  { from: 20n * WAN, to: 50n * WAN, permille: 15n },
  { from: 50n * WAN, to: 100n * WAN, permille: 10n },
  { from: 100n * WAN, to: 200n * WAN, permille: 9n },
  { from: 200n * WAN, to: 500n * WAN, permille: 8n },
  { from: 500n * WAN, to: 1_000n * WAN, permille: 7n },
  { from: 1_000n * WAN, to: 2_000n * WAN, permille: 6n },
  { from: 2_000n * WAN, to: null, permille: 5n },
];
/** Art. 13(2)(1): a divorce's property over 200,000 yuan adds 0.5 %. */
const DIVORCE_PROPERTY_BANDS: readonly Band[] = [{ from: 20n * WAN, to: null, permille: 5n }];
/** Art. 13(2)(2): damages claimed for personality rights: 1 % of 50,000-100,000 yuan, 0.5 % above. */
const PERSONALITY_DAMAGES_BANDS: readonly Band[] = [
  { from: 5n * WAN, to: 10n * WAN, permille: 10n },
  { from: 10n * WAN, to: null, permille: 5n },
];

/** One line of the computation, as the notice and the calculator show it. */
interface FeeLine {
  /** For people: `超过1万元至10万元的部分` or `离婚案件按件`. */
  label: string;
  /** The share of the claim this line charges (fen); null for a charge by the piece. */
  baseFen: bigint | null;
  /** `2.5%`; null for a charge by the piece. */
  rate: string | null;
  /** This line's fee, rounded to the fen (only the last band can have a fraction of a fen). */
  fen: bigint;
}

export interface AcceptanceFee {
  kind: FeeKind;
  /** The fee by art. 13, rounded to the fen. */
  fullFen: bigint;
  /** What is to be paid: halved under 简易程序 (art. 16), rounded to the fen, half up. */
  fen: bigint;
  halved: boolean;
  lines: FeeLine[];
  /** The legal basis in one sentence, for the notice. */
  basis: string;
}

export interface FeeInput {
  claimFen: bigint;
  trialProcedure: TrialProcedure;
  /** The case type's non-property kind and the court's piece amount; absent: a property case. */
  nonProperty?: { kind: NonPropertyKind; pieceFen: bigint };
}

/** fen * 1000 -> fen, half up (amounts are never negative). */
const roundMillifen = (millifen: bigint): bigint => (millifen + 500n) / 1000n;

function wanLabel(fen: bigint): string {
  const yuan = fen / YUAN;
  return yuan % 10_000n === 0n ? `${yuan / 10_000n}万元` : `${yuan}元`;
}

function bandLabel(band: Band): string {
  return band.to === null
    ? `超过${wanLabel(band.from)}的部分`
    : `超过${wanLabel(band.from)}至${wanLabel(band.to)}的部分`;
}

function rateLabel(permille: bigint): string {
  return `${permille / 10n}${permille % 10n === 0n ? '' : `.${permille % 10n}`}%`;
}

/** The lines of the bands the claim reaches, each charged on its own share. */
function bandLines(claimFen: bigint, bands: readonly Band[]): { lines: FeeLine[]; millifen: bigint } {
  const lines: FeeLine[] = [];
  let millifen = 0n;
  for (const band of bands) {
    if (claimFen <= band.from) break;
    const upper = band.to === null || claimFen < band.to ? claimFen : band.to;
    const share = upper - band.from;
    const exact = share * band.permille;
    millifen += exact;
    lines.push({ label: bandLabel(band), baseFen: share, rate: rateLabel(band.permille), fen: roundMillifen(exact) });
  }
  return { lines, millifen };
}

/** The legal basis, worded to read alone (the API) and inside 依照……的规定 (the notice). */
const BASIS_BY_KIND: Record<FeeKind, string> = {
  PROPERTY: '《诉讼费用交纳办法》第十三条第（一）项（财产案件根据诉讼请求的金额，按照比例分段累计交纳）',
  DIVORCE: '《诉讼费用交纳办法》第十三条第（二）项第1目（离婚案件按件交纳，涉及财产分割超过20万元的部分按0.5%交纳）',
  PERSONALITY:
    '《诉讼费用交纳办法》第十三条第（二）项第2目（侵害人格权的案件按件交纳，涉及损害赔偿的，超过5万元至10万元的部分按1%、超过10万元的部分按0.5%交纳）',
  OTHER: '《诉讼费用交纳办法》第十三条第（二）项第3目（其他非财产案件按件交纳）',
  LABOUR: '《诉讼费用交纳办法》第十三条第（五）项（劳动争议案件每件交纳10元）',
};
const HALVED_BASIS = '、第十六条（适用简易程序审理的案件减半交纳）';

/** Fee lines and their exact sum (fen * 1000) for one kind. */
function linesOf(input: FeeInput): { lines: FeeLine[]; millifen: bigint } {
  const { claimFen, nonProperty } = input;
  if (!nonProperty) {
    const base: FeeLine = { label: '不超过1万元的部分（按件）', baseFen: null, rate: null, fen: PROPERTY_BASE_FEN };
    const rest = bandLines(claimFen, PROPERTY_BANDS);
    return { lines: [base, ...rest.lines], millifen: PROPERTY_BASE_FEN * 1000n + rest.millifen };
  }
  const piece: FeeLine = {
    label: `${FEE_KIND_LABELS[nonProperty.kind]}按件`,
    baseFen: null,
    rate: null,
    fen: nonProperty.pieceFen,
  };
  const extra =
    nonProperty.kind === 'DIVORCE'
      ? bandLines(claimFen, DIVORCE_PROPERTY_BANDS)
      : nonProperty.kind === 'PERSONALITY'
        ? bandLines(claimFen, PERSONALITY_DAMAGES_BANDS)
        : { lines: [], millifen: 0n };
  return { lines: [piece, ...extra.lines], millifen: nonProperty.pieceFen * 1000n + extra.millifen };
}

/** The case acceptance fee of a claim (art. 13), halved under 简易程序 (art. 16). */
export function acceptanceFee(input: FeeInput): AcceptanceFee {
  if (input.claimFen < 0n) throw new RangeError('a claim is never negative');
  const kind: FeeKind = input.nonProperty?.kind ?? 'PROPERTY';
  const { lines, millifen } = linesOf(input);
  const fullFen = roundMillifen(millifen);
  const halved = input.trialProcedure === 'SIMPLE';
  return {
    kind,
    fullFen,
    fen: halved ? (fullFen + 1n) / 2n : fullFen,
    halved,
    lines,
    basis: BASIS_BY_KIND[kind] + (halved ? HALVED_BASIS : ''),
  };
}
