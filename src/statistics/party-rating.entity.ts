import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A party's rating of the service (群众评价), given once with the party's one-time code. */
@Entity('party_ratings')
export class PartyRating {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  partyId!: string;

  @Column({ type: 'uuid' })
  caseId!: string;

  @Column({ type: 'uuid' })
  courtId!: string;

  /** 1 (very dissatisfied) to 5 (very satisfied). */
  @Column({ type: 'smallint' })
  score!: number;

  /** Plain text as the party wrote it (control characters removed), at most 500 characters. */
  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  @Column({ type: 'timestamptz' })
  ratedAt!: Date;

  /** Where it came from (issue 28). */
  @Column({ type: 'inet', nullable: true })
  clientAddress!: string | null;

  @Column({ type: 'text', nullable: true })
  requestId!: string | null;

  /** Cast from a staff session or the court's own network: counted apart, never in the satisfaction figures. */
  @Column({ type: 'text', nullable: true })
  doubt!: 'STAFF_SESSION' | 'COURT_NETWORK' | null;
}
