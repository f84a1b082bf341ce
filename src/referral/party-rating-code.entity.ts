import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A party's one-time satisfaction code (群众评价码), printed on the notice. Only
 * sha256(code) is stored; the code itself is derived again to reprint it
 * (see rating-code.ts). `usedAt` is set when the party rates.
 */
@Entity('party_rating_codes')
export class PartyRatingCode {
  @PrimaryColumn({ type: 'uuid' })
  partyId!: string;

  @Column({ type: 'uuid' })
  caseId!: string;

  @Column({ type: 'uuid' })
  courtId!: string;

  @Column({ type: 'text' })
  codeHash!: string;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt!: Date | null;
}
