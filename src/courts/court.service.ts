import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { findInCourtOrFail } from '../common/court-scope.js';
import { ConflictError, NotFoundError, ValidationFailedError } from '../common/errors.js';
import { User } from '../auth/user.entity.js';
import { continueAfterTypedNumbers } from '../cases/case-number.js';
import { chinaDate, yearOf } from '../common/china-time.js';
import { Clock } from '../common/clock.js';
import type { CreateDivisionDto, UpdateCourtDto, UpdateDivisionDto } from './court.dto.js';
import { Court } from './court.entity.js';
import { CourtsQueries } from './courts-queries.js';
import { Division } from './division.entity.js';

const divisionNotFound = () => new NotFoundError('DIVISION_NOT_FOUND', '部门不存在');
// `field` lets a form show the conflict at the name it is about.
const nameTaken = (name: string) =>
  new ConflictError('DIVISION_NAME_TAKEN', `本院已有名为“${name}”的部门`, { field: 'name' });

const courtRef = (court: Court) => ({ id: court.id, code: court.code, name: court.name });

const courtView = (court: Court, divisions: Division[], parent: Court | null, children: Court[]) => ({
  id: court.id,
  code: court.code,
  name: court.name,
  population: court.population,
  phone: court.phone,
  address: court.address,
  publicUrl: court.publicUrl,
  noticeReplyDays: court.noticeReplyDays,
  mediatorChoiceWorkingDays: court.mediatorChoiceWorkingDays,
  /** Who gives the 民初 / 民特 numbers: the platform (OWN) or the court's case system (EXTERNAL). */
  filingNumbers: court.filingNumbers,
  /** The switch to the 2025 procedure: no old 诉前调解 registration on or after this China date. */
  legacyUntil: court.legacyUntil,
  /** The intermediate court above, to which closed months are submitted (报送). */
  parentCourt: parent ? courtRef(parent) : null,
  /** The basic courts below, with the target success rate set for each. */
  childCourts: children.map((c) => ({ ...courtRef(c), successRateTarget: c.successRateTarget })),
  successRateTarget: court.successRateTarget,
  divisions: divisions.map(divisionView),
});

const courtSettings = (court: Court) => ({
  name: court.name,
  population: court.population,
  phone: court.phone,
  address: court.address,
  publicUrl: court.publicUrl,
  noticeReplyDays: court.noticeReplyDays,
  mediatorChoiceWorkingDays: court.mediatorChoiceWorkingDays,
  filingNumbers: court.filingNumbers,
  legacyUntil: court.legacyUntil,
});

const divisionView = (d: Division) => ({ id: d.id, name: d.name, kind: d.kind, headUserId: d.headUserId });

/** The actor's own court (法院) and its divisions (庭室): read by everyone in it, changed by its administrator. */
@Injectable()
export class CourtService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queries: CourtsQueries,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async get(actor: Actor) {
    const { court, divisions, children, parent } = await this.queries.courtWithRelations(actor.courtId);
    return courtView(court, divisions, parent, children);
  }

  /** The divisions of the actor's court by name, for choosing one (a user's 所属部门). */
  divisionsByName(actor: Actor): Promise<Division[]> {
    return this.queries.divisionsByName(actor.courtId);
  }

  async update(actor: Actor, dto: UpdateCourtDto) {
    await this.dataSource.transaction(async (m) => {
      const court = await m.findOneOrFail(Court, { where: { id: actor.courtId }, lock: { mode: 'pessimistic_write' } });
      const before = courtSettings(court);
      Object.assign(court, {
        name: dto.name ?? court.name,
        population: dto.population ?? court.population,
        phone: dto.phone === undefined ? court.phone : dto.phone.trim(),
        address: dto.address === undefined ? court.address : dto.address.trim(),
        publicUrl: dto.publicUrl === undefined ? court.publicUrl : dto.publicUrl.trim().replace(/\/+$/, ''),
        noticeReplyDays: dto.noticeReplyDays ?? court.noticeReplyDays,
        mediatorChoiceWorkingDays: dto.mediatorChoiceWorkingDays ?? court.mediatorChoiceWorkingDays,
        filingNumbers: dto.filingNumbers ?? court.filingNumbers,
        legacyUntil: dto.legacyUntil ?? court.legacyUntil,
      });
      await m.save(court);
      if (before.filingNumbers === 'EXTERNAL' && court.filingNumbers === 'OWN') {
        await continueAfterTypedNumbers(m, court, yearOf(chinaDate(this.clock.now())));
      }
      await this.audit.record(m, actor, {
        subjectType: 'COURT',
        subjectId: court.id,
        action: 'COURT_UPDATED',
        before,
        after: courtSettings(court),
      });
    });
    return this.get(actor);
  }

  async createDivision(actor: Actor, dto: CreateDivisionDto) {
    return this.dataSource.transaction(async (m) => {
      const name = dto.name.trim();
      if (await m.exists(Division, { where: { courtId: actor.courtId, name } })) throw nameTaken(name);
      const division = await m.save(m.create(Division, { courtId: actor.courtId, name, kind: dto.kind }));
      await this.audit.record(m, actor, {
        subjectType: 'DIVISION',
        subjectId: division.id,
        action: 'DIVISION_CREATED',
        after: divisionView(division),
      });
      return divisionView(division);
    });
  }

  async updateDivision(actor: Actor, id: string, dto: UpdateDivisionDto) {
    return this.dataSource.transaction(async (m) => {
      const division = await findInCourtOrFail(m, Division, actor, id, divisionNotFound, true);
      const before = divisionView(division);
      const name = dto.name?.trim() ?? division.name;
      if (name !== division.name && (await m.exists(Division, { where: { courtId: actor.courtId, name } }))) {
        throw nameTaken(name);
      }
      const head = { id: dto.headUserId ?? undefined, courtId: actor.courtId, divisionId: division.id };
      if (dto.headUserId && !(await m.exists(User, { where: head }))) {
        throw ValidationFailedError.field(
          'headUserId',
          'HEAD_NOT_IN_DIVISION',
          'headUserId：部门负责人应为本部门的用户',
        );
      }
      Object.assign(division, {
        name,
        kind: dto.kind ?? division.kind,
        headUserId: dto.headUserId === undefined ? division.headUserId : dto.headUserId,
      });
      await m.save(division);
      await this.audit.record(m, actor, {
        subjectType: 'DIVISION',
        subjectId: division.id,
        action: 'DIVISION_UPDATED',
        before,
        after: divisionView(division),
      });
      return divisionView(division);
    });
  }
}
