import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { CalendarYear } from './calendar-year.entity.js';
import { HolidaySchedule, shippedSchedule, type YearSchedule } from './holiday-schedule.js';
import { addWorkingDays, legalPeriodEnd, workingDaysBetween } from './period.js';

/**
 * Periods and working days on the official calendar: the schedules shipped in
 * `chinese-days`, overridden and extended by the administrators' table.
 */
@Injectable()
export class CalendarService {
  private readonly shipped = shippedSchedule();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async schedule(): Promise<HolidaySchedule> {
    const rows = await this.dataSource.getRepository(CalendarYear).find();
    const overrides = new Map<number, YearSchedule>(
      rows.map((row) => [row.year, { holidays: new Set(row.holidays), makeupWorkdays: new Set(row.makeupWorkdays) }]),
    );
    return this.shipped.withYears(overrides);
  }

  async periodEnd(start: string, days: number): Promise<string> {
    return legalPeriodEnd(await this.schedule(), start, days);
  }

  async workingDaysAfter(start: string, days: number): Promise<string> {
    return addWorkingDays(await this.schedule(), start, days);
  }

  async workingDaysBetween(from: string, to: string): Promise<number> {
    return workingDaysBetween(await this.schedule(), from, to);
  }

  async years(): Promise<{ year: number; source: 'ADMIN' | 'SHIPPED' }[]> {
    const admin = new Set((await this.dataSource.getRepository(CalendarYear).find()).map((r) => r.year));
    const all = new Set([...this.shipped.knownYears(), ...admin]);
    return [...all].sort().map((year) => ({ year, source: admin.has(year) ? 'ADMIN' : 'SHIPPED' }));
  }

  /** An administrator enters (or corrects) one year's schedule as published by the State Council. */
  async putYear(actor: Actor, year: number, holidays: string[], makeupWorkdays: string[]): Promise<CalendarYear> {
    return this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(CalendarYear);
      const before = await repo.findOne({ where: { year } });
      const row = repo.create({
        year,
        holidays: [...new Set(holidays)].sort(),
        makeupWorkdays: [...new Set(makeupWorkdays)].sort(),
        updatedBy: actor.userId,
      });
      const saved = await repo.save(row);
      await this.audit.record(manager, actor, {
        courtId: null,
        subjectType: 'CALENDAR_YEAR',
        subjectId: String(year),
        action: before ? 'CALENDAR_YEAR_UPDATED' : 'CALENDAR_YEAR_ADDED',
        before: before ? { holidays: before.holidays, makeupWorkdays: before.makeupWorkdays } : null,
        after: { holidays: saved.holidays, makeupWorkdays: saved.makeupWorkdays },
      });
      return saved;
    });
  }
}
