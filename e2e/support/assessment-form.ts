// The assessment form as a test fills it: Mantine selects, the segmented screening questions, and
// the whole questionnaire answered for a client with nothing to report.
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** Picks an option of a Mantine select. */
export async function choose(page: Page, select: Locator, option: string | RegExp) {
  await select.click();
  await page.getByRole('option', { name: option }).first().click();
  await expect.poll(() => select.inputValue()).toMatch(option);
}

/** Answers one segmented question of the screening ("Not asked", "No", "Yes", "Never"). */
export async function answer(page: Page, testId: string, label: string) {
  await page.getByTestId(`${testId}-row`).getByText(label, { exact: true }).click();
}

/** Every yes/no question of the screening answered "No" and every "how long ago" one "Never". */
export async function answerNothingToReport(page: Page): Promise<void> {
  for (const key of [
    'keloidHistory',
    'hypertrophicScarringTendency',
    'activeScalpCondition',
    'sunburnOrWounds',
    'severeScalpDryness',
    'wartsOrMolesInArea',
    'herpesOnScalp',
    'pihTendency',
    'vitiligo',
    'anticoagulants',
    'bleedingDisorder',
    'diabetes',
    'immuneCondition',
    'heartConditionOrHighBloodPressure',
    'epilepsy',
    'liverDisease',
    'infectiousDisease',
    'steroidsOrRetinoids',
    'antibiotics',
    'pregnant',
    'breastfeeding',
    'chemotherapyPlanned',
    'inkAllergy',
    'activeProgressiveHairLoss',
    'temporaryAlopecia',
  ])
    await answer(page, `screening-${key}`, 'No');
  for (const key of ['isotretinoin', 'chemotherapy', 'laserRemoval', 'scalpSurgery'])
    await answer(page, `screening-${key}`, 'Never');
}
