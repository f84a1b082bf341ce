import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { findInCourtOrFail } from '../common/court-scope.js';
import { ConflictError, StaleVersionError } from '../common/errors.js';
import { MediationOrganization } from './mediation-organization.entity.js';
import type { CreateOrganizationDto, ListOrganizationsQuery, UpdateOrganizationDto } from './roster.dto.js';
import { organizationNotFound } from './roster-errors.js';
import { RosterQueries } from './roster-queries.js';
import { activeChangeAction, changedFields, organizationSnapshot, organizationView } from './roster-view.js';

const SUBJECT = 'MEDIATION_ORGANIZATION';

/** Mediation organizations of the court's roster (调解组织名册). */
@Injectable()
export class MediationOrganizationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly roster: RosterQueries,
  ) {}

  async list(actor: Actor, query: ListOrganizationsQuery) {
    const rows = await this.roster.organizationsMatching(actor, query);
    return rows.map((o) => organizationView(o, 'masked'));
  }

  async get(actor: Actor, id: string) {
    const o = await this.roster.organizationInCourt(actor, id);
    if (o.contactPhone) await this.recordPhoneViewed(actor, o);
    return organizationView(o, 'full');
  }

  async create(actor: Actor, dto: CreateOrganizationDto) {
    return this.dataSource.transaction(async (m) => {
      await this.assertRegistrationFree(m, actor, dto.registrationNumber.trim());
      const o = await m.save(
        m.create(MediationOrganization, {
          courtId: actor.courtId,
          name: dto.name.trim(),
          kind: dto.kind,
          registrationNumber: dto.registrationNumber.trim(),
          region: dto.region.trim(),
          contactPerson: dto.contactPerson?.trim() ?? null,
          contactPhone: dto.contactPhone ?? null,
          active: dto.active ?? true,
        }),
      );
      await this.audit.record(m, actor, {
        subjectType: SUBJECT,
        subjectId: o.id,
        action: 'ORGANIZATION_CREATED',
        after: organizationSnapshot(o),
      });
      return organizationView(o, 'full');
    });
  }

  /** PATCH: only the fields sent change; `active: false` deactivates (停用) and keeps everything. */
  async update(actor: Actor, id: string, dto: UpdateOrganizationDto) {
    return this.dataSource.transaction(async (m) => {
      const o = await findInCourtOrFail(m, MediationOrganization, actor, id, organizationNotFound, true);
      if (o.version !== dto.version) throw new StaleVersionError(dto.version, o.version);
      const before = organizationSnapshot(o);
      if (dto.registrationNumber !== undefined && dto.registrationNumber.trim() !== o.registrationNumber) {
        await this.assertRegistrationFree(m, actor, dto.registrationNumber.trim());
        o.registrationNumber = dto.registrationNumber.trim();
      }
      if (dto.name !== undefined) o.name = dto.name.trim();
      if (dto.kind !== undefined) o.kind = dto.kind;
      if (dto.region !== undefined) o.region = dto.region.trim();
      if (dto.contactPerson !== undefined) o.contactPerson = dto.contactPerson?.trim() ?? null;
      if (dto.contactPhone !== undefined) o.contactPhone = dto.contactPhone;
      if (dto.active !== undefined) o.active = dto.active;
      const changes = changedFields(before, organizationSnapshot(o));
      if (Object.keys(changes.after).length === 0) return organizationView(o, 'full');
      const saved = await m.save(o);
      await this.audit.record(m, actor, {
        subjectType: SUBJECT,
        subjectId: o.id,
        action: activeChangeAction(changes, 'ORGANIZATION'),
        ...changes,
      });
      return organizationView(saved, 'full');
    });
  }

  private async assertRegistrationFree(m: EntityManager, actor: Actor, registrationNumber: string): Promise<void> {
    const taken = await m.exists(MediationOrganization, { where: { courtId: actor.courtId, registrationNumber } });
    if (taken) {
      throw new ConflictError('REGISTRATION_NUMBER_TAKEN', `备案号“${registrationNumber}”已登记在本院名册中`, {
        field: 'registrationNumber',
      });
    }
  }

  private recordPhoneViewed(actor: Actor, o: MediationOrganization): Promise<void> {
    return this.audit.recordStandalone(actor, {
      subjectType: SUBJECT,
      subjectId: o.id,
      action: 'PERSONAL_DATA_VIEWED',
      after: { fields: ['contactPhone'] },
    });
  }
}
