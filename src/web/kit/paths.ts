// Templates and browser assets are not TypeScript, so tsc does not copy them to dist/: they are read at run
// time from src/web/views and src/web/assets. Both are found from the project root (the nearest folder with a
// package.json), so the same paths work from src/ under Jest and from dist/ after the build.
import { createRequire } from 'node:module';
import path from 'node:path';
import { PROJECT_ROOT } from '../../config/project-root.js';

export const VIEWS_DIR = path.join(PROJECT_ROOT, 'src', 'web', 'views');
export const ASSETS_DIR = path.join(PROJECT_ROOT, 'src', 'web', 'assets');

const require = createRequire(import.meta.url);

/** A file inside an installed package (resolved through its main entry when the package exports nothing else). */
export function packageFile(specifier: string): string {
  return require.resolve(specifier);
}

/** The CJK web font: the package exports only its JS entry, the fonts sit beside it (as in src/common/pdf.ts). */
export const CJK_WEB_FONT = path.join(
  path.dirname(require.resolve('@embedpdf/fonts-sc')),
  '..',
  'fonts',
  'NotoSansHans-Regular.otf',
);
