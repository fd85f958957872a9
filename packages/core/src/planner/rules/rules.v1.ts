import type { PlannerRuleSet } from '../rule.schema.js';

/*
 * Stipple planner rules, version 2026.11-1. Plain data: conditions and effects in the language
 * described in ../condition.ts and ../rule.schema.ts, each rule citing docs/domain.md.
 * Rules apply in this order, general before specific, so a later rule's zone or shade value wins.
 * Every default is a suggested starting value, not a clinical standard; where domain.md marks
 * [DISAGREE] the rule takes its §8 default and names the range in its text.
 */
export const RULES_V1: PlannerRuleSet = {
  version: '2026.11-1',

  unknownFacts: {
    ageYears: 'assumed 18 or over; check photo ID before the first session (no tattooing under 18 in the UK)',
    fitzpatrick:
      'assumed type III-IV, so no lighter shade for fair skin; record the skin type before choosing the pigment',
    hairColour: 'shades planned for dark-brown hair (shade 30); check the hair colour in daylight',
    ancestry:
      'the reference natural density of 70 FU/cm² is used; better, measure the follicle density on a calibrated photo',
    goal: 'scar camouflage planned for each recorded scar and density for recorded hair loss; agree the goal with the client',
    scars: 'assumed no scars; examine the scalp and record every scar',
    'hairLoss.scale': 'assumed no hair-loss pattern to treat; grade it on the Norwood, Ludwig or Savin scale',
    'hairLoss.stage': 'assumed an early stage (not Norwood V-VII); grade the pattern',
    'hairLoss.type':
      'assumed pattern (androgenetic) hair loss, so no extra session or earlier touch-up for alopecia; ask whether a physician has diagnosed alopecia',
    'scar.ageMonths':
      'assumed older than 12 months, so no wait; ask the date of the injury or surgery (a scar still red or pink is not ready)',
    'scar.colour': 'assumed the same colour as the skin around it; check it in daylight',
    'scar.widthMm': 'assumed a well-healed strip scar of 1-2 mm; measure its width',
    'scar.surroundingHairDensityPerCm2':
      'assumed at least 100 hairs/cm² around the scar; measure the density on a calibrated photo',
    'screening.keloidHistory':
      'assumed no keloids; ask about keloids (own or in the family) before the first session',
    'screening.hypertrophicScarringTendency': 'assumed scars heal flat; ask before the first session',
    'screening.activeScalpCondition':
      'assumed none; check the scalp for psoriasis, eczema, rash, acne or infection',
    'screening.sunburnOrWounds': 'assumed none; check the scalp on the day',
    'screening.severeScalpDryness': 'assumed no severe dryness; check the scalp',
    'screening.wartsOrMolesInArea': 'assumed none; check the treatment area',
    'screening.herpesOnScalp': 'assumed no; ask before the first session',
    'screening.pihTendency': 'assumed no; ask whether spots or cuts leave dark marks',
    'screening.vitiligo': 'assumed no; ask before the first session',
    'screening.anticoagulants':
      'assumed no anticoagulants or aspirin; ask about all medicines before the first session',
    'screening.bleedingDisorder': 'assumed no; ask before the first session',
    'screening.diabetes': 'assumed no; ask before the first session',
    'screening.immuneCondition': 'assumed no; ask before the first session',
    'screening.heartConditionOrHighBloodPressure': 'assumed no; ask before the first session',
    'screening.epilepsy': 'assumed no; ask before the first session',
    'screening.liverDisease': 'assumed no; ask before the first session',
    'screening.infectiousDisease': 'assumed no; ask before the first session',
    'screening.steroidsOrRetinoids': 'assumed no; ask about all medicines before the first session',
    'screening.antibiotics': 'assumed no antibiotics now; ask on the day',
    'screening.isotretinoinMonthsAgo': 'assumed no isotretinoin (Accutane) in the last 6 months; ask',
    'screening.pregnant': 'assumed no; ask before the first session',
    'screening.breastfeeding': 'assumed no; ask before the first session',
    'screening.chemotherapyMonthsAgo': 'assumed no chemotherapy in the last 12 months; ask',
    'screening.chemotherapyPlanned': 'assumed none planned; ask',
    'screening.laserRemovalDaysAgo': 'assumed no laser tattoo removal in the last 90 days; ask',
    'screening.monthsSinceHairTransplant':
      'assumed no hair transplant in the last 9 months; ask the date of any transplant',
    'screening.monthsSinceScalpSurgery': 'assumed no scalp surgery in the last 12 months; ask',
    'screening.inkAllergy': 'assumed no; ask about reactions to tattoos or permanent make-up',
    'screening.activeProgressiveHairLoss':
      'assumed the hair loss is stable; ask how it changed over the last year',
    'screening.temporaryAlopecia': 'assumed no; ask whether a physician has diagnosed alopecia areata',
  },
  // What each of those facts is called where the plan says it was not recorded.
  factNames: {
    ageYears: 'Age',
    fitzpatrick: 'Skin type (Fitzpatrick)',
    hairColour: 'Hair colour',
    ancestry: 'Ancestry',
    goal: 'Goal',
    scars: 'Scars',
    'hairLoss.scale': 'Hair-loss scale',
    'hairLoss.stage': 'Hair-loss stage',
    'hairLoss.type': 'Kind of hair loss',
    'scar.ageMonths': 'Age of the scar',
    'scar.colour': 'Colour of the scar',
    'scar.widthMm': 'Width of the scar',
    'scar.surroundingHairDensityPerCm2': 'Hair density around the scar',
    'screening.keloidHistory': 'Keloids',
    'screening.hypertrophicScarringTendency': 'Raised scarring',
    'screening.activeScalpCondition': 'Scalp condition',
    'screening.sunburnOrWounds': 'Sunburn or wounds',
    'screening.severeScalpDryness': 'Scalp dryness',
    'screening.wartsOrMolesInArea': 'Warts or moles',
    'screening.herpesOnScalp': 'Herpes on the scalp',
    'screening.pihTendency': 'Dark marks after healing',
    'screening.vitiligo': 'Vitiligo',
    'screening.anticoagulants': 'Anticoagulants',
    'screening.bleedingDisorder': 'Bleeding disorder',
    'screening.diabetes': 'Diabetes',
    'screening.immuneCondition': 'Immune condition',
    'screening.heartConditionOrHighBloodPressure': 'Heart condition or high blood pressure',
    'screening.epilepsy': 'Epilepsy',
    'screening.liverDisease': 'Liver disease',
    'screening.infectiousDisease': 'Infectious disease',
    'screening.steroidsOrRetinoids': 'Steroids or retinoids',
    'screening.antibiotics': 'Antibiotics',
    'screening.isotretinoinMonthsAgo': 'Isotretinoin (Accutane)',
    'screening.pregnant': 'Pregnancy',
    'screening.breastfeeding': 'Breastfeeding',
    'screening.chemotherapyMonthsAgo': 'Chemotherapy',
    'screening.chemotherapyPlanned': 'Planned chemotherapy',
    'screening.laserRemovalDaysAgo': 'Laser tattoo removal',
    'screening.monthsSinceHairTransplant': 'Hair transplant',
    'screening.monthsSinceScalpSurgery': 'Scalp surgery',
    'screening.inkAllergy': 'Ink allergy',
    'screening.activeProgressiveHairLoss': 'Progressing hair loss',
    'screening.temporaryAlopecia': 'Alopecia areata',
  },

  rules: [
    // ---------------------------------------------------------------- eligibility baseline
    {
      id: 'eligibility.base',
      description:
        'Eligible unless a rule below says otherwise; the first session may be on the consultation date.',
      condition: { always: true },
      effect: {
        eligibility: 'eligible',
        reason: 'No answer in the assessment calls for a wait, a referral or a refusal.',
      },
      source: 'domain.md §2.5 (naturalinkspm.com; inkdsmp.com.au; mytransformation.com.au; microbarber.com)',
    },

    // ---------------------------------------------------------------- refusals
    {
      id: 'age.minor',
      description: 'Under 18: refused, even with a parent’s consent.',
      condition: { fact: 'ageYears', lt: 18 },
      effect: {
        eligibility: 'not_eligible',
        reason:
          'The client is {ageYears}: tattooing anyone under 18 is banned, even with a parent’s consent (UK Tattooing of Minors Act 1969).',
      },
      source: 'domain.md §7.2; Tattooing of Minors Act 1969',
    },
    {
      id: 'keloid.history',
      description: 'A keloid history or tendency rules SMP out.',
      condition: { fact: 'screening.keloidHistory', eq: true },
      effect: {
        eligibility: 'not_eligible',
        reason:
          'Keloid history or tendency: needling can start new keloids, which may form up to a year after an injury; SMP is ruled out.',
      },
      source:
        'domain.md §2.2, §2.5; naturalinkspm.com; inkdsmp.com.au; scalpmicropigmentationmd.com; scalpmicropigmentationcenter.com',
    },
    {
      id: 'keloid.scar',
      description: 'A keloid scar rules SMP out and is not pigmented.',
      scope: 'scar',
      condition: { fact: 'scar.texture', eq: 'keloid' },
      effect: {
        eligibility: 'not_eligible',
        reason: '{scar} is a keloid: a keloid scar rules SMP out.',
        camouflage: {
          percent: 0,
          qualifier: 'not-treated',
          text: 'Not treated: keloid scars are not pigmented.',
        },
      },
      source: 'domain.md §2.2; naturalinkspm.com; inkdsmp.com.au; scalpmicropigmentationmd.com',
    },
    {
      id: 'allergy.ink',
      description: 'A known allergy to tattoo ink rules SMP out.',
      condition: { fact: 'screening.inkAllergy', eq: true },
      effect: {
        eligibility: 'not_eligible',
        reason:
          'Known allergy to tattoo ink: SMP is ruled out. If the reaction was to a coloured ink, a physician-supervised patch test with the carbon pigment can justify an override that says so.',
      },
      source:
        'domain.md §2.5 (naturalinkspm.com; inkdsmp.com.au; microbarber.com); §5 complications (allergy)',
    },

    // ---------------------------------------------------------------- referrals to a physician
    {
      id: 'scar.raised',
      description: 'A raised (hypertrophic) scar is flattened by a physician first, then re-assessed.',
      scope: 'scar',
      condition: { fact: 'scar.texture', eq: 'raised' },
      effect: {
        eligibility: 'refer',
        reason:
          '{scar} is raised (hypertrophic): pigment in lumpy, collagen-dense scar migrates and pulls, so a physician flattens it first; flattening takes weeks, so not before {date}.',
        wait: { after: 'consultation', days: 42 },
        preTreatment:
          'Physician corticosteroid (triamcinolone) injections into the raised scar about every 6 weeks until it is flat, then stop (continuing can leave it sunken; some physicians give them over about 6 months). Re-assess the scar when flat.',
        camouflage: { percent: 80, qualifier: 'about', text: 'About 80%, once the scar has been flattened.' },
      },
      source:
        'domain.md §2.1, §2.2, §8; fynessbeauty.com; aurora-clinics.co.uk; drjasonroth.com.au; pigmentalia.co.uk',
    },
    {
      id: 'scarring.hypertrophic-tendency',
      description: 'A tendency to raised scars: a physician judges the risk first.',
      condition: { fact: 'screening.hypertrophicScarringTendency', eq: true },
      effect: {
        eligibility: 'refer',
        reason:
          'Scars tend to become raised (hypertrophic): a physician should judge the risk before any needling.',
        preTreatment:
          'Physician assessment of the raised-scarring tendency; if cleared, a small test area healed before the full plan.',
      },
      source:
        'domain.md §2.5 (naturalinkspm.com; inkdsmp.com.au; mytransformation.com.au; scalpmicropigmentationmd.com)',
    },
    {
      id: 'refer.anticoagulants',
      description: 'Anticoagulants or aspirin: the prescriber decides first.',
      condition: { fact: 'screening.anticoagulants', eq: true },
      effect: {
        eligibility: 'refer',
        reason:
          'Takes anticoagulants or aspirin: blood thins the pigment and makes thicker scabs, so the prescribing physician decides before treatment.',
        preTreatment: 'Written clearance from the prescribing physician about the anticoagulants or aspirin.',
      },
      source: 'domain.md §2.5 (mytransformation.com.au; naturalinkspm.com); §7.3 (Sioux City screening form)',
    },
    {
      id: 'refer.bleeding-disorder',
      description: 'Haemophilia, platelet disorders or sickle cell: physician clearance first.',
      condition: { fact: 'screening.bleedingDisorder', eq: true },
      effect: {
        eligibility: 'refer',
        reason:
          'A bleeding disorder (haemophilia, platelet disorder or sickle cell): physician clearance first.',
        preTreatment: 'Written physician clearance for the bleeding disorder.',
      },
      source: 'domain.md §2.5 (mytransformation.com.au; naturalinkspm.com); §7.3 (Sioux City screening form)',
    },
    {
      id: 'refer.diabetes',
      description: 'Diabetes: GP clearance first.',
      condition: { fact: 'screening.diabetes', eq: true },
      effect: {
        eligibility: 'refer',
        reason: 'Diabetes: clinics ask for a GP’s clearance (some name type 2 only) before treatment.',
        preTreatment: 'Written GP clearance for diabetes (healing and infection risk).',
      },
      source: 'domain.md §2.5 (naturalinkspm.com; inkdsmp.com.au); §7.3 (Sioux City screening form)',
    },
    {
      id: 'refer.immune',
      description: 'Immune or autoimmune disease: physician clearance first.',
      condition: { fact: 'screening.immuneCondition', eq: true },
      effect: {
        eligibility: 'refer',
        reason: 'An immune or autoimmune disease: physician clearance first.',
        preTreatment: 'Written physician clearance for the immune or autoimmune disease.',
      },
      source: 'domain.md §2.5 (naturalinkspm.com; inkdsmp.com.au; mytransformation.com.au)',
    },
    {
      id: 'refer.heart-bp',
      description: 'Heart condition or high blood pressure: a doctor’s note first.',
      condition: { fact: 'screening.heartConditionOrHighBloodPressure', eq: true },
      effect: {
        eligibility: 'refer',
        reason: 'A heart condition or high blood pressure: a doctor’s note first.',
        preTreatment: 'A doctor’s note for the heart condition or high blood pressure.',
      },
      source: 'domain.md §2.5 (naturalinkspm.com; inkdsmp.com.au; mytransformation.com.au)',
    },
    {
      id: 'refer.epilepsy',
      description: 'Epilepsy: physician clearance first.',
      condition: { fact: 'screening.epilepsy', eq: true },
      effect: {
        eligibility: 'refer',
        reason: 'Epilepsy: physician clearance first (sessions last hours).',
        preTreatment: 'Written physician clearance for epilepsy.',
      },
      source: 'domain.md §2.5 (naturalinkspm.com; inkdsmp.com.au); §1.5 session length',
    },
    {
      id: 'refer.liver',
      description: 'Liver disease: physician clearance first.',
      condition: { fact: 'screening.liverDisease', eq: true },
      effect: {
        eligibility: 'refer',
        reason: 'Liver disease: physician clearance first.',
        preTreatment: 'Written physician clearance for the liver disease.',
      },
      source: 'domain.md §2.5 (naturalinkspm.com; inkdsmp.com.au)',
    },
    {
      id: 'refer.infectious',
      description: 'Infectious disease: physician clearance first.',
      condition: { fact: 'screening.infectiousDisease', eq: true },
      effect: {
        eligibility: 'refer',
        reason: 'An infectious disease: physician clearance first.',
        preTreatment: 'Written physician clearance for the infectious disease.',
      },
      source: 'domain.md §2.5 (naturalinkspm.com; inkdsmp.com.au)',
    },
    {
      id: 'refer.steroids-retinoids',
      description: 'Steroids or retinoids: the prescriber decides first.',
      condition: { fact: 'screening.steroidsOrRetinoids', eq: true },
      effect: {
        eligibility: 'refer',
        reason:
          'Takes steroids or retinoids, which clinics list as contraindications: the prescriber decides first.',
        preTreatment: 'Written clearance from the prescriber about the steroids or retinoids.',
      },
      source: 'domain.md §2.5 (naturalinkspm.com; inkdsmp.com.au; microbarber.com)',
    },
    {
      id: 'refer.vitiligo',
      description: 'Vitiligo: a physician judges the case first.',
      condition: { fact: 'screening.vitiligo', eq: true },
      effect: {
        eligibility: 'refer',
        reason: 'Vitiligo: clinics refuse some cases, so a physician judges this one first.',
        preTreatment: 'Physician assessment of the vitiligo.',
      },
      source: 'domain.md §2.5 (naturalinkspm.com; inkdsmp.com.au)',
    },

    // ---------------------------------------------------------------- waiting times
    {
      id: 'scar.young',
      description: 'A scar younger than 12 months (sources 6-12) waits until it has matured.',
      scope: 'scar',
      condition: { fact: 'scar.ageMonths', lt: 12 },
      effect: {
        eligibility: 'postpone',
        reason:
          '{scar} is {scar.ageMonths} months old: scars need about 12 months to mature (sources 6-12), so wait until {date}; a scar still red or pink is not ready even then.',
        wait: { after: 'scar.ageMonths', months: 12 },
      },
      source: 'domain.md §2.3, §8; dermmicro.com (6); looknaturalatl.com (9-12); empirebeauty.org (12)',
    },
    {
      id: 'wait.hair-transplant',
      description: 'Less than 9 months (sources 6-12) after a hair transplant: wait.',
      condition: { fact: 'screening.monthsSinceHairTransplant', lt: 9 },
      effect: {
        eligibility: 'postpone',
        reason:
          'Hair transplant {screening.monthsSinceHairTransplant} months ago: grafts and donor scars settle for about 9 months (sources 6-12), so wait until {date}.',
        wait: { after: 'screening.monthsSinceHairTransplant', months: 9 },
      },
      source: 'domain.md §2.3, §8; feau.com; droracle.ai',
    },
    {
      id: 'wait.scalp-surgery',
      description: 'Less than 12 months (sources 6-12) after scalp surgery: wait.',
      condition: { fact: 'screening.monthsSinceScalpSurgery', lt: 12 },
      effect: {
        eligibility: 'postpone',
        reason:
          'Scalp surgery {screening.monthsSinceScalpSurgery} months ago: wait 12 months after surgery (sources 6-12), until {date}.',
        wait: { after: 'screening.monthsSinceScalpSurgery', months: 12 },
      },
      source: 'domain.md §2.3, §8; dermmicro.com (6); looknaturalatl.com (9-12); empirebeauty.org (12)',
    },
    {
      id: 'wait.chemotherapy',
      description: 'Less than 12 months (sources 6-12, and they disagree) after chemotherapy: wait.',
      condition: { fact: 'screening.chemotherapyMonthsAgo', lt: 12 },
      effect: {
        eligibility: 'postpone',
        reason:
          'Chemotherapy {screening.chemotherapyMonthsAgo} months ago: wait 12 months after it ends (sources 6-12 disagree), until {date}.',
        wait: { after: 'screening.chemotherapyMonthsAgo', months: 12 },
      },
      source: 'domain.md §2.5, §8; naturalinkspm.com (6); inkdsmp.com.au (12)',
    },
    {
      id: 'wait.chemotherapy-planned',
      description: 'Chemotherapy planned: wait until after it.',
      condition: { fact: 'screening.chemotherapyPlanned', eq: true },
      effect: {
        eligibility: 'postpone',
        reason:
          'Chemotherapy is planned: no SMP in the 4 weeks before it, and then 12 months after it ends (sources 6-12), so postpone until then.',
        wait: { until: '12 months after the planned chemotherapy ends' },
      },
      source: 'domain.md §2.5, §8; inkdsmp.com.au; naturalinkspm.com',
    },
    {
      id: 'wait.laser-removal',
      description: 'Less than 90 days after laser tattoo removal: wait.',
      condition: { fact: 'screening.laserRemovalDaysAgo', lt: 90 },
      effect: {
        eligibility: 'postpone',
        reason:
          'Laser tattoo removal {screening.laserRemovalDaysAgo} days ago: wait 90 days after it, until {date}.',
        wait: { after: 'screening.laserRemovalDaysAgo', days: 90 },
      },
      source: 'domain.md §2.5, §8; inkdsmp.com.au',
    },
    {
      id: 'wait.isotretinoin',
      description:
        'Less than 6 months after isotretinoin (Accutane): wait (planner choice; no figure in the sources).',
      condition: { fact: 'screening.isotretinoinMonthsAgo', lt: 6 },
      effect: {
        eligibility: 'postpone',
        reason:
          'Isotretinoin (Accutane) {screening.isotretinoinMonthsAgo} months ago (0 = still taking it): wait 6 months after the last dose, until {date}. The sources list isotretinoin without a waiting time; 6 months is this rule set’s choice, to confirm with the prescriber.',
        wait: { after: 'screening.isotretinoinMonthsAgo', months: 6 },
      },
      source:
        'domain.md §2.5 (naturalinkspm.com; inkdsmp.com.au; microbarber.com); waiting time [NOT FOUND], planner choice',
    },
    {
      id: 'wait.pregnancy',
      description: 'Pregnant: postpone until after the pregnancy.',
      condition: { fact: 'screening.pregnant', eq: true },
      effect: {
        eligibility: 'postpone',
        reason: 'Pregnant: postpone until after the pregnancy (and breastfeeding).',
        wait: { until: 'after the pregnancy and breastfeeding' },
      },
      source: 'domain.md §2.5 (naturalinkspm.com; inkdsmp.com.au; mytransformation.com.au)',
    },
    {
      id: 'wait.breastfeeding',
      description: 'Breastfeeding: postpone until it has ended.',
      condition: { fact: 'screening.breastfeeding', eq: true },
      effect: {
        eligibility: 'postpone',
        reason: 'Breastfeeding: postpone until breastfeeding has ended.',
        wait: { until: 'breastfeeding has ended' },
      },
      source: 'domain.md §2.5 (naturalinkspm.com; inkdsmp.com.au; mytransformation.com.au)',
    },
    {
      id: 'wait.active-scalp-condition',
      description: 'An active skin condition or infection in the area: postpone until resolved.',
      condition: { fact: 'screening.activeScalpCondition', eq: true },
      effect: {
        eligibility: 'postpone',
        reason:
          'Active psoriasis, eczema, dermatitis, rash, acne or infection (folliculitis included) in the area: postpone until it has resolved.',
        wait: { until: 'the scalp condition has resolved' },
      },
      source: 'domain.md §2.5 (naturalinkspm.com; inkdsmp.com.au; microbarber.com); §4 (jaimiejolly.com)',
    },
    {
      id: 'wait.herpes',
      description: 'Herpes simplex on the scalp: postpone until it has cleared.',
      condition: { fact: 'screening.herpesOnScalp', eq: true },
      effect: {
        eligibility: 'postpone',
        reason:
          'Herpes simplex on the scalp is on the clinics’ contraindication lists: postpone until it has cleared.',
        wait: { until: 'the herpes has cleared' },
      },
      source: 'domain.md §2.5 (naturalinkspm.com; inkdsmp.com.au)',
    },
    {
      id: 'wait.sunburn-wounds',
      description: 'Sunburn, cuts or abrasions on the scalp: postpone until healed.',
      condition: { fact: 'screening.sunburnOrWounds', eq: true },
      effect: {
        eligibility: 'postpone',
        reason: 'Sunburn, cuts or abrasions on the scalp: postpone until the skin has healed.',
        wait: { until: 'the sunburn, cuts or abrasions have healed' },
      },
      source: 'domain.md §2.5 (naturalinkspm.com; inkdsmp.com.au)',
    },
    {
      id: 'wait.antibiotics',
      description: 'On antibiotics: postpone until the course has ended.',
      condition: { fact: 'screening.antibiotics', eq: true },
      effect: {
        eligibility: 'postpone',
        reason: 'On a course of antibiotics: postpone until the course has ended.',
        wait: { until: 'the antibiotic course has ended' },
      },
      source: 'domain.md §2.5 (naturalinkspm.com; inkdsmp.com.au)',
    },

    // ---------------------------------------------------------------- cautions
    {
      id: 'caution.progressive-hair-loss',
      description: 'Hair loss still progressing: SMP does not stop it.',
      condition: { fact: 'screening.activeProgressiveHairLoss', eq: true },
      effect: {
        caution:
          'Hair loss is still progressing: SMP does not stop it, and new loss will show beside the treated area (Traquina 2001 advises against SMP then). Design for the expected pattern and discuss medical treatment first.',
      },
      source: 'domain.md §2.5, §5; Traquina 2001 (Dermatol Surg 27:123-8)',
    },
    {
      id: 'caution.temporary-alopecia',
      description: 'Temporary or active alopecia: regrowth would make treated areas look darker.',
      condition: {
        any: [
          { fact: 'screening.temporaryAlopecia', eq: true },
          { fact: 'hairLoss.type', eq: 'alopecia-areata' },
        ],
      },
      effect: {
        caution:
          'Temporary or still-active alopecia: hair that grows back would make the treated areas look darker. Prefer stable areas and explain it before treating.',
      },
      source: 'domain.md §2.5 (inkdsmp.com.au)',
    },
    {
      id: 'caution.pih',
      description: 'Tendency to post-inflammatory hyperpigmentation.',
      condition: { fact: 'screening.pihTendency', eq: true },
      effect: {
        caution:
          'Tends to post-inflammatory hyperpigmentation (a listed caution): needling may leave darker patches; start light and check the first healed session.',
      },
      source: 'domain.md §2.5 (naturalinkspm.com; inkdsmp.com.au)',
    },
    {
      id: 'caution.warts-moles',
      description: 'Warts or moles in the area are left unpigmented.',
      condition: { fact: 'screening.wartsOrMolesInArea', eq: true },
      effect: {
        caution:
          'Warts or moles in the treatment area: work around them and leave them unpigmented; pigment over a mole makes melanoma harder to spot.',
      },
      source: 'domain.md §2.5; §7.3 (ecode360 county codes: consent warns of harder melanoma detection)',
    },
    {
      id: 'caution.scalp-dryness',
      description: 'Severe dryness or very thick skin: settle it first and plan a 4th session.',
      condition: { fact: 'screening.severeScalpDryness', eq: true },
      effect: {
        reason: 'Dry, flaky or very thick scalp skin needs a 4th session.',
        sessions: { atLeast: 4 },
        caution: 'Severe scalp dryness is on the clinics’ caution lists: settle it before the first session.',
      },
      source: 'domain.md §1.5 (smphaircreations.com), §2.5 (naturalinkspm.com; inkdsmp.com.au)',
    },

    // ---------------------------------------------------------------- sessions and touch-ups
    {
      id: 'sessions.base',
      description: '3 sessions (2-4), at least 14 days apart (7-30), about 4 h each (2-5 h).',
      condition: { always: true },
      effect: {
        reason:
          'At least 14 days between sessions (sources 7-30 disagree; longer while scabs remain), each about 4 h (2-5 h; the first is often the longest).',
        sessions: { atLeast: 3, minIntervalDays: 14, hoursPerSession: 4 },
      },
      source:
        'domain.md §1.5, §8; scalpguru.com; smphaircreations.com; Liu 2025; skalptec.com (≥7 days); fullscalp.com (~14); RealSelf (4-5 h)',
    },
    {
      id: 'sessions.alopecia',
      description: 'Alopecia (scarring or areata): a 4th session.',
      condition: { fact: 'hairLoss.type', in: ['scarring-alopecia', 'alopecia-areata'] },
      effect: {
        reason: 'Alopecia needs a 4th session (sources: 3, plus one for alopecia; up to 5-7).',
        sessions: { atLeast: 4 },
      },
      source: 'domain.md §1.5, §8; smphaircreations.com; scalpguru.com',
    },
    {
      id: 'touchup.base',
      description: 'Touch-up about every 4 years (sources 1-6).',
      condition: { always: true },
      effect: {
        reason:
          'Pigment fades (UV and the immune system break it down): plan a touch-up after about 4 years (sources 1-6 years disagree); too many touch-ups pile dots into a "helmet" look.',
        touchUpYears: 4,
      },
      source:
        'domain.md §1.9, §8; inkreasesmp.com (3); toplinesmp.com (3-4); saraswathospital.com (4-5); ultrascalp-ink.co.uk (4-6); internationalhairlines.com (1-4)',
    },
    {
      id: 'touchup.scarring-alopecia',
      description: 'Scarring alopecia fades faster: touch-up after about 2 years.',
      condition: { fact: 'hairLoss.type', eq: 'scarring-alopecia' },
      effect: {
        reason:
          'Scarring alopecia fades faster (visual density -1.6 vs -0.9 points at 6 months, Liu 2025): plan a touch-up after about 2 years instead of 4 (4 × 0.9/1.6 ≈ 2.3, derived).',
        touchUpYears: 2,
      },
      source: 'domain.md §1.9, §8; Liu 2025 (J Cosmet Dermatol, doi 10.1111/jocd.70375)',
    },

    // ---------------------------------------------------------------- zones: which, and their defaults
    {
      id: 'zone.fill',
      description: 'A density or shaved-look goal gets a fill zone.',
      condition: {
        any: [
          { fact: 'goal', has: 'density' },
          { fact: 'goal', has: 'shaved-look' },
        ],
      },
      effect: { zone: { kind: 'fill', include: true } },
      source: 'domain.md §1.4, §1.5; DESIGN.md (density fill, full shaved area)',
    },
    {
      id: 'zone.hairline',
      description: 'A hairline or shaved-look goal gets a hairline zone.',
      condition: {
        any: [
          { fact: 'goal', has: 'hairline' },
          { fact: 'goal', has: 'shaved-look' },
        ],
      },
      effect: { zone: { kind: 'hairline', include: true } },
      source: 'domain.md §3.4',
    },
    {
      id: 'goal.unknown',
      description: 'No goal recorded: scars get scar zones and recorded hair loss a fill zone.',
      condition: { unknown: 'goal' },
      effect: {
        assumption: {
          fact: 'goal',
          text: 'goal not known: scar camouflage planned for each recorded scar and density for recorded hair loss; agree the goal with the client.',
        },
      },
      source: 'domain.md §2.1, §3 (the goal follows the scars and the hair-loss pattern recorded)',
    },
    {
      id: 'zone.fill.default',
      description: 'No goal recorded but a hair-loss pattern: a fill zone.',
      condition: {
        all: [{ unknown: 'goal' }, { fact: 'hairLoss.scale', in: ['norwood', 'ludwig', 'savin'] }],
      },
      effect: { zone: { kind: 'fill', include: true } },
      source: 'domain.md §1.4, §3.1, §3.2',
    },
    {
      id: 'scars.unknown',
      description: 'No scars recorded at all: assume none.',
      condition: { unknown: 'scars' },
      effect: {
        assumption: {
          fact: 'scars',
          text: 'scars not known: assumed no scars; examine the scalp and record every scar.',
        },
      },
      source: 'domain.md §2 (every scar changes the plan)',
    },
    {
      id: 'goal.scar-without-scars',
      description: 'Scar camouflage is a goal but no scar is recorded.',
      condition: {
        all: [
          { fact: 'goal', has: 'scar-camouflage' },
          { fact: 'scars', empty: true },
        ],
      },
      effect: {
        caution:
          'Scar camouflage is a goal but no scar is recorded: record each scar (cause, size, texture, colour, age) to plan it.',
      },
      source: 'domain.md §2.1-2.4',
    },
    {
      id: 'zone.scar',
      description: 'Every recorded scar is a scar zone.',
      scope: 'scar',
      condition: { always: true },
      effect: { zone: { kind: 'scar', include: true } },
      source: 'domain.md §2.1',
    },
    {
      id: 'zone.density.by-session',
      description: 'Density builds 30% → 70% → 100% of the target over the sessions.',
      condition: { always: true },
      effect: { zone: { kind: 'all', densityPercentBySession: [30, 70, 100] } },
      source: 'domain.md §1.4, §8; Liu 2025',
    },
    {
      id: 'zone.depth',
      description: 'Depth: upper dermis, about 0.5-1 mm, checked by no bleeding.',
      condition: { always: true },
      effect: {
        zone: {
          kind: 'all',
          note: 'Depth: the upper dermis / epidermal-dermal junction, about 0.5-1 mm (sources 0.25-1.5 mm disagree), shallower than a body tattoo; no bleeding is the check. Too deep, too much pigment in one pass or too much pressure blurs and spreads the dots (blow-out, "helmet" look).',
        },
      },
      source: 'domain.md §1.2, §1.11, §8; jonathangerow.com; doctorstudio.co; teammicro.com; Liu 2025',
    },
    {
      id: 'zone.density.reference',
      description: 'Target density: the natural follicular-unit density, 70 FU/cm² by default (60-100).',
      condition: { always: true },
      effect: {
        zone: {
          kind: 'all',
          targetDensityPerCm2: 70,
          note: 'Target density follows the natural follicular-unit density (reference 70 FU/cm², range 60-100; about 1 mm spacing, ≈100/cm², is the ceiling); match what the photo analysis measures around the zone, and place dots artistically, not as a fixed grid.',
        },
      },
      source:
        'domain.md §1.3, §1.4, §8; goodbyehairloss.blogspot; Plast Aesthet Res 2017; Dermatol Surg 2017; Rassman 2015',
    },
    {
      id: 'zone.fill.params',
      description: 'Fill: 3RL needle, 0.25 mm; dots about 0.12 mm once healed.',
      condition: { always: true },
      effect: {
        zone: {
          kind: 'fill',
          needle: '3RL',
          needleDiameterMm: 0.25,
          dotSizeMm: 0.12,
          transitionWidthMm: null,
        },
      },
      source:
        'domain.md §1.1, §1.3, §8; robjamessmp.com; scalpmicropigmentation.store; prohairclinic.com (holes shrink ~50% on healing, derived 0.12 mm)',
    },
    {
      id: 'zone.hairline.params',
      description: 'Hairline: 1RL needle, 0.20 mm; dots about 0.10 mm; a soft 0.5-1 cm transition.',
      condition: { always: true },
      effect: {
        zone: {
          kind: 'hairline',
          needle: '1RL',
          needleDiameterMm: 0.2,
          dotSizeMm: 0.1,
          transitionWidthMm: 8,
          note: 'Start high and soft and lower it in later sessions if wanted: mid-frontal point about 8 cm above the glabella (7 aggressive to 10 conservative), temporal peak about 5 cm from the frontotemporal point, an irregular transition zone of 0.5-1 cm with single dots in front, left-right difference up to 2 mm, no straight line, age-appropriate.',
        },
      },
      source:
        'domain.md §1.1, §1.3, §3.4, §8; robjamessmp.com; ISHRS Forum 26(3):85; Garg (JCAS); Shapiro; Cole; darlingbuds.com; fullscalp.com',
    },
    {
      id: 'zone.scar.params',
      description: 'Scar: 1RL needle, 0.20 mm for fine work in scar tissue; dots about 0.10 mm.',
      condition: { always: true },
      effect: {
        zone: {
          kind: 'scar',
          needle: '1RL',
          needleDiameterMm: 0.2,
          dotSizeMm: 0.1,
          transitionWidthMm: null,
          note: 'Scar tissue is denser, needs more force and holds pigment less predictably: expect patchy retention after the first session and fill the gaps in the next; SMP camouflages the scar, it does not change its texture.',
        },
      },
      source:
        'domain.md §1.1, §2.1, §8; robjamessmp.com; americascalp.com; Traquina 2001; scalpguru.com; scalpamplifiedstudios.com',
    },
    {
      id: 'zone.density.caucasian',
      description: 'Caucasian: about 100 FU/cm² (220 hairs/cm² ÷ 2.2 hairs/FU, derived).',
      condition: { fact: 'ancestry', eq: 'caucasian' },
      effect: { zone: { kind: 'all', targetDensityPerCm2: 100 } },
      source: 'domain.md §1.4, §8; Birnbaum 2018 (PMC6219221); baldingblog.com (2.2 hairs/FU); derived',
    },
    {
      id: 'zone.density.hispanic',
      description: 'Hispanic: about 88 FU/cm² (175 hairs/cm² ÷ 2.0 hairs/FU, derived).',
      condition: { fact: 'ancestry', eq: 'hispanic' },
      effect: { zone: { kind: 'all', targetDensityPerCm2: 88 } },
      source:
        'domain.md §1.4, §8; Birnbaum 2018 (PMC6219221); goodbyehairloss.blogspot (2 hairs/FU); derived',
    },
    {
      id: 'zone.density.african',
      description: 'African descent: 60 FU/cm², the low end of the range (no FU figure found).',
      condition: { fact: 'ancestry', eq: 'african' },
      effect: { zone: { kind: 'all', targetDensityPerCm2: 60 } },
      source:
        'domain.md §1.4, §8; goodbyehairloss.blogspot ("lower in Black"); Birnbaum 2018 (155 hairs/cm²)',
    },
    {
      id: 'zone.density.han-chinese',
      description: 'Han Chinese: about 74 FU/cm².',
      condition: { fact: 'ancestry', eq: 'han-chinese' },
      effect: { zone: { kind: 'all', targetDensityPerCm2: 74 } },
      source: 'domain.md §1.4; Plast Aesthet Res 2017;4:150-4 (74.4±13.3 FU/cm²)',
    },
    {
      id: 'zone.density.east-asian',
      description: 'East/South-East Asian: about 61 FU/cm².',
      condition: { fact: 'ancestry', eq: 'east-asian' },
      effect: { zone: { kind: 'all', targetDensityPerCm2: 61 } },
      source: 'domain.md §1.4; Dermatol Surg 2017 (61.1 FU/cm², donor area)',
    },
    {
      id: 'zone.density.west-asian',
      description: 'West Asian: about 64 FU/cm².',
      condition: { fact: 'ancestry', eq: 'west-asian' },
      effect: { zone: { kind: 'all', targetDensityPerCm2: 64 } },
      source: 'domain.md §1.4; Dermatol Surg 2017 (63.6 FU/cm²)',
    },
    {
      id: 'zone.density.south-asian',
      description: 'South Asian: about 64 FU/cm².',
      condition: { fact: 'ancestry', eq: 'south-asian' },
      effect: { zone: { kind: 'all', targetDensityPerCm2: 64 } },
      source: 'domain.md §1.4; Dermatol Surg 2017 (63.5 FU/cm²)',
    },
    {
      id: 'zone.fill.ludwig',
      description: 'Ludwig pattern: fill behind a kept frontal hairline.',
      condition: { fact: 'hairLoss.scale', eq: 'ludwig' },
      effect: {
        zone: {
          kind: 'fill',
          note: 'Ludwig pattern: diffuse crown thinning 1-3 cm behind a kept frontal hairline; place dots between the existing hairs behind the hairline, not in front of it.',
        },
      },
      source: 'domain.md §3.2 (bbhair.com), §3.4 (RealSelf: pigment behind an existing hairline)',
    },
    {
      id: 'zone.fill.savin-frontal',
      description: 'Savin frontal pattern: keep the hairline, build density behind it.',
      condition: {
        all: [
          { fact: 'hairLoss.scale', eq: 'savin' },
          { fact: 'hairLoss.stage', eq: 'frontal' },
        ],
      },
      effect: {
        zone: {
          kind: 'fill',
          note: 'Savin frontal pattern: thinning accentuated at the front; keep the existing hairline and build density just behind it.',
        },
      },
      source: 'domain.md §3.2 (Savin 1996; transitionshair.com.au), §3.4 (RealSelf)',
    },
    {
      id: 'zone.fill.extensive',
      description: 'Norwood V-VII: the whole top is treated; about 20 h in total.',
      condition: {
        all: [
          { fact: 'hairLoss.scale', eq: 'norwood' },
          { fact: 'hairLoss.stage', in: ['V', 'Va', 'VI', 'VII'] },
        ],
      },
      effect: {
        zone: {
          kind: 'fill',
          note: 'Norwood V-VII: the whole top is treated; a full head takes about 20 h of chair time in total (up to 20-30 h), first session longest, breaks every 60-90 min.',
        },
      },
      source: 'domain.md §1.5, §3.1, §8; Rassman 2015; Nguyen 2022; jaimiejolly.com',
    },

    // ---------------------------------------------------------------- scars: camouflage and specifics
    {
      id: 'scar.sessions',
      description: 'Scars need 4 sessions (3-6+).',
      scope: 'scar',
      condition: { always: true },
      effect: {
        reason:
          'Scar tissue holds pigment less predictably and needs more force: 4 sessions for scars (sources 3-6+).',
        sessions: { atLeast: 4 },
      },
      source: 'domain.md §1.5, §2.1, §8; scalpguru.com; smphaircreations.com; americascalp.com',
    },
    {
      id: 'scar.flat.camouflage',
      description: 'A flat scar: up to 100% camouflage.',
      scope: 'scar',
      condition: { fact: 'scar.texture', eq: 'flat' },
      effect: {
        camouflage: {
          percent: 100,
          qualifier: 'up-to',
          text: 'Up to 100%: a flat scar is the best case, but SMP camouflages a scar, it does not remove it.',
        },
      },
      source: 'domain.md §2.1, §8; pigmentalia.co.uk; scalpamplifiedstudios.com; sladeksmp.com',
    },
    {
      id: 'scar.atrophic',
      description: 'An atrophic (indented) scar: at most about 50%, a test session first, one more session.',
      scope: 'scar',
      condition: { fact: 'scar.texture', eq: 'atrophic' },
      effect: {
        reason:
          '{scar} is atrophic (indented): expect no better than about 50% camouflage, start with a test session, and plan one more session.',
        preTreatment:
          'A test session on part of each atrophic scar, judged once healed (about 4 weeks), before committing to the full plan.',
        sessions: { add: 1 },
        camouflage: {
          percent: 50,
          qualifier: 'at-most',
          text: 'At most about 50%: an indented scar keeps its shadow, and SMP does not change texture.',
        },
      },
      source: 'domain.md §2.1, §2.2, §8; pigmentalia.co.uk',
    },
    {
      id: 'scar.burn',
      description: 'Burn scars: large, often grafted areas; 5 sessions (3-6+), 3RL fill, written goals.',
      scope: 'scar',
      condition: { fact: 'scar.cause', eq: 'burn' },
      effect: {
        reason:
          '{scar} is a burn scar: large, often grafted and sensitive areas need more sessions (5; sources 3-6+).',
        sessions: { atLeast: 5 },
        zone: { kind: 'scar', needle: '3RL', needleDiameterMm: 0.25, dotSizeMm: 0.12 },
        caution:
          'Burn scars: sensitive, often grafted skin after several surgeries and a risk of unrealistic expectations; agree written goals and the treatment plan first.',
        preTreatment:
          'Consider glycolic-acid exfoliation of the burn scar before the first session to help pigment retention (advice from permanent make-up practice).',
      },
      source:
        'domain.md §1.5, §2.2, §8; pmuinternational.com; scalpguru.com; robjamessmp.com (3RL for larger areas)',
    },
    {
      id: 'scar.burn.prepare',
      description: 'Burn scars: no caffeine, alcohol or aspirin for 5 days before each session.',
      scope: 'scar',
      condition: { fact: 'scar.cause', eq: 'burn' },
      effect: {
        aftercare: {
          fromDay: -5,
          toDay: -1,
          kind: 'prepare',
          instruction: 'No caffeine, alcohol or aspirin for the 5 days before each session (burn scars).',
        },
      },
      source: 'domain.md §2.2; pmuinternational.com',
    },
    {
      id: 'scar.hypo',
      description: 'A white (hypopigmented) scar is the best indication.',
      scope: 'scar',
      condition: { fact: 'scar.colour', eq: 'hypo' },
      effect: {
        zone: {
          kind: 'scar',
          note: 'White (hypopigmented) scars are the best indication: the dots lower the contrast between the white scar and the hair and skin around it.',
        },
      },
      source: 'domain.md §2.2; looknaturalatl.com; dermmicro.com',
    },
    {
      id: 'scar.hyper',
      description: 'A darker (hyperpigmented) scar needs a palette and blending plan.',
      scope: 'scar',
      condition: { fact: 'scar.colour', eq: 'hyper' },
      effect: {
        caution:
          'A darker (hyperpigmented) scar needs a colour palette and blending plan: test the shade on the scar before filling it.',
      },
      source: 'domain.md §2.1; looknaturalatl.com',
    },
    {
      id: 'scar.fut',
      description: 'FUT strip scar specifics.',
      scope: 'scar',
      condition: { fact: 'scar.cause', eq: 'fut' },
      effect: {
        zone: {
          kind: 'scar',
          note: 'FUT strip scar: usually 1-2 mm wide when healed, it can stretch in the first 6 months; hair shorter than 10-15 mm shows it, so blend the line into the density around it.',
        },
      },
      source: 'domain.md §2.4; feriduni.com; mbelegantmicro.ca',
    },
    {
      id: 'scar.fut.stretched',
      description: 'A strip scar wider than 2 mm is stretched.',
      scope: 'scar',
      condition: {
        all: [
          { fact: 'scar.cause', eq: 'fut' },
          { fact: 'scar.widthMm', gt: 2 },
        ],
      },
      effect: {
        caution:
          'A strip scar wider than the 1-2 mm of a well-healed one is stretched: more of it is scar tissue, so retention is less predictable and it may need more sessions.',
      },
      source: 'domain.md §2.4 (feriduni.com; regrowhair.com), §2.1',
    },
    {
      id: 'scar.fut.sparse-surround',
      description: 'Under ~100 hairs/cm² around a strip scar: add density around it too.',
      scope: 'scar',
      condition: {
        all: [
          { fact: 'scar.cause', eq: 'fut' },
          { fact: 'scar.surroundingHairDensityPerCm2', lt: 100 },
        ],
      },
      effect: {
        zone: {
          kind: 'fill',
          include: true,
          note: 'The hair around the strip scar is under about 100 hairs/cm², the minimum that hides an average donor scar: add density around the scar as well.',
        },
      },
      source: 'domain.md §2.4; goodbyehairloss.blogspot',
    },
    {
      id: 'scar.fue',
      description: 'FUE dot scar specifics.',
      scope: 'scar',
      condition: { fact: 'scar.cause', eq: 'fue' },
      effect: {
        zone: {
          kind: 'scar',
          note: 'FUE scars are round white dots of about 0.8 mm (0.7-1.0 mm punches): place dots on and between them so they read as follicles, keeping each dot under 1 mm; merged "moth-eaten" areas are filled like density.',
        },
      },
      source: 'domain.md §1.3, §2.4; hairtransplant.hk; biologyinsights.com; smphq.com.au; Rassman 2015',
    },

    // ---------------------------------------------------------------- measured outcomes
    // Facts from healed follow-up photos (outcome/measure-outcome.ts), not from the assessment:
    // unknown until a follow-up was measured, and the conditions say so themselves.
    {
      id: 'outcome.scar.low-retention',
      description:
        'A scar whose healed follow-up kept under 60% of its pigment: one more session and a shade darker.',
      scope: 'scar',
      condition: {
        all: [
          { not: { unknown: 'scar.measuredRetentionPercent' } },
          { fact: 'scar.measuredRetentionPercent', lt: 60 },
        ],
      },
      effect: {
        reason:
          '{scar} kept {scar.measuredRetentionPercent}% of its pigment at the healed follow-up (under 60%): one more session is planned, and the shade goes one step (5) darker.',
        sessions: { add: 1 },
        shade: { lighterBy: -5 },
      },
      source:
        'domain.md §2.1 (scar holds pigment less well or less predictably; extra sessions: americascalp.com, scalpguru.com), §1.7 (darken each session: scalpamplifiedstudios.com)',
    },
    // The studio's own figure for scars of this texture on this skin type, once it rests on 10
    // healed cases or more: with a spread of about 20 points between scars, 10 cases put the
    // mean within about ±12 points (95%), enough to tell a figure under 60% from the 70-85% the
    // defaults expect; fewer cases would let one or two unlucky scars move every plan.
    {
      id: 'outcome.studio-retention.low',
      description:
        "The studio's healed scars of this texture and skin type kept under 60% over 10 cases or more: one more session.",
      scope: 'scar',
      condition: {
        all: [
          { unknown: 'scar.measuredRetentionPercent' },
          { not: { unknown: 'scar.studioRetentionCases' } },
          { fact: 'scar.studioRetentionCases', gte: 10 },
          { fact: 'scar.studioRetentionPercent', lt: 60 },
        ],
      },
      effect: {
        reason:
          "This studio's healed {scar.texture} scars on this skin type kept {scar.studioRetentionPercent}% of their pigment over {scar.studioRetentionCases} cases (under 60%, the studio's figure in place of the default): one more session is planned for {scar}.",
        sessions: { add: 1 },
      },
      source:
        "domain.md §2.1 (holds pigment less predictably; extra sessions), §8 (defaults are starting values); the studio's measured follow-ups",
    },
    {
      id: 'outcome.studio-retention.known',
      description:
        "The studio's figure for this texture and skin type rests on 10 cases or more and is 60% or over.",
      scope: 'scar',
      condition: {
        all: [
          { unknown: 'scar.measuredRetentionPercent' },
          { not: { unknown: 'scar.studioRetentionCases' } },
          { fact: 'scar.studioRetentionCases', gte: 10 },
          { fact: 'scar.studioRetentionPercent', gte: 60 },
        ],
      },
      effect: {
        reason:
          "This studio's healed {scar.texture} scars on this skin type kept {scar.studioRetentionPercent}% of their pigment over {scar.studioRetentionCases} cases: the studio's figure is used for {scar} in place of the default, and no extra session is needed for it.",
      },
      source: "domain.md §2.1, §8 (defaults are starting values); the studio's measured follow-ups",
    },

    // ---------------------------------------------------------------- shade and dilution
    {
      id: 'shade.base',
      description: 'Shade 30 on the numbered scale; session 1 lightest (+10), then +5, then the target.',
      condition: { always: true },
      effect: {
        shade: { target: 30, sessionSteps: [10, 5, 0], lightest: 60 },
        zone: {
          kind: 'all',
          note: 'Shades are carbon black diluted with distilled water, on a numbered scale where lower is darker and 60 the lightest; start light, darken each session (pigment can be added, not removed). Healed dots look 1-2 shades lighter (up to 3).',
        },
      },
      source:
        'domain.md §1.6, §1.7, §1.8, §8; hishairclinic.co.uk; skalptec.com; scalpamplifiedstudios.com; fullscalp.com; elkasmp.com.au',
    },
    {
      id: 'shade.hair.black',
      description: 'Black hair: shade 25 (less water).',
      condition: { fact: 'hairColour', eq: 'black' },
      effect: { shade: { target: 25 } },
      source:
        'domain.md §1.6; hishairclinic.co.uk (most clients 20s-40s); pro-micro.com.au (less water for black hair)',
    },
    {
      id: 'shade.hair.brown',
      description: 'Brown hair: shade 35.',
      condition: { fact: 'hairColour', eq: 'brown' },
      effect: { shade: { target: 35 } },
      source: 'domain.md §1.6; hishairclinic.co.uk; pro-micro.com.au; medsnews.com',
    },
    {
      id: 'shade.hair.light-brown',
      description: 'Light-brown hair: shade 40.',
      condition: { fact: 'hairColour', eq: 'light-brown' },
      effect: { shade: { target: 40 } },
      source: 'domain.md §1.6; hishairclinic.co.uk; pro-micro.com.au; luxemicro.com.au',
    },
    {
      id: 'shade.hair.blonde-red',
      description: 'Blonde or red hair: shade 45 (blonde clients usually 40-50).',
      condition: { fact: 'hairColour', in: ['blonde', 'red'] },
      effect: { shade: { target: 45 } },
      source: 'domain.md §1.6; hishairclinic.co.uk (blonde 40-50; 60 lightest)',
    },
    {
      id: 'shade.hair.grey',
      description: 'Grey or white hair: shade 40; shaved grey hair reads as a grey shadow.',
      condition: { fact: 'hairColour', in: ['grey', 'white'] },
      effect: {
        shade: { target: 40 },
        zone: {
          kind: 'all',
          note: 'Grey or white hair: shaved hair reads as a grey shadow, so diluted black keeps matching as the hair greys.',
        },
      },
      source: 'domain.md §1.6; dermimatch.com; hishairclinic.co.uk',
    },
    {
      id: 'shade.skin.fair',
      description: 'Fair skin (Fitzpatrick I-II): 5 shades lighter.',
      condition: { fact: 'fitzpatrick', in: [1, 2] },
      effect: {
        shade: { lighterBy: 5 },
        caution:
          'Fair skin (Fitzpatrick I-II): a shade too dark looks bluish through the skin; keep to the lighter shades (more water) and check the first healed session.',
      },
      source: 'domain.md §1.6, §1.10; inkedillusions.ca; pro-micro.com.au; medsnews.com; folicule.com',
    },
    {
      id: 'shade.skin.dark',
      description: 'Dark skin (Fitzpatrick V-VI): little colour shift, less contrast.',
      condition: { fact: 'fitzpatrick', in: [5, 6] },
      effect: {
        caution:
          'Dark skin (Fitzpatrick V-VI): little risk of a colour shift, but less contrast between the dots and the skin; keloids are also more common in darker skin, so ask about them carefully.',
      },
      source: 'domain.md §1.10 (inkedillusions.ca), §2.2 (scalpmicropigmentationcenter.com)',
    },

    // ---------------------------------------------------------------- preparation and aftercare
    {
      id: 'prep.clip-hair',
      description: 'Shave or clip the hair 48 h before each session.',
      condition: { always: true },
      effect: {
        aftercare: {
          fromDay: -2,
          toDay: -2,
          kind: 'prepare',
          instruction:
            'Shave or clip the hair 48 hours before the session, not on the day; no hair fibres or powders.',
        },
      },
      source: 'domain.md §4, §8; jaimiejolly.com',
    },
    {
      id: 'prep.day-of-session',
      description: 'On the day: sober, and reschedule if the scalp is inflamed.',
      condition: { always: true },
      effect: {
        aftercare: {
          fromDay: 0,
          toDay: 0,
          kind: 'prepare',
          instruction:
            'No alcohol or drugs on the day; reschedule if the scalp is red, broken out or infected.',
        },
      },
      source: 'domain.md §2.5 (mytransformation.com.au), §4 (jaimiejolly.com)',
    },
    {
      id: 'aftercare.no-wetting',
      description: 'No wetting for 4 days (3-5).',
      condition: { always: true },
      effect: {
        aftercare: {
          fromDay: 0,
          toDay: 3,
          kind: 'avoid',
          instruction: 'Keep the scalp dry: no washing, rain or steam for 4 days (sources 3-5).',
        },
      },
      source: 'domain.md §4, §8; newagespa.ca; enhancedscalp.com; insideradvantagegeorgia.com; RealSelf',
    },
    {
      id: 'aftercare.first-wash',
      description: 'Wash gently from day 4.',
      condition: { always: true },
      effect: {
        aftercare: {
          fromDay: 4,
          toDay: null,
          kind: 'do',
          instruction: 'From day 4, wash with water and a mild alcohol-free, sulfate-free cleanser; pat dry.',
        },
      },
      source: 'domain.md §4; newagespa.ca; insideradvantagegeorgia.com',
    },
    {
      id: 'aftercare.no-sweating',
      description: 'No sweating or gym for 7 days (4-10).',
      condition: { always: true },
      effect: {
        aftercare: {
          fromDay: 0,
          toDay: 6,
          kind: 'avoid',
          instruction: 'No sweating, gym or strenuous exercise for 7 days (sources 4-10).',
        },
      },
      source: 'domain.md §4, §8; newagespa.ca (≈5); enhancedscalp.com (10); featureadvisor.biz',
    },
    {
      id: 'aftercare.no-picking',
      description: 'Do not pick the scabs.',
      condition: { always: true },
      effect: {
        aftercare: {
          fromDay: 0,
          toDay: 6,
          kind: 'avoid',
          instruction:
            'Do not touch, pick or scratch the scabs: pigment comes out with them. Let them fall off (about a week).',
        },
      },
      source: 'domain.md §4; newagespa.ca; enhancedscalp.com',
    },
    {
      id: 'aftercare.no-swimming',
      description: 'No swimming, sauna, steam or tanning beds for 28 days.',
      condition: { always: true },
      effect: {
        aftercare: {
          fromDay: 0,
          toDay: 27,
          kind: 'avoid',
          instruction:
            'No swimming (pool, sea or lake), sauna, steam room or tanning bed for 28 days (sources 28-30).',
        },
      },
      source: 'domain.md §4, §8; newagespa.ca; enhancedscalp.com; insideradvantagegeorgia.com',
    },
    {
      id: 'aftercare.no-sun',
      description: 'No direct sun for 30 days (14-30).',
      condition: { always: true },
      effect: {
        aftercare: {
          fromDay: 0,
          toDay: 29,
          kind: 'avoid',
          instruction: 'No direct sun on the scalp for 30 days (sources 14-30): wear a loose hat outdoors.',
        },
      },
      source: 'domain.md §4, §8; newagespa.ca; insideradvantagegeorgia.com; enhancedscalp.com (14)',
    },
    {
      id: 'aftercare.moisturiser',
      description: 'Moisturise from day 6 (4-6).',
      condition: { always: true },
      effect: {
        aftercare: {
          fromDay: 6,
          toDay: null,
          kind: 'do',
          instruction:
            'From day 6, use an unscented moisturiser when the scalp feels dry (sources: day 4-6).',
        },
      },
      source: 'domain.md §4, §8; enhancedscalp.com; newagespa.ca',
    },
    {
      id: 'aftercare.first-shave',
      description: 'First shave on day 7 (4-10), foil or electric, never a razor.',
      condition: { always: true },
      effect: {
        aftercare: {
          fromDay: 7,
          toDay: null,
          kind: 'do',
          instruction:
            'First shave from day 7 (sources 4-10 disagree) with an electric foil shaver or clippers, not a razor, avoiding any scabs; keep to clippers or foil long-term.',
        },
      },
      source: 'domain.md §4, §8; insideradvantagegeorgia.com (4); jaimiejolly.com (10); newagespa.ca',
    },
    {
      id: 'aftercare.no-acids',
      description: 'No AHA or glycolic products on the scalp.',
      condition: { always: true },
      effect: {
        aftercare: {
          fromDay: 0,
          toDay: null,
          kind: 'avoid',
          instruction: 'Avoid AHA or glycolic-acid products on the scalp.',
        },
      },
      source: 'domain.md §4; newagespa.ca; jaimiejolly.com',
    },
    {
      id: 'aftercare.sun-protection',
      description: 'Long-term sun protection: hat or SPF 30-60.',
      condition: { always: true },
      effect: {
        aftercare: {
          fromDay: 30,
          toDay: null,
          kind: 'do',
          instruction:
            'From then on, protect the scalp from UV with a hat or a high-SPF sunscreen (SPF 30-60) when outdoors: UV drives fading.',
        },
      },
      source: 'domain.md §1.9, §4, §8; newagespa.ca (SPF 60); skalptec.com',
    },
    {
      id: 'aftercare.blood-donation',
      description: 'No blood donation for a year (national rules vary).',
      condition: { always: true },
      effect: {
        aftercare: {
          fromDay: 0,
          toDay: 364,
          kind: 'avoid',
          instruction:
            'Do not give blood for a year after a session (a national blood-service rule; it varies by country).',
        },
      },
      source: 'domain.md §4; newagespa.ca',
    },
  ],
};
