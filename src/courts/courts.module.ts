import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Court } from './court.entity.js';
import { Division } from './division.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([Court, Division])],
  exports: [TypeOrmModule],
})
export class CourtsModule {}
