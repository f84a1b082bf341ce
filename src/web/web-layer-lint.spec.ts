// The lint rule that keeps the database out of src/web: a page that reads a table directly fails `npm run lint`;
// the same code in a domain module passes.
import { ESLint } from 'eslint';

const PAGE_READING_A_TABLE = `import { DataSource } from 'typeorm';
export const read = (d: DataSource) => d.getRepository('cases').createQueryBuilder('c').getMany();
export const raw = (d: DataSource) => d.query('SELECT 1');
`;

async function problems(filePath: string): Promise<string[]> {
  const [result] = await new ESLint().lintText(PAGE_READING_A_TABLE, { filePath });
  return result.messages.map((m) => `${m.ruleId}: ${m.message.split(':')[0]}`);
}

describe('no database access in src/web (lint)', () => {
  it('refuses the DataSource import, getRepository, createQueryBuilder and .query in a page', async () => {
    expect(await problems('src/web/cases/some-page.service.ts')).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^no-restricted-imports/),
        'no-restricted-syntax: getRepository()',
        'no-restricted-syntax: createQueryBuilder()',
        'no-restricted-syntax: query()',
      ]),
    );
  });

  it('lets a domain service do the same', async () => {
    expect(await problems('src/intake/some.service.ts')).toEqual([]);
  });
});
