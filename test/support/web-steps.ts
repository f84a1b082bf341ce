// Posting the pages' forms over plain HTTP (supertest), as a browser does: the session cookie, the CSRF token
// as a hidden field, urlencoded fields; uploads as multipart with the token as the first part.
import type { TestApp } from './test-app.js';
import type { WebSession } from './web-session.js';

export function pageForms(t: TestApp) {
  return {
    /** A form POST with the session's token (unless `csrf: false`). */
    post(session: WebSession, path: string, fields: Record<string, string | string[]>, options = { csrf: true }) {
      return t
        .http()
        .post(path)
        .set('Cookie', session.cookie)
        .type('form')
        .send(options.csrf ? { _csrf: session.csrf, ...fields } : fields);
    },

    /** A batch upload as the page's form sends it: `_csrf` first, then the batch reference and the file. */
    upload(session: WebSession, file: Buffer, fileName: string, options = { csrf: true }) {
      const req = t.http().post('/cases/batches').set('Cookie', session.cookie);
      if (options.csrf) req.field('_csrf', session.csrf);
      return req.field('batchRef', 'PAGE-BATCH-1').attach('file', file, fileName);
    },

    get(session: WebSession, path: string) {
      return t.http().get(path).set('Cookie', session.cookie);
    },
  };
}

/** Everything a refused request must leave as it was: the history and the rows the pages write. */
export async function writeCounts(t: TestApp): Promise<Record<string, number>> {
  const [row] = await t.dataSource.query(
    `SELECT (SELECT count(*) FROM audit_events)::int AS events,
            (SELECT count(*) FROM referral_notices)::int AS notices,
            (SELECT count(*) FROM party_answers)::int AS answers,
            (SELECT count(*) FROM assignments)::int AS assignments,
            (SELECT count(*) FROM mediators)::int AS mediators,
            (SELECT count(*) FROM mediation_organizations)::int AS organizations,
            (SELECT count(*) FROM notice_rules)::int AS rules,
            (SELECT count(*) FROM case_batches)::int AS batches,
            (SELECT count(*) FROM cases)::int AS cases`,
  );
  return row as Record<string, number>;
}
