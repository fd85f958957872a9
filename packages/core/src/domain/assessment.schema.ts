import { z } from 'zod';
import { ageOn, monthsBetween } from '../planner/calendar.js';
import { IsoDate } from './common.schema.js';

/*
 * The consultation assessment the planner reads. Every field the client or the artist may not
 * know is optional: left out means "not known", and the plan then says what it assumed. For
 * events with a waiting time, `null` means "never / does not apply" (known), which is different
 * from leaving the field out.
 */

const FITZPATRICK_ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI'] as const;

/** Fitzpatrick skin type 1-6; roman numerals "I".."VI" are accepted and stored as numbers. */
export const FitzpatrickType = z
  .union([z.int().min(1).max(6), z.enum(FITZPATRICK_ROMAN)], {
    error: 'fitzpatrick',
  })
  .transform((v) => (typeof v === 'number' ? v : FITZPATRICK_ROMAN.indexOf(v) + 1))
  .describe('Fitzpatrick skin type: 1 (very pale, always burns) to 6 (dark brown or black, never burns)');

export const NORWOOD_STAGES = [
  'I',
  'II',
  'IIa',
  'III',
  'IIIa',
  'III-vertex',
  'IV',
  'IVa',
  'V',
  'Va',
  'VI',
  'VII',
] as const;
export const LUDWIG_STAGES = ['I', 'II', 'III'] as const;
export type NorwoodStage = (typeof NORWOOD_STAGES)[number];
export type LudwigStage = (typeof LUDWIG_STAGES)[number];
export const SAVIN_STAGES = [
  'I-1',
  'I-2',
  'I-3',
  'I-4',
  'II-1',
  'II-2',
  'III',
  'advanced',
  'frontal',
] as const;
export const HAIR_LOSS_SCALES = ['norwood', 'ludwig', 'savin', 'none'] as const;
export const HAIR_LOSS_TYPES = ['androgenetic', 'scarring-alopecia', 'alopecia-areata', 'other'] as const;

const HairLossType = z
  .enum(HAIR_LOSS_TYPES)
  .optional()
  .describe('cause of the hair loss if known; scarring alopecia fades faster and needs more sessions');

/** Arabic numerals as artists also write the stages ("3", "3a", "3v"), to the stage they stand for. */
const NORWOOD_ARABIC: Record<string, NorwoodStage> = {
  '1': 'I',
  '2': 'II',
  '2a': 'IIa',
  '3': 'III',
  '3a': 'IIIa',
  '3v': 'III-vertex',
  '3-vertex': 'III-vertex',
  '4': 'IV',
  '4a': 'IVa',
  '5': 'V',
  '5a': 'Va',
  '6': 'VI',
  '7': 'VII',
};
const LUDWIG_ARABIC: Record<string, LudwigStage> = { '1': 'I', '2': 'II', '3': 'III' };

/** A stage of one scale: its own name, or the arabic form (as text or a number), stored by its own name. */
function stageOf<S extends string>(stages: readonly [S, ...S[]], arabic: Record<string, S>, code: string) {
  const numbers = [
    ...new Set(
      Object.keys(arabic)
        .filter((k) => /^\d+$/.test(k))
        .map(Number),
    ),
  ];
  return z
    .union([z.enum(stages), z.enum(Object.keys(arabic) as [string, ...string[]]), z.literal(numbers)], {
      error: code,
    })
    .transform((v): S => ((stages as readonly string[]).includes(String(v)) ? (v as S) : arabic[String(v)]!));
}

/** The pattern of hair loss on one scale; the stage is checked against the scale it belongs to. */
export const HairLoss = z.discriminatedUnion('scale', [
  z.strictObject({
    scale: z.literal('norwood'),
    stage: stageOf(NORWOOD_STAGES, NORWOOD_ARABIC, 'norwood').describe(
      'Norwood-Hamilton class; "a" = class A variant, III-vertex; arabic numerals ("3", "3a") are accepted',
    ),
    type: HairLossType,
  }),
  z.strictObject({
    scale: z.literal('ludwig'),
    stage: stageOf(LUDWIG_STAGES, LUDWIG_ARABIC, 'ludwig'),
    type: HairLossType,
  }),
  z.strictObject({
    scale: z.literal('savin'),
    stage: z.enum(SAVIN_STAGES, { error: 'savin' }),
    type: HairLossType,
  }),
  z.strictObject({ scale: z.literal('none') }),
]);
export type HairLoss = z.infer<typeof HairLoss>;

/** A hair-loss pattern as stored and answered (stages by their own names only). */
export const HairLossRecord = z.discriminatedUnion('scale', [
  z.strictObject({ scale: z.literal('norwood'), stage: z.enum(NORWOOD_STAGES), type: HairLossType }),
  z.strictObject({ scale: z.literal('ludwig'), stage: z.enum(LUDWIG_STAGES), type: HairLossType }),
  z.strictObject({ scale: z.literal('savin'), stage: z.enum(SAVIN_STAGES), type: HairLossType }),
  z.strictObject({ scale: z.literal('none') }),
]);

export const HAIR_COLOURS = [
  'black',
  'dark-brown',
  'brown',
  'light-brown',
  'blonde',
  'red',
  'grey',
  'white',
] as const;
export const HairColour = z.enum(HAIR_COLOURS);
export type HairColour = z.infer<typeof HairColour>;

/** Populations with a published natural follicular-unit density (domain.md §1.4). */
export const ANCESTRIES = [
  'caucasian',
  'hispanic',
  'african',
  'han-chinese',
  'east-asian',
  'south-asian',
  'west-asian',
  'other',
] as const;
export const Ancestry = z.enum(ANCESTRIES);
export type Ancestry = z.infer<typeof Ancestry>;

export const TREATMENT_GOALS = ['scar-camouflage', 'density', 'shaved-look', 'hairline'] as const;
export const TreatmentGoal = z.enum(TREATMENT_GOALS);
export type TreatmentGoal = z.infer<typeof TreatmentGoal>;

/** One goal, or several for a consultation that needs more than one; always stored as a list. */
export const TreatmentGoals = z
  .union([TreatmentGoal, z.array(TreatmentGoal).min(1, { message: 'goals' })], { error: 'goals' })
  .transform((g) => [...new Set(Array.isArray(g) ? g : [g])]);

export const SCAR_CAUSES = ['fut', 'fue', 'surgery', 'trauma', 'burn', 'other'] as const;
export const SCAR_TEXTURES = ['flat', 'raised', 'atrophic', 'keloid'] as const;
export const SCAR_COLOURS = ['hypo', 'hyper', 'normal'] as const;
export const ScarCause = z.enum(SCAR_CAUSES);
export const ScarTexture = z.enum(SCAR_TEXTURES);
export const ScarColour = z.enum(SCAR_COLOURS);

/** Named areas of a top-view scalp diagram. */
export const SCALP_REGIONS = [
  'frontal',
  'mid-scalp',
  'vertex',
  'crown',
  'occipital',
  'nape',
  'temporal-left',
  'temporal-right',
  'parietal-left',
  'parietal-right',
] as const;
export const ScalpRegion = z.enum(SCALP_REGIONS);

const unit = z.number().min(0).max(1);
/** A point on the top-view scalp diagram: x from the client's left (0) to right (1), y from forehead (0) to nape (1). */
export const ScalpDiagramPoint = z.strictObject({ x: unit, y: unit });

export const ScarLocation = z
  .strictObject({
    region: ScalpRegion.optional(),
    point: ScalpDiagramPoint.optional().describe('centre of the scar on the diagram'),
    outline: z.array(ScalpDiagramPoint).min(3).max(500).optional().describe('polygon around the scar'),
  })
  .refine((l) => l.region !== undefined || l.point !== undefined || l.outline !== undefined, {
    message: 'scarLocation',
  });

const Months = z.int().min(0).max(1200);
const Mm = z.number().positive().max(600);

export const AssessmentScar = z.strictObject({
  id: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .optional()
    .describe('stable id; the plan calls scars without one scar-1, scar-2… by position'),
  cause: ScarCause,
  texture: ScarTexture,
  colour: ScarColour.optional().describe('colour against the surrounding skin'),
  lengthMm: Mm.optional().describe('for FUE dots: the diameter of a typical dot'),
  widthMm: Mm.optional(),
  donorAreaLengthMm: Mm.optional().describe(
    'FUE only: the length of the donor area the dots are spread over',
  ),
  donorAreaWidthMm: Mm.optional().describe('FUE only: the width of the donor area'),
  ageMonths: Months.optional().describe('whole months since the injury or surgery'),
  date: IsoDate.optional().describe('date of the injury or surgery, instead of ageMonths'),
  count: z.int().min(1).max(10_000).optional().describe('number of FUE dot scars this entry stands for'),
  surroundingHairDensityPerCm2: z
    .number()
    .min(0)
    .max(600)
    .optional()
    .describe('hairs per cm² measured around the scar (photo analysis)'),
  location: ScarLocation.optional(),
});
export type AssessmentScar = z.infer<typeof AssessmentScar>;

/** Whole months ago (0 = ongoing or this month); null = never. */
const monthsAgo = (what: string) =>
  Months.nullable().optional().describe(`whole months since ${what}; 0 = ongoing; null = never`);
const eventDate = (what: string) =>
  IsoDate.nullable().optional().describe(`date of ${what}, instead of the months/days field; null = never`);
const yes = (what: string) => z.boolean().optional().describe(what);

/** Medical screening: every contraindication and caution of domain.md §2.5. Left out = not asked / not known. */
export const Screening = z.strictObject({
  // Skin
  keloidHistory: yes('has had a keloid, or keloids run in the family'),
  hypertrophicScarringTendency: yes('scars tend to become raised (hypertrophic)'),
  activeScalpCondition: yes('active psoriasis, eczema, dermatitis, rash, acne or infection in the area'),
  sunburnOrWounds: yes('sunburn, cuts or abrasions on the scalp now'),
  severeScalpDryness: yes('severe dryness or flaking, or very thick scalp skin'),
  wartsOrMolesInArea: yes('warts or moles inside the treatment area'),
  herpesOnScalp: yes('herpes simplex on the scalp'),
  pihTendency: yes('tends to post-inflammatory hyperpigmentation'),
  vitiligo: yes('vitiligo'),
  // Bleeding
  anticoagulants: yes('takes anticoagulants or aspirin'),
  bleedingDisorder: yes('haemophilia, a platelet disorder or sickle cell disease'),
  // Systemic
  diabetes: yes('diabetes'),
  immuneCondition: yes('an immune or autoimmune disease'),
  heartConditionOrHighBloodPressure: yes('a heart condition or high blood pressure'),
  epilepsy: yes('epilepsy'),
  liverDisease: yes('liver disease'),
  infectiousDisease: yes('an infectious disease'),
  // Drugs
  steroidsOrRetinoids: yes('takes steroids or retinoids'),
  antibiotics: yes('on a course of antibiotics now'),
  isotretinoinMonthsAgo: monthsAgo('the last dose of isotretinoin (Accutane)'),
  isotretinoinStoppedDate: eventDate('the last dose of isotretinoin'),
  // Pregnancy
  pregnant: yes('pregnant'),
  breastfeeding: yes('breastfeeding'),
  // Cancer
  chemotherapyMonthsAgo: monthsAgo('the end of chemotherapy'),
  chemotherapyEndDate: eventDate('the end of chemotherapy'),
  chemotherapyPlanned: yes('chemotherapy is planned'),
  // Other
  laserRemovalDaysAgo: z
    .int()
    .min(0)
    .max(36_500)
    .nullable()
    .optional()
    .describe('days since the last laser tattoo removal on the scalp; null = never'),
  laserRemovalDate: eventDate('the last laser tattoo removal on the scalp'),
  monthsSinceHairTransplant: monthsAgo('the last hair transplant'),
  hairTransplantDate: eventDate('the last hair transplant'),
  monthsSinceScalpSurgery: monthsAgo('the last other scalp surgery'),
  scalpSurgeryDate: eventDate('the last other scalp surgery'),
  inkAllergy: yes('known allergy to tattoo ink'),
  activeProgressiveHairLoss: yes('hair loss still progressing'),
  temporaryAlopecia: yes('temporary or still-active alopecia (e.g. alopecia areata)'),
});
export type Screening = z.infer<typeof Screening>;

/** The yes/no questions of the screening (the others take a time or a date). */
export const SCREENING_YES_NO = (Object.keys(Screening.shape) as (keyof Screening)[]).filter(
  (key) => Screening.shape[key].unwrap() instanceof z.ZodBoolean,
);

/** Screening facts given either as elapsed time or as a date; the planner reads the elapsed field. */
export const SCREENING_EVENTS = [
  { elapsed: 'isotretinoinMonthsAgo', date: 'isotretinoinStoppedDate', unit: 'months' },
  { elapsed: 'chemotherapyMonthsAgo', date: 'chemotherapyEndDate', unit: 'months' },
  { elapsed: 'laserRemovalDaysAgo', date: 'laserRemovalDate', unit: 'days' },
  { elapsed: 'monthsSinceHairTransplant', date: 'hairTransplantDate', unit: 'months' },
  { elapsed: 'monthsSinceScalpSurgery', date: 'scalpSurgeryDate', unit: 'months' },
] as const satisfies readonly { elapsed: keyof Screening; date: keyof Screening; unit: 'months' | 'days' }[];

export const Assessment = z
  .strictObject({
    consultationDate: IsoDate.describe('the day of the consultation; every waiting time counts from it'),
    ageYears: z.int().min(0).max(130).optional(),
    dateOfBirth: IsoDate.optional().describe('instead of ageYears'),
    fitzpatrick: FitzpatrickType.optional(),
    hairLoss: HairLoss.optional(),
    hairColour: HairColour.optional(),
    ancestry: Ancestry.optional().describe('population for the natural follicular-unit density'),
    goal: TreatmentGoals.optional(),
    scars: z.array(AssessmentScar).max(200).optional().describe('[] = no scars; left out = not examined'),
    screening: Screening.optional(),
    notes: z.string().max(10_000).optional(),
  })
  .superRefine((a, ctx) => {
    const notAfterConsultation = (date: string, path: (string | number)[]) => {
      if (date > a.consultationDate) {
        ctx.addIssue({
          code: 'custom',
          path,
          message: 'notAfterConsultation',
          params: { date: a.consultationDate },
        });
      }
    };
    if (a.dateOfBirth !== undefined) {
      notAfterConsultation(a.dateOfBirth, ['dateOfBirth']);
      const age = ageOn(a.dateOfBirth, a.consultationDate);
      if (a.ageYears !== undefined && a.ageYears !== age) {
        ctx.addIssue({
          code: 'custom',
          path: ['ageYears'],
          message: 'ageDisagrees',
          params: { given: a.ageYears, age },
        });
      }
    }
    const screening = a.screening ?? {};
    for (const { elapsed, date } of SCREENING_EVENTS) {
      const when = screening[date];
      if (when === undefined) continue;
      if (screening[elapsed] !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['screening', date],
          message: 'eitherElapsedOrDate',
        });
      }
      if (when !== null) notAfterConsultation(when, ['screening', date]);
    }
    const seen = new Map<string, number>();
    (a.scars ?? []).forEach((scar, i) => {
      if (scar.cause !== 'fue')
        for (const key of ['donorAreaLengthMm', 'donorAreaWidthMm'] as const)
          if (scar[key] !== undefined)
            ctx.addIssue({ code: 'custom', path: ['scars', i, key], message: 'onlyForFue' });
      if (scar.date !== undefined) {
        if (scar.ageMonths !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['scars', i, 'date'],
            message: 'eitherElapsedOrDate',
          });
        }
        notAfterConsultation(scar.date, ['scars', i, 'date']);
      }
      const id = scarId(scar, i);
      const first = seen.get(id);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['scars', i, 'id'],
          message: 'repeatsScarId',
          params: { other: first + 1 },
        });
      } else seen.set(id, i);
    });
  });
export type Assessment = z.infer<typeof Assessment>;
export type AssessmentInput = z.input<typeof Assessment>;

/** The name the plan uses for a scar: its id, or scar-N by position (1-based). */
export function scarId(scar: { id?: string | undefined }, index: number): string {
  return scar.id ?? `scar-${index + 1}`;
}

/** Whole months since a scar's injury or surgery on the consultation date, when known. */
export function scarAgeMonths(scar: AssessmentScar, consultationDate: string): number | undefined {
  if (scar.ageMonths !== undefined) return scar.ageMonths;
  return scar.date === undefined ? undefined : monthsBetween(scar.date, consultationDate);
}
