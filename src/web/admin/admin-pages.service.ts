// The administrator's pages: the holiday calendar (节假日安排) and the users of the court.
import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/actor.js';
import { CalendarYearDto } from '../../calendar/calendar.dto.js';
import { CalendarService } from '../../calendar/calendar.service.js';
import { ConflictError, ValidationFailedError, type FieldError } from '../../common/errors.js';
import { CourtService } from '../../courts/court.service.js';
import { passwordProblems } from '../../common/credential-rules.js';
import { ROLES, ROLE_LABELS } from '../../common/role.js';
import { CreateUserDto } from '../../users/users.dto.js';
import { UsersService } from '../../users/users.service.js';
import { formatDateList, parseDateList } from './calendar-form.js';
import { checkedDto } from '../kit/dto-check.js';
import { fieldMessages, type FieldMessages } from '../kit/field-errors.js';
import { listField, textField, type FormFields } from '../kit/form-body.js';
import { Redirect, View } from '../kit/page-result.js';

interface CalendarFormValues {
  year: string;
  holidays: string;
  makeupWorkdays: string;
}

interface UserFormValues {
  username: string;
  displayName: string;
  roles: string[];
  divisionId: string;
  /** A bank's account (BANK): the bank's name. */
  bankInstitution: string;
}

@Injectable()
export class AdminPagesService {
  constructor(
    private readonly court: CourtService,
    private readonly calendar: CalendarService,
    private readonly users: UsersService,
  ) {}

  /** The known years; with `?year=` of a year entered here, its dates ready to correct. */
  async calendarPage(year: string | undefined, saved: string | undefined) {
    const entered = /^\d{4}$/.test(year ?? '') ? await this.calendar.enteredYear(Number(year)) : null;
    const form: CalendarFormValues = entered
      ? {
          year: String(entered.year),
          holidays: formatDateList(entered.holidays),
          makeupWorkdays: formatDateList(entered.makeupWorkdays),
        }
      : { year: year ?? '', holidays: '', makeupWorkdays: '' };
    return this.calendarView(form, {}, saved);
  }

  async saveCalendarYear(actor: Actor, fields: FormFields): Promise<Redirect | View> {
    const form: CalendarFormValues = {
      year: textField(fields, 'year'),
      holidays: textField(fields, 'holidays'),
      makeupWorkdays: textField(fields, 'makeupWorkdays'),
    };
    try {
      const { year, holidays, makeupWorkdays } = await this.checkCalendarForm(form);
      await this.calendar.putYear(actor, year, holidays, makeupWorkdays);
      return new Redirect(`/admin/calendar?saved=${year}`);
    } catch (error) {
      if (!(error instanceof ValidationFailedError)) throw error;
      return new View('admin/calendar', await this.calendarView(form, fieldMessages(error.details)), 400);
    }
  }

  async usersPage(actor: Actor, created: string | undefined) {
    return this.usersView(
      actor,
      { username: '', displayName: '', roles: [], divisionId: '', bankInstitution: '' },
      {},
      created,
    );
  }

  async createUser(actor: Actor, fields: FormFields): Promise<Redirect | View> {
    const form: UserFormValues = {
      username: textField(fields, 'username'),
      displayName: textField(fields, 'displayName'),
      roles: listField(fields, 'roles'),
      divisionId: textField(fields, 'divisionId'),
      bankInstitution: textField(fields, 'bankInstitution'),
    };
    const password = typeof fields.password === 'string' ? fields.password : '';
    try {
      const dto = await this.checkUserForm(form, password);
      const user = await this.users.create(actor, dto);
      return new Redirect(`/admin/users?created=${encodeURIComponent(user.username)}`);
    } catch (error) {
      const errors = asFieldMessages(error);
      if (!errors) throw error;
      return new View('admin/users', await this.usersView(actor, form, errors), 400);
    }
  }

  /**
   * Every problem of the new-user form at once: the DTO's, the password policy and a username already taken
   * (the users service checks the last two again, one after the other).
   */
  private async checkUserForm(form: UserFormValues, password: string): Promise<CreateUserDto> {
    const problems: FieldError[] = [];
    const dto = await checkedDto(CreateUserDto, {
      username: form.username,
      displayName: form.displayName,
      password,
      roles: form.roles,
      ...(form.divisionId ? { divisionId: form.divisionId } : {}),
      ...(form.bankInstitution ? { bankInstitution: form.bankInstitution } : {}),
    }).catch((error: unknown) => {
      if (!(error instanceof ValidationFailedError)) throw error;
      problems.push(...(error.details as FieldError[]));
      return null;
    });
    const policy = passwordProblems(password, form.username);
    if (policy && !problems.some((p) => p.field === 'password')) {
      problems.push({ field: 'password', code: 'PASSWORD_POLICY', message: policy });
    }
    if (form.username && (await this.users.usernameTaken(form.username))) {
      problems.push({ field: 'username', code: 'USERNAME_TAKEN', message: '该用户名已被使用' });
    }
    if (problems.length > 0 || !dto) throw new ValidationFailedError(problems);
    return dto;
  }

  private async checkCalendarForm(form: CalendarFormValues) {
    const problems: FieldError[] = [];
    const year = Number(form.year);
    if (!/^\d{4}$/.test(form.year) || year < 2000 || year > 2100) {
      problems.push({ field: 'year', code: 'YEAR_INVALID', message: '请填写 2000 至 2100 之间的年份' });
    }
    const lists = { holidays: parseDateList(form.holidays), makeupWorkdays: parseDateList(form.makeupWorkdays) };
    for (const [field, { dates, unreadable }] of Object.entries(lists)) {
      if (unreadable.length > 0) {
        problems.push({
          field,
          code: 'DATE_UNREADABLE',
          message: `无法识别：${unreadable.join('、')}（日期请写作 2026-01-31 的形式）`,
        });
      } else if (problems.every((p) => p.field !== 'year')) {
        const outside = dates.filter((d) => !d.startsWith(`${year}-`));
        if (outside.length > 0) {
          problems.push({
            field,
            code: 'DATE_OUTSIDE_YEAR',
            message: `以下日期不属于${year}年：${outside.join('、')}`,
          });
        }
      }
    }
    if (problems.length > 0) throw new ValidationFailedError(problems);
    const dto = await checkedDto(CalendarYearDto, {
      holidays: lists.holidays.dates,
      makeupWorkdays: lists.makeupWorkdays.dates,
    });
    return { year, ...dto };
  }

  private async calendarView(form: CalendarFormValues, errors: FieldMessages, saved?: string) {
    return { years: await this.calendar.years(), form, errors, saved };
  }

  private async usersView(actor: Actor, form: UserFormValues, errors: FieldMessages, created?: string) {
    const [users, divisions] = await Promise.all([this.users.list(actor), this.court.divisionsByName(actor)]);
    const divisionNames = new Map(divisions.map((d) => [d.id, d.name]));
    return {
      users: users.map((u) => ({ ...u, divisionName: u.divisionId ? divisionNames.get(u.divisionId) : undefined })),
      divisions,
      roles: ROLES.map((value) => ({ value, label: ROLE_LABELS[value] })),
      form,
      errors,
      created,
    };
  }
}

/** Field errors for the user form: bad fields, or a username already taken. */
function asFieldMessages(error: unknown): FieldMessages | undefined {
  if (error instanceof ValidationFailedError) return fieldMessages(error.details);
  if (error instanceof ConflictError && error.code === 'USERNAME_TAKEN') return { username: error.message };
  return undefined;
}
