// The columns every row kept for one case starts with: its own id, the court (every court-scoped query filters on
// it) and the case. Entities extend these instead of spelling the three (or, for one party's rows, four) columns
// again; TypeORM takes a base class's columns as the entity's own (no table of its own, no schema change).
import { Column, PrimaryGeneratedColumn } from 'typeorm';

/** A row of one case: id, courtId, caseId. */
export abstract class CaseRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  courtId!: string;

  @Column({ type: 'uuid' })
  caseId!: string;
}

/** A row of one party of one case: id, courtId, caseId, partyId. */
export abstract class PartyRecord extends CaseRecord {
  @Column({ type: 'uuid' })
  partyId!: string;
}
