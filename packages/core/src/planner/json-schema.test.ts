import { describe, expect, it } from 'vitest';
import { assessmentJsonSchema, planJsonSchema, planOverrideJsonSchema } from './json-schema.js';

type Schema = {
  properties: Record<
    string,
    Schema & { oneOf?: Schema[]; anyOf?: Schema[]; items?: Schema; enum?: unknown[] }
  >;
  required?: string[];
  additionalProperties?: boolean;
};

describe('published JSON Schemas', () => {
  it('describe the assessment file with the agreed names and literal values', () => {
    const s = assessmentJsonSchema() as unknown as Schema & { $schema: string };
    expect(s.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(s.required).toEqual(['consultationDate']);
    expect(s.additionalProperties).toBe(false);
    expect(Object.keys(s.properties)).toEqual(
      expect.arrayContaining([
        'ageYears',
        'fitzpatrick',
        'hairLoss',
        'hairColour',
        'goal',
        'scars',
        'screening',
        'consultationDate',
      ]),
    );
    const scales = s.properties.hairLoss!.oneOf!.map(
      (o) => (o.properties.scale as unknown as { const: string }).const,
    );
    expect(scales).toEqual(['norwood', 'ludwig', 'savin', 'none']);
    const scar = s.properties.scars!.items!;
    expect(scar.required).toEqual(['cause', 'texture']);
    expect(scar.properties.cause!.enum).toEqual(['fut', 'fue', 'surgery', 'trauma', 'burn', 'other']);
    expect(scar.properties.texture!.enum).toEqual(['flat', 'raised', 'atrophic', 'keloid']);
    expect(scar.properties.colour!.enum).toEqual(['hypo', 'hyper', 'normal']);
    expect(Object.keys(s.properties.screening!.properties)).toEqual(
      expect.arrayContaining([
        'keloidHistory',
        'anticoagulants',
        'activeScalpCondition',
        'pregnant',
        'chemotherapyMonthsAgo',
        'laserRemovalDaysAgo',
        'monthsSinceHairTransplant',
        'diabetes',
        'inkAllergy',
      ]),
    );
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });
  it('describe the plan with the agreed names', () => {
    const s = planJsonSchema() as unknown as Schema;
    expect(s.required).toEqual(
      expect.arrayContaining([
        'eligibility',
        'earliestStartDate',
        'reasons',
        'preTreatments',
        'sessions',
        'expectedCamouflage',
        'touchUpYears',
        'rulesVersion',
        'zones',
        'aftercare',
        'assumptions',
        'cautions',
        'citations',
        'overrides',
      ]),
    );
    expect(s.properties.eligibility!.enum).toEqual(['eligible', 'postpone', 'refer', 'not_eligible']);
    expect(s.properties.sessions!.required).toEqual(expect.arrayContaining(['count', 'minIntervalDays']));
    expect(s.properties.reasons!.items!.required).toEqual(['ruleId', 'text']);
    expect(s.properties.expectedCamouflage!.items!.required).toEqual(
      expect.arrayContaining(['scar', 'percent']),
    );
  });
  it('describe an override', () => {
    const s = planOverrideJsonSchema() as unknown as Schema;
    expect(s.required).toEqual(['path', 'value', 'reason', 'by', 'at']);
  });
});
