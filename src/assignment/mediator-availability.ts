// Whether a roster entry may take a new case today. Pure.

interface AvailabilityInput {
  mediator: { active: boolean; activeFrom: string; activeUntil: string | null };
  organization: { active: boolean };
  /** Today's China date, YYYY-MM-DD. */
  today: string;
}

/** Why the mediator cannot take a new case today (Chinese), or null when they can. */
export function unavailableReason({ mediator, organization, today }: AvailabilityInput): string | null {
  if (!mediator.active) return '该调解员已停用';
  if (!organization.active) return '该调解员所属调解组织已停用';
  if (today < mediator.activeFrom) return `该调解员的聘任期自 ${mediator.activeFrom} 开始`;
  if (mediator.activeUntil !== null && today > mediator.activeUntil) {
    return `该调解员的聘任期已于 ${mediator.activeUntil} 届满`;
  }
  return null;
}

export function isAvailable(input: AvailabilityInput): boolean {
  return unavailableReason(input) === null;
}
