import { Column, Entity } from 'typeorm';
import { CaseRecord } from './case-record.js';

export const PARTY_ROLES = ['PLAINTIFF', 'DEFENDANT', 'THIRD_PARTY'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];
export const PARTY_KINDS = ['PERSON', 'ORGANIZATION'] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

/** How a service address was checked (送达地址核实方式). */
export const ADDRESS_VERIFICATION_METHODS = [
  'PHONE',
  'IN_PERSON',
  'HOUSEHOLD_REGISTRATION',
  'POSTAL',
  'OTHER',
] as const;
export type AddressVerificationMethod = (typeof ADDRESS_VERIFICATION_METHODS)[number];
/** CONFIRMED: the address is right; CORRECTED: a corrected address was taken; UNREACHABLE: nobody there. */
export const ADDRESS_VERIFICATION_RESULTS = ['CONFIRMED', 'CORRECTED', 'UNREACHABLE'] as const;
export type AddressVerificationResult = (typeof ADDRESS_VERIFICATION_RESULTS)[number];

/** A borrower-side party's place in a bank's loan (batch intake): 借款人, 共同借款人, 保证人. */
export const LOAN_ROLES = ['BORROWER', 'CO_BORROWER', 'GUARANTOR'] as const;
export type LoanRole = (typeof LOAN_ROLES)[number];
export const LOAN_ROLE_LABELS: Record<LoanRole, string> = {
  BORROWER: '借款人',
  CO_BORROWER: '共同借款人',
  GUARANTOR: '保证人',
};

export const PARTY_ROLE_LABELS: Record<PartyRole, string> = {
  PLAINTIFF: '申请人（原告）',
  DEFENDANT: '被申请人（被告）',
  THIRD_PARTY: '第三人',
};

/** A party to a case (当事人): a natural person or an organization. */
@Entity('parties')
export class Party extends CaseRecord {
  /** Order as entered. */
  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'text' })
  role!: PartyRole;

  @Column({ type: 'text' })
  kind!: PartyKind;

  @Column({ type: 'text' })
  name!: string;

  /** 身份证号 (persons). */
  @Column({ type: 'text', nullable: true })
  idNumber!: string | null;

  /** 统一社会信用代码 (organizations). */
  @Column({ type: 'text', nullable: true })
  creditCode!: string | null;

  @Column({ type: 'text', nullable: true })
  legalRepresentative!: string | null;

  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  @Column({ type: 'text', nullable: true })
  address!: string | null;

  /** Its place in a bank's loan (a DEFENDANT of a batch case), null otherwise. */
  @Column({ type: 'text', nullable: true })
  loanRole!: LoanRole | null;

  /** 送达地址 */
  @Column({ type: 'text', nullable: true })
  serviceAddress!: string | null;

  /** How the service address was last verified (PHONE, IN_PERSON, HOUSEHOLD_REGISTRATION...), null until it is. */
  @Column({ type: 'text', nullable: true })
  addressVerification!: AddressVerificationMethod | null;

  @Column({ type: 'text', nullable: true })
  addressVerificationResult!: AddressVerificationResult | null;

  @Column({ type: 'timestamptz', nullable: true })
  addressVerifiedAt!: Date | null;
}
