// The set-based SQL that fills the benchmark database. Every table is written by
// one INSERT ... SELECT over generate_series (or over the plan table built from
// it); every random choice is a seeded hash of the row number, so a seed and an
// as-of date give the same rows every time.
import { sqlUniform, sqlWeightedPick } from './random.js';

/**
 * A UUID from a text's md5 with the version (4) and variant bits set, as the API's @IsUUID checks for ids a client
 * sends back (the roster entry a coordinator assigns): a bare md5 is not one.
 */
const uuid4 = (text: string) => `overlay(overlay(md5(${text}) placing '4' from 13) placing '8' from 17)::uuid`;

export interface GenerationParams {
  seed: number;
  cases: number;
  courts: number;
  /** The China date the data ends on ("today" of the data set). */
  asOf: string;
  mediatorsPerCourt: number;
  organizationsPerCourt: number;
  caseTypes: { name: string; financial: boolean }[];
}

export interface Step {
  name: string;
  sql: string;
}

/**
 * What happened to each case, with its share of all cases. Open: about 10%
 * (2.5% before referral, 3% refused and waiting for transfer, 7% in mediation
 * counting REFERRED); the rest concluded or transferred to filing.
 */
export const FATES: [string, number][] = [
  ['REGISTERED', 1.0],
  ['NOTICE_ISSUED', 1.5],
  ['REFUSED', 3.0],
  ['REFERRED', 1.5],
  ['ASSIGNED', 2.0],
  ['IN_MEDIATION', 3.5],
  ['SETTLED', 45.0],
  ['FAILED', 9.0],
  ['WITHDRAWN', 5.0],
  ['EXPIRED', 2.0],
  ['T_REFUSED', 7.0],
  ['T_FAILED', 16.0],
  ['T_EXPIRED', 3.5],
];

const OPEN_MEDIATION = `('REFERRED', 'ASSIGNED', 'IN_MEDIATION')`;
const REFERRED_FATES = `('REFERRED', 'ASSIGNED', 'IN_MEDIATION', 'SETTLED', 'FAILED', 'WITHDRAWN', 'EXPIRED', 'T_FAILED', 'T_EXPIRED')`;
const MEDIATED_OUTCOMES = `('SETTLED', 'FAILED', 'WITHDRAWN', 'T_FAILED')`;

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹';
const GIVEN_NAMES = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀兰',
  '霞',
  '平',
  '刚',
  '桂英',
  '建国',
  '建华',
  '志强',
  '海燕',
  '丽娟',
  '文博',
  '子涵',
  '欣怡',
  '浩然',
  '雨桐',
];
const BANKS = [
  '中国工商银行',
  '中国建设银行',
  '中国农业银行',
  '中国银行',
  '交通银行',
  '招商银行',
  '北京银行',
  '中信银行',
];
const COMPANIES = [
  '恒信商贸',
  '安居物业服务',
  '顺达运输',
  '宏图建设工程',
  '鑫源餐饮管理',
  '博远科技',
  '华美装饰',
  '长青医疗器械',
];
const ROADS = [
  '建国路',
  '朝阳北路',
  '望京街',
  '中关村大街',
  '学院路',
  '复兴路',
  '长安街',
  '丰台路',
  '东四环中路',
  '西直门外大街',
];

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

function textArray(values: string[]): string {
  return `(ARRAY[${values.map((v) => `'${v}'`).join(', ')}]::text[])`;
}

/** Σ digit(i) × weight(i) over the first 17 characters of `$1` (all digits in our generated numbers). */
function weightedDigitSum(weights: number[]): string {
  return weights.map((w, i) => `substr($1, ${i + 1}, 1)::int * ${w}`).join(' + ');
}

/** Helper functions in pg_temp (gone with the session): names and valid identity numbers. */
function helperFunctions(seed: number): Step {
  return {
    name: 'helper functions',
    sql: `
      CREATE FUNCTION pg_temp.bench_resident_id(text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
        SELECT $1 || substr('10X98765432', (${weightedDigitSum(ID_WEIGHTS)}) % 11 + 1, 1) $$;
      CREATE FUNCTION pg_temp.bench_credit_code(text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
        SELECT $1 || substr('0123456789ABCDEFGHJKLMNPQRTUWXY', (31 - (${weightedDigitSum(USCC_WEIGHTS)}) % 31) % 31 + 1, 1) $$;
      -- Person k of a court's identity pool: area code, a birth date in 1950-1999, a sequence.
      CREATE FUNCTION pg_temp.bench_person_id(area text, k bigint) RETURNS text LANGUAGE sql IMMUTABLE AS $$
        SELECT pg_temp.bench_resident_id(area || to_char(date '1950-01-01' + (k % 18250)::int, 'YYYYMMDD')
          || lpad(((k / 18250) % 1000)::text, 3, '0')) $$;
      CREATE FUNCTION pg_temp.bench_org_code(area text, k bigint) RETURNS text LANGUAGE sql IMMUTABLE AS $$
        SELECT pg_temp.bench_credit_code('91' || area || lpad(k::text, 9, '0')) $$;
      CREATE FUNCTION pg_temp.bench_name(h bigint) RETURNS text LANGUAGE sql IMMUTABLE AS $$
        SELECT substr('${SURNAMES}', (h % ${SURNAMES.length})::int + 1, 1)
          || (${textArray(GIVEN_NAMES)})[((h / 97) % ${GIVEN_NAMES.length})::int + 1] $$;
      CREATE FUNCTION pg_temp.bench_hash(k bigint, salt int) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
        SELECT hashint8extended(k, ${seed * 1000} + salt) & 2147483647 $$;
      CREATE FUNCTION pg_temp.bench_phone(h bigint) RETURNS text LANGUAGE sql IMMUTABLE AS $$
        SELECT '13' || lpad((h % 1000000000)::text, 9, '0') $$;
      -- A China date at a China hour, as an instant (the session runs in UTC).
      CREATE FUNCTION pg_temp.bench_china_at(d date, hours float8) RETURNS timestamptz LANGUAGE sql IMMUTABLE AS $$
        SELECT (d::timestamp AT TIME ZONE 'UTC') + (hours - 8) * interval '1 hour' $$;
      CREATE FUNCTION pg_temp.bench_china_date(t timestamptz) RETURNS date LANGUAGE sql IMMUTABLE AS $$
        SELECT ((t AT TIME ZONE 'UTC') + interval '8 hours')::date $$;`,
  };
}

function rosterSteps(p: GenerationParams): Step[] {
  const S = p.seed;
  const kinds = textArray(['PEOPLES_MEDIATION_COMMITTEE', 'INDUSTRY', 'LITIGATION_LINKAGE_STATION']);
  const kindNames = textArray(['人民调解委员会', '行业调解中心', '诉非联动服务站']);
  const types = textArray(p.caseTypes.map((t) => t.name));
  const T = p.caseTypes.length;
  const mediatorName = `pg_temp.bench_name(pg_temp.bench_hash(c.idx * 100000 + k, 77))`;
  const since = `date '${p.asOf}' - 1000`;
  return [
    {
      name: 'mediation organizations',
      sql: `
        INSERT INTO mediation_organizations (id, court_id, name, kind, registration_number, region, contact_person,
          contact_phone, created_at, updated_at)
        SELECT md5('${S}:org:' || c.idx || ':' || o)::uuid, c.court_id,
          c.district || ${kindNames}[o % 3 + 1] || '第' || (o + 1) || '站', ${kinds}[o % 3 + 1],
          c.code || '调备' || lpad((o + 1)::text, 4, '0'), '北京市' || c.district,
          pg_temp.bench_name(pg_temp.bench_hash(c.idx * 1000 + o, 78)), pg_temp.bench_phone(pg_temp.bench_hash(o, 79)),
          pg_temp.bench_china_at(${since}, 9), pg_temp.bench_china_at(${since}, 9)
        FROM bench_courts c CROSS JOIN generate_series(0, ${p.organizationsPerCourt - 1}) o`,
    },
    {
      // Every roster entry has its account; entry 0 is the court's seeded "mediator" user.
      name: 'mediator accounts',
      sql: `
        INSERT INTO users (id, court_id, division_id, username, display_name, password_hash, roles, created_at, updated_at)
        SELECT md5('${S}:mu:' || c.idx || ':' || k)::uuid, c.court_id, NULL, c.prefix || 'mediator' || k,
          ${mediatorName}, c.password_hash, ARRAY['MEDIATOR'], pg_temp.bench_china_at(${since}, 9),
          pg_temp.bench_china_at(${since}, 9)
        FROM bench_courts c CROSS JOIN generate_series(1, ${p.mediatorsPerCourt - 1}) k`,
    },
    {
      name: 'mediators',
      sql: `
        INSERT INTO mediators (id, court_id, organization_id, user_id, name, type, specialties, regions, capacity,
          active_from, phone, created_at, updated_at)
        SELECT ${uuid4(`'${S}:med:' || c.idx || ':' || k`)}, c.court_id,
          md5('${S}:org:' || c.idx || ':' || (k % ${p.organizationsPerCourt}))::uuid,
          CASE WHEN k = 0 THEN c.mediator_user ELSE md5('${S}:mu:' || c.idx || ':' || k)::uuid END,
          ${mediatorName},
          (ARRAY['FULL_TIME', 'PART_TIME', 'INVITED'])[(pg_temp.bench_hash(k, 80) % 3)::int + 1],
          CASE WHEN k = 0 THEN ${types}
            ELSE ARRAY[${types}[k % ${T} + 1], ${types}[(k + 3) % ${T} + 1], ${types}[(k + 7) % ${T} + 1]] END,
          ARRAY[c.district], 20 + (pg_temp.bench_hash(k, 81) % 41)::int, ${since},
          pg_temp.bench_phone(pg_temp.bench_hash(c.idx * 100000 + k, 82)),
          pg_temp.bench_china_at(${since}, 9), pg_temp.bench_china_at(${since}, 9)
        FROM bench_courts c CROSS JOIN generate_series(0, ${p.mediatorsPerCourt - 1}) k`,
    },
  ];
}

/**
 * One row per case with every date and choice the tables below need. Times are
 * days before the as-of instant (`t_*`), chosen so each step follows the one
 * before it and nothing lies in the future.
 */
function planStep(p: GenerationParams): Step {
  const S = p.seed;
  const r = (salt: number) => sqlUniform(S, salt);
  const base = `'${p.asOf} 09:00:00+08'::timestamptz`;
  const at = (t: string) => `(${base} - (${t}) * interval '1 day')`;
  const financial = p.caseTypes.filter((t) => t.financial).map((t) => `'${t.name}'`);
  const typeWeights = p.caseTypes.map((t, i) => (t.financial ? 3 : 1) / (1 + i * 0.15));
  return {
    name: 'plan',
    sql: `
      CREATE TEMP TABLE bench_plan AS
      WITH a AS (
        SELECT g, (g % ${p.courts})::int AS ci,
          ${sqlWeightedPick(
            FATES.map(([f]) => f),
            FATES.map(([, w]) => w),
            r(1),
          )} AS fate,
          ${sqlWeightedPick(
            p.caseTypes.map((t) => t.name),
            typeWeights,
            r(2),
          )} AS case_type,
          (round(exp(ln(1000) + ${r(3)} * ln(1000))) * 100)::bigint AS claim_fen,
          ${r(4)} AS r_age, 0.1 + ${r(5)} * 1.5 AS d_notice, 1 + ${r(6)} * 6 AS d_answer,
          ${r(7)} AS r7, ${r(8)} AS r8, ${r(9)} AS r9, ${r(10)} AS r10, ${r(11)} AS r11, ${r(12)} AS r12,
          2 + (${r(13)} < 0.3)::int AS party_count,
          floor(${r(14)} * ${p.mediatorsPerCourt})::int AS mk
        FROM generate_series(1, ${p.cases}) g
      ), b AS (
        SELECT a.*,
          fate IN ${REFERRED_FATES} AS referred,
          fate IN ('REFUSED', 'T_REFUSED') AS refused,
          fate IN ${REFERRED_FATES} AND fate <> 'REFERRED' AS assigned,
          case_type IN (${financial.join(', ') || "''"}) AND r12 < 0.7 AS bank,
          CASE
            WHEN fate = 'REFUSED' THEN r_age * 14
            WHEN fate IN ${OPEN_MEDIATION} THEN floor(r_age * 30) + r7 * 0.35
            WHEN fate IN ('REGISTERED', 'NOTICE_ISSUED') THEN NULL
            ELSE 33 + r_age * 700
          END AS t_answer
        FROM a
      ), c AS (
        SELECT b.*,
          CASE fate WHEN 'REGISTERED' THEN r_age * 3 WHEN 'NOTICE_ISSUED' THEN d_notice + r_age * 5
            ELSE t_answer + d_answer + d_notice END AS t_reg,
          CASE WHEN assigned THEN greatest(t_answer - r8 * 2, 0) END AS t_assign,
          CASE
            WHEN fate IN ('IN_MEDIATION', 'SETTLED', 'FAILED', 'T_FAILED') THEN 1 + floor(r11 * 3)
            WHEN fate = 'WITHDRAWN' THEN floor(r11 * 2)
            WHEN fate IN ('EXPIRED', 'T_EXPIRED') THEN floor(r11 * 3)
            ELSE 0
          END::int AS sessions
        FROM b
      ), d AS (
        SELECT c.*,
          ${at('t_reg')} AS registered_at,
          CASE WHEN fate <> 'REGISTERED' THEN ${at('t_reg - d_notice')} END AS notice_at,
          CASE WHEN t_answer IS NOT NULL THEN ${at('t_answer')} END AS answer_at,
          CASE WHEN referred THEN pg_temp.bench_china_date(${at('t_answer')}) END AS consented_on,
          CASE WHEN assigned THEN ${at('t_assign')} END AS assigned_at,
          CASE WHEN fate IN ${MEDIATED_OUTCOMES} THEN ${at('t_assign - 1 - r9 * 26')} END AS mediated_end_at
        FROM c
      ), e AS (
        SELECT d.*, consented_on + 30 AS deadline,
          CASE
            WHEN mediated_end_at IS NOT NULL THEN mediated_end_at
            WHEN fate IN ('EXPIRED', 'T_EXPIRED') THEN pg_temp.bench_china_at(consented_on + 31, 0.5)
          END AS concluded_at
        FROM d
      ), f AS (
        SELECT e.*,
          CASE
            WHEN fate = 'T_REFUSED' THEN answer_at + (1 + r10 * 5) * interval '1 day'
            WHEN fate IN ('T_FAILED', 'T_EXPIRED')
              THEN least(concluded_at + (1 + r10 * 6) * interval '1 day', ${base} - interval '1 hour')
          END AS transferred_at,
          CASE fate WHEN 'T_REFUSED' THEN 'REFUSED' WHEN 'T_FAILED' THEN 'FAILED' WHEN 'T_EXPIRED' THEN 'EXPIRED' END
            AS status_before_transfer
        FROM e
      )
      SELECT md5('${S}:case:' || g)::uuid AS id, f.*,
        CASE WHEN fate LIKE 'T\\_%' THEN 'TRANSFERRED' ELSE fate END AS status,
        CASE
          WHEN fate IN ('SETTLED', 'FAILED', 'WITHDRAWN', 'EXPIRED') THEN fate
          WHEN fate IN ('T_FAILED', 'T_EXPIRED') THEN substr(fate, 3)
        END AS outcome,
        CASE WHEN sessions > 0 THEN 'IN_MEDIATION' ELSE 'ASSIGNED' END AS status_before_outcome,
        CASE WHEN referred THEN row_number() OVER (PARTITION BY ci, referred, extract(year FROM consented_on)
          ORDER BY answer_at, g) END AS prelitigation_seq,
        CASE WHEN transferred_at IS NOT NULL THEN row_number() OVER (PARTITION BY ci, transferred_at IS NULL,
          extract(year FROM pg_temp.bench_china_date(transferred_at)) ORDER BY transferred_at, g) END AS filing_seq,
        bank AND r12 < 0.5 AS batch,
        greatest(registered_at, notice_at, answer_at, assigned_at, concluded_at, transferred_at) AS updated_at,
        1 + (notice_at IS NOT NULL)::int + (answer_at IS NOT NULL)::int + (assigned_at IS NOT NULL)::int
          + (sessions > 0)::int + (concluded_at IS NOT NULL)::int + (transferred_at IS NOT NULL)::int AS version
      FROM f`,
  };
}

function caseSteps(p: GenerationParams): Step[] {
  const S = p.seed;
  const h = (salt: number, row = 'p.g') => `pg_temp.bench_hash(${row}, ${salt})`;
  const mediatorId = uuid4(`'${S}:med:' || p.ci || ':' || p.mk`);
  const mediatorUser = `CASE WHEN p.mk = 0 THEN c.mediator_user ELSE md5('${S}:mu:' || p.ci || ':' || p.mk)::uuid END`;
  const organizationId = `md5('${S}:org:' || p.ci || ':' || (p.mk % ${p.organizationsPerCourt}))::uuid`;
  const year = (t: string) => `extract(year FROM pg_temp.bench_china_date(${t}))`;
  const base = `'${p.asOf} 09:00:00+08'::timestamptz`;
  const personPool = Math.max(1000, Math.ceil((p.cases / p.courts) * 2));
  const orgPool = Math.max(100, Math.ceil(p.cases / p.courts / 4));
  const partyRow = `p.g * 4 + pos`;
  const partyKind = `CASE WHEN pos = 0 THEN (CASE WHEN p.bank THEN 'ORGANIZATION' ELSE 'PERSON' END)
      WHEN NOT p.bank AND ${h(20, partyRow)} % 100 < 35 THEN 'ORGANIZATION' ELSE 'PERSON' END`;
  return [
    {
      // 法院+银行: one uploaded workbook per court and week of bank cases.
      name: 'case batches',
      sql: `
        INSERT INTO case_batches (id, court_id, batch_ref, file_name, file_format, status, total_rows, imported,
          uploaded_by, started_at, finished_at)
        SELECT md5('${S}:batch:' || p.ci || ':' || floor(p.t_reg / 7))::uuid, c.court_id,
          'JK' || c.code || '-' || floor(p.t_reg / 7), '金融借款纠纷批量立案.xlsx', 'XLSX', 'COMPLETED', count(*), count(*),
          c.clerk, min(p.registered_at) - interval '2 minutes', min(p.registered_at) - interval '1 minute'
        FROM bench_plan p JOIN bench_courts c ON c.idx = p.ci
        WHERE p.batch
        GROUP BY p.ci, floor(p.t_reg / 7), c.court_id, c.code, c.clerk`,
    },
    {
      name: 'cases',
      sql: `
        INSERT INTO cases (id, court_id, division_id, case_type, status, claim_amount_fen, claims, source, batch_id,
          external_ref, registered_by, registered_at, address_verified, notice_issued_at, prelitigation_number,
          consented_on, referred_at, refused_at, mediation_deadline, mediator_id, mediator_user_id, organization_id,
          assigned_at, outcome, concluded_at, filing_number, transferred_at, created_at, updated_at, version, procedure)
        SELECT p.id, c.court_id, c.filing_division, p.case_type, p.status, p.claim_fen,
          '请求判令被申请人支付' || (p.claim_fen / 100) || '元及利息', CASE WHEN p.batch THEN 'BATCH' ELSE 'WINDOW' END,
          CASE WHEN p.batch THEN md5('${S}:batch:' || p.ci || ':' || floor(p.t_reg / 7))::uuid END,
          CASE WHEN p.batch THEN 'JK' || lpad(p.g::text, 10, '0') END,
          c.clerk, p.registered_at, p.notice_at IS NOT NULL, p.notice_at,
          CASE WHEN p.referred THEN '(' || extract(year FROM p.consented_on) || ')' || c.code || '民诉前调'
            || p.prelitigation_seq || '号' END,
          p.consented_on, CASE WHEN p.referred THEN p.answer_at END, CASE WHEN p.refused THEN p.answer_at END,
          p.deadline,
          CASE WHEN p.assigned THEN ${mediatorId} END, CASE WHEN p.assigned THEN ${mediatorUser} END,
          CASE WHEN p.assigned THEN ${organizationId} END, p.assigned_at, p.outcome, p.concluded_at,
          CASE WHEN p.transferred_at IS NOT NULL THEN '(' || ${year('p.transferred_at')} || ')' || c.code || '民初'
            || p.filing_seq || '号' END,
          p.transferred_at, p.registered_at, p.updated_at, p.version, 'LEGACY_PRE_FILING'
        FROM bench_plan p JOIN bench_courts c ON c.idx = p.ci
        ORDER BY p.registered_at, p.g`,
    },
    {
      name: 'parties',
      sql: `
        INSERT INTO parties (id, case_id, court_id, position, role, kind, name, id_number, credit_code,
          legal_representative, phone, address, service_address, address_verification, address_verification_result,
          address_verified_at)
        SELECT md5('${S}:party:' || p.g || ':' || pos)::uuid, p.id, c.court_id, pos,
          CASE WHEN pos = 0 THEN 'PLAINTIFF' WHEN pos = 1 OR ${h(21, partyRow)} % 2 = 0 THEN 'DEFENDANT'
            ELSE 'THIRD_PARTY' END,
          x.kind,
          CASE
            WHEN x.kind = 'PERSON' THEN pg_temp.bench_name(${h(22, partyRow)})
            WHEN pos = 0 THEN (${textArray(BANKS)})[x.bank_no + 1] || '北京' || c.district || '支行'
            ELSE '北京' || (${textArray(COMPANIES)})[(${h(23, partyRow)} % ${COMPANIES.length})::int + 1]
              || '有限公司' || (${h(24, partyRow)} % 90 + 10) || '号'
          END,
          CASE WHEN x.kind = 'PERSON' THEN pg_temp.bench_person_id(c.area, ${h(25, partyRow)} % ${personPool}) END,
          CASE
            WHEN x.kind = 'PERSON' THEN NULL
            WHEN pos = 0 THEN pg_temp.bench_org_code(c.area, x.bank_no)
            ELSE pg_temp.bench_org_code(c.area, 1000 + ${h(26, partyRow)} % ${orgPool})
          END,
          CASE WHEN x.kind = 'ORGANIZATION' THEN pg_temp.bench_name(${h(27, partyRow)}) END,
          pg_temp.bench_phone(${h(28, partyRow)}),
          '北京市' || c.district || (${textArray(ROADS)})[(${h(29, partyRow)} % ${ROADS.length})::int + 1]
            || (${h(30, partyRow)} % 300 + 1) || '号',
          CASE WHEN pos > 0 THEN '北京市' || c.district || (${textArray(ROADS)})[(${h(29, partyRow)} % ${ROADS.length})::int + 1]
            || (${h(30, partyRow)} % 300 + 1) || '号' END,
          CASE WHEN pos > 0 AND p.notice_at IS NOT NULL
            THEN (ARRAY['PHONE', 'IN_PERSON', 'HOUSEHOLD_REGISTRATION'])[(${h(31, partyRow)} % 3)::int + 1] END,
          CASE WHEN pos > 0 AND p.notice_at IS NOT NULL
            THEN CASE WHEN ${h(33, partyRow)} % 10 = 0 THEN 'CORRECTED' ELSE 'CONFIRMED' END END,
          CASE WHEN pos > 0 AND p.notice_at IS NOT NULL THEN p.registered_at + (p.notice_at - p.registered_at) / 2 END
        FROM bench_plan p JOIN bench_courts c ON c.idx = p.ci
        CROSS JOIN LATERAL generate_series(0, p.party_count - 1) pos
        CROSS JOIN LATERAL (SELECT ${partyKind} AS kind, (${h(32)} % 8)::int AS bank_no) x
        ORDER BY p.registered_at, p.g, pos`,
    },
    {
      // The warnings the deadline scan would have raised up to the as-of date (5 days before each
      // deadline, and DEADLINE_PASSED for each expiry), so an idle scan meets a realistic table.
      name: 'case warnings',
      sql: `
        INSERT INTO case_warnings (id, case_id, court_id, kind, deadline, created_at)
        SELECT md5('${S}:warning:' || p.g || ':' || w.kind)::uuid, p.id, c.court_id, w.kind, p.deadline, w.at
        FROM bench_plan p JOIN bench_courts c ON c.idx = p.ci
        CROSS JOIN LATERAL (VALUES
          ('DEADLINE_APPROACHING', pg_temp.bench_china_at(p.deadline - 5, 0.2)),
          ('DEADLINE_PASSED', CASE WHEN p.outcome = 'EXPIRED' THEN p.concluded_at END)
        ) w(kind, at)
        WHERE p.referred AND w.at IS NOT NULL AND w.at <= ${base}
          AND (w.kind = 'DEADLINE_PASSED' OR p.concluded_at IS NULL OR p.concluded_at > w.at)
        ORDER BY w.at, p.g`,
    },
    {
      name: 'case number counters',
      sql: `
        INSERT INTO case_number_counters (court_id, year, type_code, last_value)
        SELECT c.court_id, extract(year FROM p.consented_on)::int, '民诉前调', max(p.prelitigation_seq)
        FROM bench_plan p JOIN bench_courts c ON c.idx = p.ci WHERE p.referred GROUP BY 1, 2
        UNION ALL
        SELECT c.court_id, ${year('p.transferred_at')}::int, '民初', max(p.filing_seq)
        FROM bench_plan p JOIN bench_courts c ON c.idx = p.ci WHERE p.transferred_at IS NOT NULL GROUP BY 1, 2`,
    },
    {
      name: 'assignments',
      sql: `
        INSERT INTO assignments (id, court_id, case_id, mediator_id, organization_id, assigned_by, assigned_at, reason,
          chosen_by_parties, bulk)
        SELECT md5('${S}:asg:' || p.g)::uuid, c.court_id, p.id, ${mediatorId}, ${organizationId}, c.coordinator,
          p.assigned_at, CASE WHEN p.r7 < 0.1 THEN '当事人共同选定' ELSE '按专长、地域和在办案件数分派' END,
          p.r7 < 0.1, p.batch
        FROM bench_plan p JOIN bench_courts c ON c.idx = p.ci WHERE p.assigned
        ORDER BY p.assigned_at, p.g`,
    },
    {
      name: 'mediation sessions',
      sql: `
        INSERT INTO mediation_sessions (id, case_id, court_id, held_on, mode, participants, notes, recorded_by,
          recorded_at)
        SELECT md5('${S}:session:' || p.g || ':' || n)::uuid, p.id, c.court_id, pg_temp.bench_china_date(s.at),
          (ARRAY['IN_PERSON', 'PHONE', 'VIDEO'])[(${h(40, 'p.g * 4 + n')} % 3)::int + 1],
          ARRAY['申请人', '被申请人'],
          '第' || n || '次调解：双方就' || p.case_type || '的金额和履行期限交换意见。', ${mediatorUser}, s.at
        FROM bench_plan p JOIN bench_courts c ON c.idx = p.ci
        CROSS JOIN LATERAL generate_series(1, p.sessions) n
        CROSS JOIN LATERAL (SELECT p.assigned_at + (coalesce(p.concluded_at, '${p.asOf} 09:00:00+08')
          - p.assigned_at) * n / (p.sessions + 1) AS at) s
        WHERE p.sessions > 0
        ORDER BY s.at, p.g, n`,
    },
    outcomesStep(p, mediatorUser),
    {
      name: 'judicial confirmations',
      sql: `
        INSERT INTO judicial_confirmations (id, case_id, court_id, applied_on, decision, decided_on, ruling_number,
          recorded_by, recorded_at)
        SELECT md5('${S}:jc:' || o.case_id)::uuid, o.case_id, o.court_id, o.agreed_on + 1 + (h % 9)::int,
          CASE WHEN h % 20 = 0 THEN 'REJECTED' ELSE 'CONFIRMED' END, o.agreed_on + 10 + (h % 9)::int + (h % 7)::int,
          CASE WHEN h % 20 <> 0 THEN '(' || extract(year FROM o.agreed_on) || ')' || c.code || '民特' || (h % 90000 + 1)
            || '号' END,
          c.coordinator, pg_temp.bench_china_at(o.agreed_on + 10 + (h % 9)::int + (h % 7)::int, 16)
        FROM mediation_outcomes o JOIN bench_courts c ON c.court_id = o.court_id
        CROSS JOIN LATERAL (SELECT abs(hashtext(o.case_id::text))::bigint AS h) x
        WHERE o.settlement_method = 'JUDICIAL_CONFIRMATION' AND o.agreed_on + 26 < date '${p.asOf}'`,
    },
    consultationStep(p),
    {
      name: 'consultation replies',
      sql: `
        INSERT INTO consultation_replies (id, letter_id, court_id, version, assessment, opinion, suggestions,
          officer_user_id, replied_at)
        SELECT md5('${S}:reply:' || l.id)::uuid, l.id, l.court_id, 1,
          (ARRAY['ENFORCEABLE', 'PARTIALLY_ENFORCEABLE', 'UNENFORCEABLE'])[abs(hashtext(l.id::text)) % 3 + 1],
          '经查询，被申请人名下有银行存款及车辆一部，建议调解时约定分期履行。', ARRAY['诉前财产保全'], c.enforcer, l.replied_at
        FROM consultation_letters l JOIN bench_courts c ON c.court_id = l.court_id WHERE l.status = 'REPLIED'`,
    },
    {
      name: 'consultation letter counters',
      sql: `
        INSERT INTO consultation_letter_counters (court_id, year, last_value)
        SELECT court_id, extract(year FROM sent_on)::int, count(*) FROM consultation_letters GROUP BY 1, 2`,
    },
    {
      name: 'filing transfers',
      sql: `
        INSERT INTO filing_transfers (case_id, court_id, filing_number, status_before, note, summary, transferred_by,
          transferred_at)
        SELECT k.id, k.court_id, k.filing_number, p.status_before_transfer, NULL,
          jsonb_build_object('caseType', k.case_type, 'claimAmount', (k.claim_amount_fen / 100.0)::text,
            'prelitigationNumber', k.prelitigation_number, 'consentedOn', k.consented_on, 'outcome', k.outcome,
            'concludedAt', k.concluded_at),
          c.clerk, k.transferred_at
        FROM bench_plan p JOIN cases k ON k.id = p.id JOIN bench_courts c ON c.idx = p.ci
        WHERE p.transferred_at IS NOT NULL`,
    },
    historyStep(p, mediatorUser),
  ];
}

function outcomesStep(p: GenerationParams, mediatorUser: string): Step {
  const S = p.seed;
  const methods = ['JUDICIAL_CONFIRMATION', 'MEDIATION_DOCUMENT', 'VOLUNTARY_PERFORMANCE', 'WITHDRAWAL'];
  const reasons = ['PARTY_UNREACHABLE', 'PARTY_DECLINED', 'NO_AGREEMENT', 'MEDIATOR_UNAVAILABLE', 'OTHER'];
  return {
    name: 'mediation outcomes',
    sql: `
      INSERT INTO mediation_outcomes (id, case_id, court_id, result, concluded_on, settlement_method, agreement,
        amount_fen, agreed_on, performance_due_on, performance_status, performance_recorded_on,
        performance_recorded_by, undisputed_facts, failure_reason, failure_reason_text, withdrawal_reason,
        recorded_by, recorded_at)
      SELECT md5('${S}:outcome:' || q.g)::uuid, q.id, q.court_id, q.result, q.concluded_on, q.method,
        CASE WHEN q.result = 'SETTLED' THEN '双方同意被申请人分期支付' || (q.amount / 100) || '元。' END,
        CASE WHEN q.result = 'SETTLED' THEN q.amount END, CASE WHEN q.result = 'SETTLED' THEN q.concluded_on END,
        q.due_on, CASE WHEN q.recorded THEN q.performance END, CASE WHEN q.recorded THEN q.performance_on END,
        CASE WHEN q.recorded THEN q.mediator_user END,
        CASE WHEN q.result = 'FAILED' THEN '双方对借款事实及金额无争议，对还款期限未能达成一致。' END,
        q.failure_reason, CASE WHEN q.failure_reason = 'OTHER' THEN '被申请人要求先行刑事处理' END,
        CASE WHEN q.result = 'WITHDRAWN' THEN '申请人已与被申请人自行和解' END,
        q.mediator_user, q.concluded_at
      FROM (
        SELECT p.g, p.id, c.court_id, p.concluded_at, pg_temp.bench_china_date(p.concluded_at) AS concluded_on,
          ${mediatorUser} AS mediator_user,
          CASE p.fate WHEN 'T_FAILED' THEN 'FAILED' ELSE p.fate END AS result,
          CASE WHEN p.fate = 'SETTLED' THEN ${sqlWeightedPick(methods, [35, 10, 45, 10], sqlUniform(S, 50, 'p.g'))}
            END AS method,
          CASE WHEN p.fate IN ('FAILED', 'T_FAILED') THEN
            ${sqlWeightedPick(reasons, [25, 25, 40, 5, 5], sqlUniform(S, 51, 'p.g'))} END AS failure_reason,
          (p.claim_fen * (0.6 + ${sqlUniform(S, 52, 'p.g')} * 0.4))::bigint AS amount,
          d.due_on, d.due_on IS NOT NULL AND d.due_on + 5 < date '${p.asOf}' AND ${sqlUniform(S, 53, 'p.g')} < 0.9
            AS recorded,
          ${sqlWeightedPick(['PERFORMED_IN_FULL', 'PERFORMED_IN_PART', 'NOT_PERFORMED'], [75, 15, 10], sqlUniform(S, 54, 'p.g'))}
            AS performance,
          d.due_on + (${sqlUniform(S, 55, 'p.g')} * 5)::int AS performance_on
        FROM bench_plan p JOIN bench_courts c ON c.idx = p.ci
        CROSS JOIN LATERAL (SELECT CASE WHEN p.fate = 'SETTLED' AND ${sqlUniform(S, 50, 'p.g')} >= 0.45
          AND ${sqlUniform(S, 50, 'p.g')} < 0.90
          THEN pg_temp.bench_china_date(p.concluded_at) + 15 + (${sqlUniform(S, 56, 'p.g')} * 30)::int END AS due_on) d
        WHERE p.fate IN ${MEDIATED_OUTCOMES}
      ) q
      ORDER BY q.concluded_at, q.g`,
  };
}

function consultationStep(p: GenerationParams): Step {
  const S = p.seed;
  const sent = `p.assigned_at + (coalesce(p.concluded_at, '${p.asOf} 09:00:00+08') - p.assigned_at) * 0.3`;
  return {
    name: 'consultation letters',
    sql: `
      INSERT INTO consultation_letters (id, court_id, case_id, letter_number, sender_user_id, sender_division_id,
        questions, priority, sent_at, sent_on, due_on, status, replied_at, replied_on, working_days_to_reply,
        current_reply_version, created_at, updated_at, version)
      SELECT md5('${S}:letter:' || q.g)::uuid, q.court_id, q.id,
        '(' || extract(year FROM q.sent_on) || ')' || q.code || '执咨'
          || row_number() OVER (PARTITION BY q.court_id, extract(year FROM q.sent_on) ORDER BY q.sent_at, q.g) || '号',
        q.judge, q.trial_division, (ARRAY['被申请人名下是否有可供执行的财产', '是否有在先的执行案件'])[1:q.questions],
        CASE WHEN q.urgent THEN 'URGENT' ELSE 'NORMAL' END, q.sent_at, q.sent_on, q.sent_on + 7,
        CASE WHEN q.replied_at IS NOT NULL THEN 'REPLIED' ELSE 'SENT' END, q.replied_at,
        pg_temp.bench_china_date(q.replied_at),
        CASE WHEN q.replied_at IS NOT NULL THEN greatest(1, (pg_temp.bench_china_date(q.replied_at) - q.sent_on) * 5 / 7) END,
        CASE WHEN q.replied_at IS NOT NULL THEN 1 END, q.sent_at, coalesce(q.replied_at, q.sent_at),
        CASE WHEN q.replied_at IS NOT NULL THEN 2 ELSE 1 END
      FROM (
        SELECT p.g, p.id, c.court_id, c.code, c.judge, c.trial_division, s.sent_at,
          pg_temp.bench_china_date(s.sent_at) AS sent_on, 1 + (${sqlUniform(S, 60, 'p.g')} < 0.5)::int AS questions,
          ${sqlUniform(S, 61, 'p.g')} < 0.2 AS urgent,
          CASE WHEN s.sent_at + interval '10 days' < '${p.asOf} 09:00:00+08' OR ${sqlUniform(S, 62, 'p.g')} < 0.5
            THEN least(s.sent_at + (0.5 + ${sqlUniform(S, 63, 'p.g')} * 9) * interval '1 day',
              '${p.asOf} 09:00:00+08'::timestamptz) END AS replied_at
        FROM bench_plan p JOIN bench_courts c ON c.idx = p.ci
        CROSS JOIN LATERAL (SELECT ${sent} AS sent_at) s
        WHERE p.assigned AND p.fate <> 'ASSIGNED' AND ${sqlUniform(S, 64, 'p.g')} < 0.06
      ) q
      ORDER BY q.sent_at, q.g`,
  };
}

/** The history (全程留痕): one event per step each case went through, in time order. */
function historyStep(p: GenerationParams, mediatorUser: string): Step {
  const status = (s: string) => `jsonb_build_object('status', ${s})`;
  return {
    name: 'history events',
    sql: `
      INSERT INTO audit_events (occurred_at, court_id, actor_id, actor_name, subject_type, subject_id, action, before,
        after)
      SELECT e.at, e.court_id, e.actor, e.actor_name, 'CASE', e.case_id::text, e.action, e.before, e.after
      FROM (
        SELECT ev.at, c.court_id, ev.actor, ev.actor_name, p.id AS case_id, ev.action, ev.before, ev.after
        FROM bench_plan p JOIN bench_courts c ON c.idx = p.ci
        CROSS JOIN LATERAL (VALUES
          (p.registered_at, c.clerk, '王立案', 'CASE_REGISTERED', NULL::jsonb,
            jsonb_build_object('status', 'REGISTERED', 'caseType', p.case_type, 'claimAmountFen', p.claim_fen::text,
              'parties', p.party_count, 'source', CASE WHEN p.batch THEN 'BATCH' ELSE 'WINDOW' END)),
          (p.notice_at, c.clerk, '王立案', 'NOTICE_ISSUED', ${status("'REGISTERED'")}, ${status("'NOTICE_ISSUED'")}),
          (p.answer_at - interval '1 hour', c.clerk, '王立案', 'PARTY_ANSWERED', ${status("'NOTICE_ISSUED'")},
            jsonb_build_object('status', 'NOTICE_ISSUED', 'decision', CASE WHEN p.refused THEN 'REFUSE' ELSE 'CONSENT' END)),
          (p.answer_at, c.clerk, '王立案', CASE WHEN p.refused THEN 'CASE_REFUSED' ELSE 'CASE_REFERRED' END,
            ${status("'NOTICE_ISSUED'")},
            jsonb_build_object('status', CASE WHEN p.refused THEN 'REFUSED' ELSE 'REFERRED' END,
              'mediationDeadline', p.deadline)),
          (p.assigned_at, c.coordinator, '李协调', 'MEDIATOR_ASSIGNED', ${status("'REFERRED'")},
            jsonb_build_object('status', 'ASSIGNED', 'mediatorId', ${uuid4(`'${p.seed}:med:' || p.ci || ':' || p.mk`)})),
          (p.concluded_at, CASE WHEN p.outcome = 'EXPIRED' THEN NULL ELSE ${mediatorUser} END,
            CASE WHEN p.outcome = 'EXPIRED' THEN NULL ELSE '调解员' END, 'CASE_' || p.outcome,
            ${status('p.status_before_outcome')}, ${status('p.outcome')}),
          (p.transferred_at, c.clerk, '王立案', 'CASE_TRANSFERRED', ${status('p.status_before_transfer')},
            ${status("'TRANSFERRED'")})
        ) ev(at, actor, actor_name, action, before, after)
        WHERE ev.at IS NOT NULL
        UNION ALL
        SELECT s.recorded_at, s.court_id, s.recorded_by, '调解员', s.case_id, 'MEDIATION_SESSION_RECORDED',
          ${status("'ASSIGNED'")}, jsonb_build_object('status', 'IN_MEDIATION', 'mode', s.mode, 'heldOn', s.held_on)
        FROM mediation_sessions s
      ) e
      ORDER BY e.at`,
  };
}

/** Every step, in order (the caller runs them on one connection: pg_temp and the plan are session-local). */
export function generationSteps(p: GenerationParams): Step[] {
  return [helperFunctions(p.seed), ...rosterSteps(p), planStep(p), ...caseSteps(p)];
}

/** Tables the steps fill: their secondary indexes and foreign keys are rebuilt after the load. */
export const LOADED_TABLES = [
  'cases',
  'parties',
  'assignments',
  'mediation_sessions',
  'mediation_outcomes',
  'judicial_confirmations',
  'consultation_letters',
  'consultation_replies',
  'filing_transfers',
  'case_warnings',
  'audit_events',
];
