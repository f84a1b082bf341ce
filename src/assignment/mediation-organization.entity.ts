import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

export const ORGANIZATION_KINDS = ['PEOPLES_MEDIATION_COMMITTEE', 'INDUSTRY', 'LITIGATION_LINKAGE_STATION'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

export const ORGANIZATION_KIND_LABELS: Record<OrganizationKind, string> = {
  PEOPLES_MEDIATION_COMMITTEE: '人民调解委员会',
  INDUSTRY: '行业调解组织',
  LITIGATION_LINKAGE_STATION: '诉非联动服务站',
};

/** A registered (备案) mediation organization of a court's roster. */
@Entity('mediation_organizations')
export class MediationOrganization {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  courtId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  kind!: OrganizationKind;

  /** 备案号, unique per court. */
  @Column({ type: 'text' })
  registrationNumber!: string;

  /** The area it serves, e.g. 朝阳区 or 望京街道. */
  @Column({ type: 'text' })
  region!: string;

  @Column({ type: 'text', nullable: true })
  contactPerson!: string | null;

  @Column({ type: 'text', nullable: true })
  contactPhone!: string | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn()
  version!: number;
}
