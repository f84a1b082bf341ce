/** The court's key and certificate for signing PDFs: a PKCS#12 and its passphrase (src/signing/court-seal.ts). */
export interface CourtSigningKey {
  p12: Buffer;
  passphrase: string;
}
