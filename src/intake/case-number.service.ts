import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { nextCourtNumber, type CaseTypeCode } from '../cases/case-number.js';

/**
 * Case numbers (案号) for the steps that give them (referral's 民诉前调, transfer's 民初): nextCourtNumber
 * (src/cases/case-number.ts), per court, year and type, inside the caller's transaction.
 */
@Injectable()
export class CaseNumberService {
  next(manager: EntityManager, court: { id: string; code: string }, typeCode: CaseTypeCode, year: number) {
    return nextCourtNumber(manager, court, typeCode, year);
  }
}
