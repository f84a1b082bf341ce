// The court's electronic signature over a finished PDF (PAdES baseline: a detached CMS signature,
// SubFilter ETSI.CAdES.detached, over the whole file but the signature itself). It is a step after
// rendering: `sign(pdfBytes) → Buffer`, so it composes with any renderer (the worker pool included).
// The key and certificate are the court's (a PKCS#12 file, COURT_SIGNING_P12); without one, a self-signed
// certificate is generated once and kept in DATA_DIR/secrets (embedded/demo mode) or in memory (tests).
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { P12Signer } from '@signpdf/signer-p12';
import signpdfModule from '@signpdf/signpdf';
import forge from 'node-forge';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFInvalidObject, PDFName, type PDFRef } from 'pdf-lib';
import type { CourtSigningKey } from '../config/court-signing-key.js';
import { readOrCreateSecret, secretsDir, writeSecretFile } from '../config/secret-files.js';

// The package is CommonJS with `exports.default`: under ESM the default import is the whole exports object.
type SignPdf = { sign(pdf: Buffer, signer: P12Signer, signingTime?: Date): Promise<Buffer> };
const signpdf = ((signpdfModule as unknown as { default?: SignPdf }).default ?? signpdfModule) as SignPdf;

/** What the signature dictionary says about the signer (shown by PDF readers and pdfsig). */
interface SealDetails {
  /** The court's name (the signer). */
  name: string;
  reason: string;
  location: string;
  contactInfo?: string;
}

/** Room for the CMS signature in the file: a 2048/4096-bit key with a chain of a few certificates fits. */
const SIGNATURE_LENGTH = 16_384;

export class CourtSeal {
  /** The certificate's subject and fingerprint, for the signature page and the history. */
  readonly certificate: { subject: string; sha256: string; selfSigned: boolean };

  constructor(private readonly key: CourtSigningKey) {
    this.certificate = describeCertificate(key);
  }

  /** The PDF with the court's signature over all of it; the bytes before are otherwise unchanged in content. */
  async sign(pdf: Buffer | Uint8Array, details: SealDetails, signingTime = new Date()): Promise<Buffer> {
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    pdflibAddPlaceholder({
      pdfDoc: doc,
      reason: TEXT_FIELDS.reason.slice(1, -1),
      contactInfo: TEXT_FIELDS.contactInfo.slice(1, -1),
      name: TEXT_FIELDS.name.slice(1, -1),
      location: TEXT_FIELDS.location.slice(1, -1),
      signingTime,
      signatureLength: SIGNATURE_LENGTH,
      subFilter: 'ETSI.CAdES.detached',
      appName: 'mediation-platform',
    });
    writeTextAsUnicode(doc, details);
    // No object streams: the placeholder must stay findable as plain bytes for the signing step.
    const withPlaceholder = Buffer.from(await doc.save({ useObjectStreams: false }));
    // A P12Signer reads its key once (forge consumes the buffer): one per signature.
    const signer = new P12Signer(this.key.p12, { passphrase: this.key.passphrase });
    return signpdf.sign(withPlaceholder, signer, signingTime);
  }
}

/** Stand-ins the placeholder writes (as byte strings, which would garble Chinese), replaced by UTF-16 text. */
const TEXT_FIELDS = {
  reason: '(@@REASON@@)',
  name: '(@@NAME@@)',
  location: '(@@LOCATION@@)',
  contactInfo: '(@@CONTACT@@)',
} as const;

/**
 * PDF text strings outside Latin-1 are UTF-16BE with a byte-order mark (`PDFHexString.fromText`). The placeholder
 * keeps the signature dictionary as raw bytes (so that it stays out of object streams): the stand-ins are
 * replaced in those bytes.
 */
function writeTextAsUnicode(doc: PDFDocument, details: SealDetails): void {
  const acroForm = doc.catalog.lookup(PDFName.of('AcroForm'), PDFDict);
  const fields = acroForm.lookup(PDFName.of('Fields'), PDFArray);
  const field = fields.lookup(fields.size() - 1, PDFDict);
  const ref = field.get(PDFName.of('V')) as PDFRef;
  const raw = doc.context.lookup(ref) as PDFInvalidObject;
  const bytes = new Uint8Array(raw.sizeInBytes());
  raw.copyBytesInto(bytes, 0);
  let text = Buffer.from(bytes).toString('latin1');
  for (const [key, standIn] of Object.entries(TEXT_FIELDS)) {
    text = text.replace(standIn, PDFHexString.fromText(details[key as keyof SealDetails] ?? '').toString());
  }
  doc.context.assign(ref, PDFInvalidObject.of(Buffer.from(text, 'latin1')));
}

/** Reads COURT_SIGNING_P12 (a file) when set; otherwise the generated demo key in DATA_DIR/secrets. */
export function courtSigningKeyOf(
  configured: { p12Path?: string; passphrase?: string },
  dataDir: string,
  courtName = '诉前调解案件平台（演示）',
): CourtSigningKey {
  if (configured.p12Path) {
    return { p12: readFileSync(configured.p12Path), passphrase: configured.passphrase ?? '' };
  }
  const passphrase = readOrCreateSecret(dataDir, 'court-signing-passphrase', () => randomBytes(24).toString('hex'));
  const file = path.join(secretsDir(dataDir), 'court-signing.p12');
  if (!existsSync(file)) writeSecretFile(file, selfSignedP12(courtName, passphrase).toString('base64'));
  return { p12: Buffer.from(readFileSync(file, 'utf8').trim(), 'base64'), passphrase };
}

let inMemory: CourtSigningKey | undefined;
/** A self-signed key for a process that has none configured (tests): generated once per process. */
export function ephemeralCourtSigningKey(): CourtSigningKey {
  inMemory ??= { p12: selfSignedP12('诉前调解案件平台（测试）', 'test'), passphrase: 'test' };
  return inMemory;
}

/** A self-signed certificate for document signing (10 years), as PKCS#12 protected by `passphrase`. */
function selfSignedP12(commonName: string, passphrase: string, now = new Date()): Buffer {
  // The key from node's crypto (fast, native); forge builds the certificate and the PKCS#12 around it.
  const { privateKey: pem } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const privateKey = forge.pki.privateKeyFromPem(pem) as forge.pki.rsa.PrivateKey;
  const publicKey = forge.pki.setRsaPublicKey(privateKey.n, privateKey.e);
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = '01' + randomBytes(8).toString('hex');
  cert.validity.notBefore = new Date(now.getTime() - 24 * 3600 * 1000);
  cert.validity.notAfter = new Date(now.getTime() + 10 * 365 * 24 * 3600 * 1000);
  const subject = [
    { shortName: 'CN', value: forge.util.encodeUtf8(commonName) },
    { shortName: 'O', value: forge.util.encodeUtf8(commonName) },
    { shortName: 'C', value: 'CN' },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(privateKey, forge.md.sha256.create());
  const asn1 = forge.pkcs12.toPkcs12Asn1(privateKey, [cert], passphrase, { algorithm: '3des' });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}

function describeCertificate(key: CourtSigningKey): { subject: string; sha256: string; selfSigned: boolean } {
  const asn1 = forge.asn1.fromDer(forge.util.binary.raw.encode(new Uint8Array(key.p12)));
  const p12 = forge.pkcs12.pkcs12FromAsn1(asn1, false, key.passphrase);
  const bags = p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? [];
  const cert = bags[0]?.cert;
  if (!cert) throw new Error('COURT_SIGNING_P12 holds no certificate');
  const der = forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes();
  const sha256 = forge.md.sha256.create().update(der).digest().toHex();
  const cn = cert.subject.getField('CN') as { value: string } | null;
  return {
    subject: cn ? forge.util.decodeUtf8(cn.value) : '',
    sha256,
    selfSigned: cert.isIssuer(cert),
  };
}
