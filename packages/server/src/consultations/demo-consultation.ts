// The demo studio's consultation: José's FUE donor scars, assessed and planned by the artist,
// so that a newcomer finds a consultation, a plan with its reasons and a report to print.
import { planTreatment, Assessment, type AssessmentInput } from '@stipple/core';
import type { Tx } from '../db/database.js';
import { consultationRepository } from './consultation.repository.js';

export async function seedDemoConsultation(
  tx: Tx,
  p: { studioId: string; clientId: string; artistId: string; dateOfBirth: string | null; today: string },
): Promise<{ consultationId: string; sessions: number; minIntervalDays: number }> {
  const input: AssessmentInput = {
    consultationDate: p.today,
    ...(p.dateOfBirth ? { dateOfBirth: p.dateOfBirth } : {}),
    fitzpatrick: 3,
    hairLoss: { scale: 'norwood', stage: 'III', type: 'androgenetic' },
    hairColour: 'dark-brown',
    ancestry: 'hispanic',
    goal: ['scar-camouflage'],
    scars: [
      {
        id: 'fue-donor',
        cause: 'fue',
        texture: 'flat',
        colour: 'hypo',
        lengthMm: 0.8,
        donorAreaLengthMm: 90,
        donorAreaWidthMm: 35,
        ageMonths: 26,
        count: 40,
        location: { region: 'occipital', point: { x: 0.5, y: 0.86 } },
      },
    ],
    screening: {
      keloidHistory: false,
      hypertrophicScarringTendency: false,
      activeScalpCondition: false,
      anticoagulants: false,
      bleedingDisorder: false,
      diabetes: false,
      pregnant: false,
      breastfeeding: false,
      inkAllergy: false,
      chemotherapyMonthsAgo: null,
      laserRemovalDaysAgo: null,
      monthsSinceHairTransplant: 26,
      activeProgressiveHairLoss: false,
    },
    notes: 'Wants the donor area blended before summer; keeps a 1-2 mm buzz cut.',
  };
  const assessment = Assessment.parse(input);
  const consultation = await consultationRepository.create(tx, {
    studioId: p.studioId,
    clientId: p.clientId,
    artistId: p.artistId,
    consultationDate: assessment.consultationDate,
    assessment: assessment,
    createdBy: p.artistId,
  });
  const plan = planTreatment(assessment);
  await consultationRepository.insertPlan(tx, {
    studioId: p.studioId,
    consultationId: consultation.id,
    clientId: p.clientId,
    version: 1,
    rulesVersion: plan.rulesVersion,
    assessmentVersion: consultation.version,
    assessment: assessment,
    plan: plan,
    eligibility: plan.eligibility,
    earliestStartDate: plan.earliestStartDate,
    sessionsCount: plan.sessions.count,
    minIntervalDays: plan.sessions.minIntervalDays,
    touchUpYears: plan.touchUpYears,
    overrideCount: 0,
    createdBy: p.artistId,
  });
  return {
    consultationId: consultation.id,
    sessions: plan.sessions.count,
    minIntervalDays: plan.sessions.minIntervalDays,
  };
}
