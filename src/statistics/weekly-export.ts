// 周通报 as a workbook to print and hand round: the week's figures under its title in words, then the two
// rankings, each sheet A4 landscape with the title on every page.
import type { Readable } from 'node:stream';
import { chinaDateTime } from '../common/china-time.js';
import { addRow, addSheet, streamWorkbook, type Cell } from '../common/spreadsheet.js';
import type { Ratio } from './indicators.js';
import type { WeeklyBulletinService } from './weekly-bulletin.service.js';

type WeeklyBulletin = Awaited<ReturnType<WeeklyBulletinService['weekly']>>;

const count = (n: number): Cell => ({ value: n, numFmt: '0' });
const rate = (r: Ratio): Cell => (r.value === null ? '—' : { value: r.value, numFmt: '0.0%' });

export function weeklyFileName(bulletin: WeeklyBulletin): string {
  return `${bulletin.court.name}_${bulletin.week}_周通报.xlsx`;
}

export function weeklyWorkbook(bulletin: WeeklyBulletin, generatedAt: Date): Readable {
  const heading = `${bulletin.court.name} 周通报 · ${bulletin.title}`;
  return streamWorkbook(async (workbook) => {
    const summary = addSheet(
      workbook,
      '周通报',
      [
        { header: '项目', width: 24 },
        { header: '数值', width: 40 },
      ],
      { print: { title: heading, onePage: true } },
    );
    const facts: [string, Cell][] = [
      ['标题', heading],
      ['法院', `${bulletin.court.name}（${bulletin.court.code}）`],
      ['统计周', `${bulletin.title}（${bulletin.period.from} 至 ${bulletin.period.to}，北京时间）`],
      ['数据计算时间', chinaDateTime(new Date(bulletin.computedAt))],
      ['生成时间', chinaDateTime(generatedAt)],
      ['新收（进入调解）', count(bulletin.newCases)],
      ['结案', count(bulletin.concluded)],
      ['调解成功', count(bulletin.settled)],
      ['调解成功率', rate(bulletin.successRate)],
      ['超期（周末）', count(bulletin.overdue)],
      ['预警（周末）', count(bulletin.warning)],
    ];
    for (const [label, value] of facts) addRow(summary, [label, value]);
    summary.commit();
    const rankings = [
      { sheet: '调解员排名', column: '调解员', rows: bulletin.rankings.mediators, withOrganization: true },
      { sheet: '调解组织排名', column: '调解组织', rows: bulletin.rankings.organizations, withOrganization: false },
    ];
    for (const ranking of rankings) {
      const sheet = addSheet(
        workbook,
        ranking.sheet,
        [
          { header: '名次', width: 8 },
          { header: ranking.column, width: 30 },
          ...(ranking.withOrganization ? [{ header: '所属调解组织', width: 30 }] : []),
          { header: '调解成功', width: 12 },
          { header: '结案', width: 10 },
          { header: '调解成功率', width: 14 },
          { header: '新收', width: 10 },
          { header: '超期', width: 10 },
        ],
        { frozenColumns: 2, print: { title: `${heading} · ${ranking.sheet}` } },
      );
      for (const row of ranking.rows) {
        addRow(sheet, [
          count(row.rank),
          row.name,
          ...(ranking.withOrganization ? [('organization' in row ? row.organization : null) ?? null] : []),
          count(row.settled),
          count(row.concluded),
          rate(row.successRate),
          count(row.referrals),
          count(row.overdue),
        ]);
      }
      sheet.commit();
    }
  });
}
