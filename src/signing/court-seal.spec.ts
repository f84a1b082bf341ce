import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createPdfDocument, pdfToBuffer } from '../common/pdf.js';
import { CourtSeal, ephemeralCourtSigningKey } from './court-seal.js';

/** pdfsig (poppler-utils), a reader outside the project, on the bytes. */
function pdfsig(pdf: Buffer): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'seal-')), 'signed.pdf');
  writeFileSync(file, pdf);
  try {
    return execFileSync('pdfsig', [file], { encoding: 'utf8' });
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? error);
  }
}

async function aPdf(text: string): Promise<Buffer> {
  const doc = createPdfDocument({ title: '测试' });
  doc.fontSize(14).text(text);
  return pdfToBuffer(doc);
}

describe('CourtSeal', () => {
  const seal = new CourtSeal(ephemeralCourtSigningKey());
  const details = { name: '测试法院', reason: '调解协议书电子签章', location: '北京' };

  it('signs the rendered bytes so that pdfsig finds the signature valid over the whole file', async () => {
    const signed = await seal.sign(await aPdf('调解协议书'), details);
    const report = pdfsig(signed);
    expect(report).toContain('Signature #1');
    expect(report).toContain('Signature Validation: Signature is Valid.');
    expect(report).toContain('Total document signed');
    expect(report).toContain('Signer Certificate Common Name: 诉前调解案件平台（测试）');
    // The signature dictionary's texts are readable (UTF-16, not bytes cut from Chinese characters).
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'seal-')), 'signed.pdf');
    writeFileSync(file, signed);
    const check = spawnSync(
      'pdftoppm',
      ['-png', '-r', '20', '-f', '1', '-l', '1', file, path.join(path.dirname(file), 'p')],
      {
        encoding: 'utf8',
      },
    );
    expect(check.stderr).not.toContain('Syntax Error');
    expect(signed.toString('latin1')).toContain(`/Reason <FEFF`);
  });

  it('a signed file changed afterwards no longer verifies', async () => {
    const signed = await seal.sign(await aPdf('协议金额 8000.00 元'), details);
    const at = signed.indexOf('/Title');
    const tampered = Buffer.from(signed);
    tampered[at + 1] = 'X'.charCodeAt(0);
    expect(pdfsig(tampered)).not.toContain('Signature Validation: Signature is Valid.');
  });

  it('describes its certificate (self-signed here) with a SHA-256 fingerprint', () => {
    expect(seal.certificate.selfSigned).toBe(true);
    expect(seal.certificate.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});
