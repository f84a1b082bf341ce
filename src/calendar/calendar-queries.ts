// Named reads of the holiday schedule an administrator entered (调休安排): functions taking a manager, and
// `CalendarQueries` offering them on the data source to the calendar, with the keepers' counts of provisional dates.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { CalendarYear } from './calendar-year.entity.js';

/** Every year an administrator entered. */
export function findEnteredYears(m: EntityManager): Promise<CalendarYear[]> {
  return m.getRepository(CalendarYear).find();
}

/** The year an administrator entered, or null (the shipped years are not rows). */
export function findEnteredYear(m: EntityManager, year: number): Promise<CalendarYear | null> {
  return m.getRepository(CalendarYear).findOne({ where: { year } });
}

@Injectable()
export class CalendarQueries {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  enteredYears(): Promise<CalendarYear[]> {
    return findEnteredYears(this.dataSource.manager);
  }

  enteredYear(year: number): Promise<CalendarYear | null> {
    return findEnteredYear(this.dataSource.manager, year);
  }

  /** How many open records of the court (all courts' for null) a keeper of provisional dates still holds. */
  provisionalCount(
    keeper: { countProvisional(m: EntityManager, courtId: string | null): Promise<number> },
    courtId: string | null,
  ): Promise<number> {
    return keeper.countProvisional(this.dataSource.manager, courtId);
  }
}
