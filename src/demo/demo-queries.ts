// Named reads of the demo seed: whether the database already has a court (the demo seeds only an empty one). The
// seed is not part of a Nest module: `DemoQueries` is built by hand on the app's data source.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { Court } from '../courts/court.entity.js';

/** How many courts the database holds. */
export function countCourts(m: EntityManager): Promise<number> {
  return m.getRepository(Court).count();
}

@Injectable()
export class DemoQueries {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  courtCount(): Promise<number> {
    return countCourts(this.dataSource.manager);
  }
}
