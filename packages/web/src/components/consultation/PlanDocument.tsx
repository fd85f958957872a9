import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Plan } from '@stipple/core';
import { PlanAssumptionsSection, PlanOverridesSection } from './PlanBasisSections.js';
import { PlanAftercareSection, PlanExpectationsSection } from './PlanCareSections.js';
import { Section, Statements } from './PlanParts.js';
import { PlanDecisionSection, PlanSessionsSection, PlanZonesSection } from './PlanTreatmentSections.js';
import { usePlanValue, type ValueEdit } from './PlanValue.js';

export { ELIGIBILITY_COLOURS } from './PlanParts.js';
export { formatPlanValue, type ValueEdit } from './PlanValue.js';

/**
 * A plan as the artist reads it: every statement with the rules behind it, every value with the
 * rule value and any override beside it (who, when and why). `onEdit` makes values editable.
 */
export function PlanDocument({
  plan,
  pending,
  onEdit,
}: {
  plan: Plan;
  /** Paths changed in this editing session and not saved yet. */
  pending?: ReadonlySet<string>;
  onEdit?: (edit: ValueEdit) => void;
}) {
  const { t } = useTranslation();
  const renderValue = usePlanValue(plan, pending, onEdit);
  const rv = plan.rulesVersion;

  return (
    <Stack gap="md" data-testid="plan-document">
      <PlanDecisionSection plan={plan} renderValue={renderValue} editable={Boolean(onEdit)} />

      {plan.preTreatments.length > 0 && (
        <Section title={t('plan.preTreatments')}>
          <Statements items={plan.preTreatments} rulesVersion={rv} />
        </Section>
      )}

      <PlanSessionsSection plan={plan} renderValue={renderValue} />
      {plan.zones.length > 0 && <PlanZonesSection plan={plan} renderValue={renderValue} />}
      <PlanExpectationsSection plan={plan} renderValue={renderValue} />

      {plan.cautions.length > 0 && (
        <Section title={t('plan.cautions')}>
          <Statements items={plan.cautions} rulesVersion={rv} />
        </Section>
      )}

      <PlanAftercareSection plan={plan} />
      {plan.assumptions.length > 0 && <PlanAssumptionsSection plan={plan} />}
      {plan.overrides.length > 0 && <PlanOverridesSection plan={plan} pending={pending} />}
    </Stack>
  );
}
