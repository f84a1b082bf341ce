// Named reads of the courts (法院) and their divisions (庭室): functions taking a manager, and `CourtsQueries`
// offering them on the data source to the court page and the choice of a division.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { Court } from './court.entity.js';
import { Division } from './division.entity.js';

/** A court, or null. */
export function findCourt(m: EntityManager, id: string): Promise<Court | null> {
  return m.findOneBy(Court, { id });
}

/** The basic courts below a court, by code. */
export function findChildCourts(m: EntityManager, courtId: string): Promise<Court[]> {
  return m.find(Court, { where: { parentCourtId: courtId }, order: { code: 'ASC' } });
}

/** A court's divisions, in the order created or by name. */
export function findDivisions(m: EntityManager, courtId: string, by: 'createdAt' | 'name'): Promise<Division[]> {
  return m.find(Division, { where: { courtId }, order: by === 'name' ? { name: 'ASC' } : { createdAt: 'ASC' } });
}

@Injectable()
export class CourtsQueries {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A court with its divisions (in the order created), the courts below it and the one above it (null: none). */
  async courtWithRelations(courtId: string) {
    const m = this.dataSource.manager;
    // At once: each statement takes its own connection from the pool.
    const [court, divisions, children] = await Promise.all([
      m.findOneByOrFail(Court, { id: courtId }),
      findDivisions(m, courtId, 'createdAt'),
      findChildCourts(m, courtId),
    ]);
    const parent = court.parentCourtId ? await findCourt(m, court.parentCourtId) : null;
    return { court, divisions, children, parent };
  }

  divisionsByName(courtId: string): Promise<Division[]> {
    return findDivisions(this.dataSource.manager, courtId, 'name');
  }
}
