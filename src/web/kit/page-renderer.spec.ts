import type { AppOptions } from '../../app-options.js';
import { CsrfTokens } from './csrf.js';
import { escapeHtml, PageRenderer, type PageContext } from './page-renderer.js';
import { StaticAssets } from './static-assets.js';
import { timelineEntry } from '../cases/timeline.js';

describe('page rendering', () => {
  const pages = new PageRenderer(new CsrfTokens({ jwtSecret: 's'.repeat(32) } as AppOptions), new StaticAssets());
  const context: PageContext = {
    menu: [],
    csrfToken: 't',
    path: '/',
    assetUrl: (name) => `/assets/${name}`,
    back: { href: '/cases', label: '返回案件列表' },
  };
  const evil = '<script>alert(1)</script>"\'&';

  it('escapes every value it prints, and prints nothing for a missing one', () => {
    expect(escapeHtml(evil)).toBe('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;');
    expect(escapeHtml(undefined)).toBe('');
    expect(escapeHtml(null)).toBe('');
  });

  it('finds the templates from the project root and escapes fields in them', () => {
    const html = pages.render(
      'cases/show',
      {
        c: {
          caseType: evil,
          claims: evil,
          claimAmount: '1.00',
          statusLabel: '已登记',
          status: 'REGISTERED',
          source: 'WINDOW',
          registeredAt: new Date(),
          extensionDaysTotal: 0,
          parties: [{ role: 'PLAINTIFF', kind: 'PERSON', name: evil, address: evil }],
        },
        registered: false,
        numbers: [],
        relatedCases: { cases: [], institutions: [], nameMismatches: [] },
        timeline: [timelineEntry({ occurredAt: new Date(), action: evil, actorName: evil, before: null, after: null })],
      },
      context,
    );
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<title>&lt;script&gt;');
  });
});
