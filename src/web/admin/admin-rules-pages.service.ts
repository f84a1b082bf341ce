// The administrator's pages beyond users and the calendar: the court's notice rules per case type (告知规则:
// whether pre-litigation mediation is suggested, which notice template, why not), and editing a user
// (roles, division, deactivation) or resetting their password.
import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/actor.js';
import { ResetPasswordDto } from '../../auth/login.dto.js';
import { NotFoundError } from '../../common/errors.js';
import { CourtService } from '../../courts/court.service.js';
import { configuredCaseTypes, NOTICE_TEMPLATES } from '../../cases/case-types.js';
import { PutNoticeRuleDto } from '../../referral/notice-rules.dto.js';
import { NoticeRulesService, type EffectiveNoticeRule } from '../../referral/notice-rules.service.js';
import { TEMPLATE_LABELS } from '../../referral/notice-text.js';
import { ROLES, ROLE_LABELS } from '../../common/role.js';
import { UpdateUserDto } from '../../users/users.dto.js';
import { UsersService } from '../../users/users.service.js';
import { checkedDto } from '../kit/dto-check.js';
import type { FieldMessages } from '../kit/field-errors.js';
import { formErrorStatus, formErrorsOf } from '../kit/form-refusal.js';
import { listField, textField, type FormFields } from '../kit/form-body.js';
import { Redirect, View } from '../kit/page-result.js';

const ADMIN_FIELD_LABELS: Record<string, string> = {
  mediationSuggested: '是否建议诉前调解',
  noticeTemplate: '告知书模板',
  unsuitableReason: '不适宜调解的理由',
  displayName: '姓名',
  roles: '角色',
  divisionId: '部门',
  bankInstitution: '所属银行',
  active: '账号状态',
  newPassword: '新密码',
};

interface RuleFormValues {
  mediationSuggested: string;
  noticeTemplate: string;
  unsuitableReason: string;
  version: string;
}

interface UserFormValues {
  displayName: string;
  roles: string[];
  divisionId: string;
  active: boolean;
  version: string;
}

const ruleNotFound = (caseType: string) =>
  new NotFoundError('CASE_TYPE_NOT_FOUND', `案由“${caseType.slice(0, 30)}”不在案由列表中`);

const integerOrText = (text: string) => (/^\d{1,9}$/.test(text) ? Number(text) : text);

@Injectable()
export class AdminRulesPagesService {
  constructor(
    private readonly court: CourtService,
    private readonly rules: NoticeRulesService,
    private readonly users: UsersService,
  ) {}

  async noticeRulesPage(actor: Actor, saved?: string) {
    const rules = await this.rules.list(actor);
    return { rules: rules.map((rule) => ({ ...rule, templateLabel: TEMPLATE_LABELS[rule.noticeTemplate] })), saved };
  }

  async editRulePage(actor: Actor, caseType: string) {
    const rule = await this.ruleOf(actor, caseType);
    const form: RuleFormValues = {
      mediationSuggested: String(rule.mediationSuggested),
      noticeTemplate: rule.noticeTemplate,
      unsuitableReason: rule.unsuitableReason ?? '',
      version: String(rule.version),
    };
    return this.ruleFormView(rule, form, {});
  }

  async saveRule(actor: Actor, caseType: string, fields: FormFields): Promise<Redirect | View> {
    const rule = await this.ruleOf(actor, caseType);
    const form: RuleFormValues = {
      mediationSuggested: textField(fields, 'mediationSuggested'),
      noticeTemplate: textField(fields, 'noticeTemplate'),
      unsuitableReason: textField(fields, 'unsuitableReason'),
      version: textField(fields, 'version'),
    };
    try {
      const suggested = form.mediationSuggested === 'true';
      const dto = await checkedDto(PutNoticeRuleDto, {
        mediationSuggested: form.mediationSuggested === '' ? undefined : suggested,
        noticeTemplate: form.noticeTemplate,
        // A suggested type keeps no reason (the service clears it); only an unsuitable one sends it.
        ...(!suggested && form.unsuitableReason ? { unsuitableReason: form.unsuitableReason } : {}),
        ...(form.version ? { version: integerOrText(form.version) } : {}),
      });
      await this.rules.put(actor, caseType, dto);
      return new Redirect(`/admin/notice-rules?saved=${encodeURIComponent(caseType)}`);
    } catch (error) {
      const errors = formErrorsOf(error);
      if (!errors) throw error;
      return new View('admin-rules/notice-rule-form', this.ruleFormView(rule, form, errors), formErrorStatus(error));
    }
  }

  async editUserPage(actor: Actor, id: string, done?: string) {
    const user = await this.users.get(actor, id);
    const form: UserFormValues = {
      displayName: user.displayName,
      roles: user.roles,
      divisionId: user.divisionId ?? '',
      active: user.active,
      version: String(user.version),
    };
    return this.userFormView(actor, user, form, {}, done);
  }

  async saveUser(actor: Actor, id: string, fields: FormFields): Promise<Redirect | View> {
    const user = await this.users.get(actor, id);
    const form: UserFormValues = {
      displayName: textField(fields, 'displayName'),
      roles: listField(fields, 'roles'),
      divisionId: textField(fields, 'divisionId'),
      active: textField(fields, 'active') !== 'false',
      version: textField(fields, 'version'),
    };
    try {
      const dto = await checkedDto(UpdateUserDto, {
        version: integerOrText(form.version),
        displayName: form.displayName,
        roles: form.roles,
        active: form.active,
        // An empty choice takes the user out of any division (调解员 belong to none).
        divisionId: form.divisionId || null,
      });
      await this.users.update(actor, id, dto);
      return new Redirect(`/admin/users/${id}?done=saved`);
    } catch (error) {
      const errors = formErrorsOf(error);
      if (!errors) throw error;
      return new View(
        'admin-rules/user-form',
        await this.userFormView(actor, user, form, errors),
        formErrorStatus(error),
      );
    }
  }

  /** 重置密码: the user's sessions end; the new password is told to the person directly. */
  async resetPassword(actor: Actor, id: string, fields: FormFields): Promise<Redirect | View> {
    const user = await this.users.get(actor, id);
    try {
      const dto = await checkedDto(ResetPasswordDto, { newPassword: textField(fields, 'newPassword') });
      await this.users.resetPassword(actor, id, dto.newPassword);
      return new Redirect(`/admin/users/${id}?done=password`);
    } catch (error) {
      const errors = formErrorsOf(error);
      if (!errors) throw error;
      const form: UserFormValues = {
        displayName: user.displayName,
        roles: user.roles,
        divisionId: user.divisionId ?? '',
        active: user.active,
        version: String(user.version),
      };
      const view = await this.userFormView(actor, user, form, {}, undefined, errors);
      return new View('admin-rules/user-form', view, formErrorStatus(error));
    }
  }

  private async ruleOf(actor: Actor, caseType: string): Promise<EffectiveNoticeRule> {
    const rule = (await this.rules.list(actor)).find((r) => r.caseType === caseType);
    if (!rule) throw ruleNotFound(caseType);
    return rule;
  }

  private ruleFormView(rule: EffectiveNoticeRule, form: RuleFormValues, errors: FieldMessages) {
    const configured = configuredCaseTypes().find((t) => t.name === rule.caseType);
    return {
      rule,
      form,
      errors,
      labels: ADMIN_FIELD_LABELS,
      templates: NOTICE_TEMPLATES.map((value) => ({ value, label: TEMPLATE_LABELS[value] })),
      defaultLabel: configured
        ? `${configured.mediationSuggested ? '建议调解' : '不建议调解'}，${TEMPLATE_LABELS[configured.noticeTemplate]}模板`
        : '',
    };
  }

  private async userFormView(
    actor: Actor,
    user: Awaited<ReturnType<UsersService['get']>>,
    form: UserFormValues,
    errors: FieldMessages,
    done?: string,
    passwordErrors: FieldMessages = {},
  ) {
    const divisions = await this.court.divisionsByName(actor);
    return {
      user: { id: user.id, username: user.username, displayName: user.displayName },
      self: user.id === actor.userId,
      form,
      errors,
      passwordErrors,
      done,
      labels: ADMIN_FIELD_LABELS,
      divisions,
      roles: ROLES.map((value) => ({ value, label: ROLE_LABELS[value] })),
    };
  }
}
