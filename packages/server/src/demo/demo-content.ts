// What a new studio starts with: consent templates (treatment, photo use, marketing; English and
// Chinese) and aftercare templates with the defaults of domain.md §4 and §8 (no wetting 4 days,
// no sweating 7, no sun 30, no swimming or sauna 28, moisturiser from day 6, first shave day 7,
// sun protection for good). Studios edit them by publishing new versions.
import type { AftercareStep, ConsentKind } from '@stipple/core';

export interface ConsentTemplateSeed {
  kind: ConsentKind;
  language: 'en' | 'zh-CN';
  title: string;
  body: string;
  validityMonths: number | null;
}

export const CONSENT_TEMPLATES: ConsentTemplateSeed[] = [
  {
    kind: 'treatment',
    language: 'en',
    title: 'Consent to scalp micropigmentation',
    validityMonths: 12,
    body: [
      'I ask the studio to carry out scalp micropigmentation (SMP): tiny deposits of pigment placed in the upper skin of my scalp over several sessions.',
      'I understand that SMP is permanent cosmetic tattooing. The result fades over the years and may need touch-ups. Colour can look lighter after healing, and scar tissue may hold pigment less evenly than healthy skin.',
      'Possible risks include redness, swelling, infection, allergic reaction to the pigment, raised (hypertrophic) or keloid scarring, pigment spreading (blow-out), colour change over time, and that moles under pigment are harder to examine.',
      'I have told the artist about my health, medicines (including blood thinners), allergies, skin conditions, scarring tendency and any pregnancy. I will tell the studio if any of this changes.',
      'I have received the aftercare instructions and will follow them. I was given the label information (batch number and ingredients) of the pigment on request.',
      'This consent covers the sessions of my current treatment for 12 months. I may withdraw it at any time before a session.',
    ].join('\n\n'),
  },
  {
    kind: 'photo',
    language: 'en',
    title: 'Consent to the use of my photos',
    validityMonths: null,
    body: [
      'Photos of my scalp taken before, during and after treatment are part of my treatment record.',
      'In addition, I agree that the studio may show these photos, without my name, in its before-and-after gallery and portfolio, to other clients and on its website or social media.',
      'I may withdraw this consent at any time. From then on the studio will not show my photos in any gallery; photos already published in print cannot be recalled.',
    ].join('\n\n'),
  },
  {
    kind: 'marketing',
    language: 'en',
    title: 'Consent to news and offers',
    validityMonths: null,
    body: [
      'I would like to receive news and offers from the studio by email.',
      'Appointment reminders, aftercare instructions and touch-up reminders about my own treatment are service messages and are sent without this consent.',
      'I may withdraw this consent at any time, and no further offers will be sent.',
    ].join('\n\n'),
  },
  {
    kind: 'treatment',
    language: 'zh-CN',
    title: '头皮微色素治疗知情同意书',
    validityMonths: 12,
    body: [
      '本人委托工作室为我进行头皮微色素（SMP）治疗：分数次在头皮浅层皮肤内植入细小的色素点。',
      '本人理解，SMP 属于永久性美容纹饰。效果会随年份逐渐变淡，可能需要补色。愈合后颜色可能变浅，疤痕组织对色素的保留可能不如健康皮肤均匀。',
      '可能的风险包括：发红、肿胀、感染、对色素过敏、增生性瘢痕或瘢痕疙瘩、色素晕染、颜色随时间变化，以及色素下的痣较难检查。',
      '本人已如实告知健康状况、用药（包括抗凝药）、过敏史、皮肤病、瘢痕体质及是否怀孕；如有变化会及时告知工作室。',
      '本人已收到护理须知并会遵照执行。应本人要求，工作室已提供所用色素的标签信息（批号及成分）。',
      '本同意书在 12 个月内适用于本次疗程的各次治疗。本人可在任何一次治疗前撤回。',
    ].join('\n\n'),
  },
  {
    kind: 'photo',
    language: 'zh-CN',
    title: '照片使用同意书',
    validityMonths: null,
    body: [
      '治疗前、治疗中及治疗后拍摄的头皮照片属于本人的治疗记录。',
      '此外，本人同意工作室在不显示姓名的情况下，将这些照片用于其案例展示、作品集，向其他客户展示，并发布在网站或社交媒体上。',
      '本人可随时撤回本同意。撤回后，工作室将不再在任何展示中使用本人照片；已印刷发布的照片无法收回。',
    ].join('\n\n'),
  },
  {
    kind: 'marketing',
    language: 'zh-CN',
    title: '资讯与优惠信息同意书',
    validityMonths: null,
    body: [
      '本人愿意通过电子邮件接收工作室的资讯与优惠信息。',
      '与本人治疗有关的预约提醒、护理须知和补色提醒属于服务通知，无需本同意即会发送。',
      '本人可随时撤回本同意，此后不再收到任何优惠信息。',
    ].join('\n\n'),
  },
];

const step = (s: Partial<AftercareStep> & Pick<AftercareStep, 'fromDay' | 'title'>): AftercareStep => ({
  untilDay: null,
  instructions: '',
  remind: false,
  ...s,
});

export const AFTERCARE_TEMPLATES: { language: 'en' | 'zh-CN'; name: string; steps: AftercareStep[] }[] = [
  {
    language: 'en',
    name: 'Standard SMP aftercare',
    steps: [
      step({
        fromDay: 0,
        untilDay: 3,
        title: 'Keep your scalp dry',
        instructions: 'Do not wet or wash your scalp for 4 days. Avoid tight hats.',
        remind: true,
      }),
      step({
        fromDay: 0,
        untilDay: 6,
        title: 'No sweating or gym',
        instructions: 'Avoid exercise and anything that makes you sweat for 7 days.',
      }),
      step({
        fromDay: 0,
        untilDay: 7,
        title: 'Do not pick or scratch',
        instructions: 'Let small scabs fall off by themselves, or pigment comes out with them.',
      }),
      step({
        fromDay: 0,
        untilDay: 27,
        title: 'No swimming, sauna, steam room or tanning bed',
        instructions: 'Chlorine, salt water and heat disturb healing for 28 days.',
      }),
      step({
        fromDay: 0,
        untilDay: 29,
        title: 'Keep out of the sun',
        instructions: 'No direct sun on the scalp for 30 days; wear a loose hat outdoors.',
      }),
      step({
        fromDay: 4,
        title: 'First gentle wash',
        instructions:
          'From today you may wash with water and a mild, alcohol-free cleanser. Pat dry; do not rub.',
        remind: true,
      }),
      step({
        fromDay: 6,
        title: 'Start moisturising',
        instructions: 'Use an unscented moisturiser once or twice a day when the skin feels dry.',
        remind: true,
      }),
      step({
        fromDay: 7,
        title: 'First shave',
        instructions:
          'From today you may shave with an electric foil shaver. Go around any scab that is left.',
        remind: true,
      }),
      step({
        fromDay: 30,
        title: 'Protect from the sun for good',
        instructions: 'Use sunscreen (SPF 50) or a hat outdoors from now on: sunlight fades the pigment.',
        remind: true,
      }),
    ],
  },
  {
    language: 'zh-CN',
    name: '标准头皮微色素护理',
    steps: [
      step({
        fromDay: 0,
        untilDay: 3,
        title: '保持头皮干燥',
        instructions: '4 天内不要沾水或洗头，避免佩戴过紧的帽子。',
        remind: true,
      }),
      step({
        fromDay: 0,
        untilDay: 6,
        title: '避免出汗和健身',
        instructions: '7 天内避免运动及任何会出汗的活动。',
      }),
      step({
        fromDay: 0,
        untilDay: 7,
        title: '不要抠抓',
        instructions: '让细小的痂皮自然脱落，否则色素会随之脱落。',
      }),
      step({
        fromDay: 0,
        untilDay: 27,
        title: '不要游泳、桑拿、蒸汽浴或日光浴',
        instructions: '28 天内氯水、海水和高温都会影响愈合。',
      }),
      step({
        fromDay: 0,
        untilDay: 29,
        title: '避免日晒',
        instructions: '30 天内头皮不要直接暴露在阳光下，外出请戴宽松的帽子。',
      }),
      step({
        fromDay: 4,
        title: '第一次轻柔清洗',
        instructions: '从今天起可用清水和温和无酒精的洁面产品清洗，轻轻拍干，不要揉搓。',
        remind: true,
      }),
      step({
        fromDay: 6,
        title: '开始保湿',
        instructions: '皮肤干燥时，每天使用一到两次无香料的保湿霜。',
        remind: true,
      }),
      step({
        fromDay: 7,
        title: '第一次剃发',
        instructions: '从今天起可使用电动往复式剃须刀，避开残留的痂皮。',
        remind: true,
      }),
      step({
        fromDay: 30,
        title: '长期防晒',
        instructions: '此后外出请使用防晒霜（SPF 50）或戴帽子：阳光会使色素变淡。',
        remind: true,
      }),
    ],
  },
];
