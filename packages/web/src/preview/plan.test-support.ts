import { Assessment, planTreatment } from '@stipple/core';

/** A plan for a Norwood IV client with an FUT strip scar: it has a scar zone and a hairline. */
export const scarAndHairlinePlan = planTreatment(
  Assessment.parse({
    consultationDate: '2026-11-02',
    ageYears: 40,
    goal: ['scar-camouflage', 'hairline'],
    hairLoss: { scale: 'norwood', stage: 'IV' },
    scars: [{ cause: 'fut', texture: 'flat', widthMm: 2, ageMonths: 24 }],
  }),
);
