// The words of the consultation report in English and Simplified Chinese. The honest limits come
// from domain.md §1.8-1.9 and §2.1 (scars are camouflaged, not removed; scar tissue holds pigment
// less predictably; dots heal 1-2 shades lighter; fading and touch-ups).
import type {
  HairColour,
  SCALP_REGIONS,
  SCAR_CAUSES,
  SCAR_COLOURS,
  SCAR_TEXTURES,
  TreatmentGoal,
} from '@stipple/core';
import type { DocLocale } from '../documents/format.js';

type Qualifier = 'up-to' | 'about' | 'at-most' | 'not-treated';

export interface ReportLabels {
  title: string;
  client: string;
  date: string;
  artist: string;
  planVersion: (version: number, rules: string) => string;
  assessment: string;
  notRecorded: string;
  none: string;
  age: string;
  ageText: (years: number, born: string | null) => string;
  filename: string;
  fitzpatrick: string;
  hairLoss: string;
  hairColour: string;
  goals: string;
  scars: string;
  screening: string;
  screeningClear: string;
  screeningNotAsked: string;
  monthsOld: (n: number) => string;
  count: (n: number) => string;
  dotDiameter: (mm: number) => string;
  donorArea: (length: number | undefined, width: number | undefined) => string;
  scales: Record<'norwood' | 'ludwig' | 'savin' | 'none', string>;
  hairColours: Record<HairColour, string>;
  goalNames: Record<TreatmentGoal, string>;
  causes: Record<(typeof SCAR_CAUSES)[number], string>;
  textures: Record<(typeof SCAR_TEXTURES)[number], string>;
  colours: Record<(typeof SCAR_COLOURS)[number], string>;
  regions: Record<(typeof SCALP_REGIONS)[number], string>;
  views: Record<string, string>;
  screeningNames: Record<string, string>;
  photos: string;
  noPhotos: string;
  photoAndHealed: string;
  photoOnly: string;
  camouflageScore: (zone: string, before: string, after: string) => string;
  camouflageWorse: string;
  /** The healed scar as expected and at the poor end of its texture's range, side by side. */
  scarRange: (zone: string, texture: string, expected: number, poor: number) => string;
  scarExpected: string;
  scarPoor: string;
  plan: string;
  noPlan: string;
  eligibility: string;
  eligibilities: Record<'eligible' | 'postpone' | 'refer' | 'not_eligible', string>;
  earliestStart: string;
  reasons: string;
  waiting: string;
  preTreatments: string;
  sessions: string;
  sessionsText: (count: number, days: number, hours: number) => string;
  zoneKinds: Record<'scar' | 'fill' | 'hairline', string>;
  everyZone: string;
  zoneText: (density: number, dot: number, needle: string, diameter: number) => string;
  transition: (mm: number) => string;
  zoneSession: (session: number, percent: number, shade: number) => string;
  cautions: string;
  overrides: string;
  overrideText: (value: string, from: string, to: string, reason: string, by: string, at: string) => string;
  expectations: string;
  qualifiers: Record<Qualifier, (percent: number) => string>;
  touchUp: (years: number) => string;
  limits: string[];
  aftercare: string;
  aftercareKinds: Record<'prepare' | 'avoid' | 'do', string>;
  days: (from: number, to: number | null) => string;
  assumptions: string;
  assumptionsIntro: (n: number) => string;
  price: string;
  priceText: (sessions: number, each: string, total: string) => string;
  footer: (at: string, artist: string) => string;
}

const en: ReportLabels = {
  title: 'Consultation report',
  client: 'Client',
  date: 'Consultation date',
  artist: 'Artist',
  planVersion: (v, rules) => `Plan version ${v} · rules ${rules}`,
  assessment: 'Assessment',
  notRecorded: 'not recorded',
  none: 'none',
  age: 'Age',
  ageText: (years, born) => (born ? `${years} (born ${born})` : String(years)),
  filename: 'Consultation report',
  fitzpatrick: 'Skin type (Fitzpatrick)',
  hairLoss: 'Hair loss',
  hairColour: 'Hair colour',
  goals: 'Goals',
  scars: 'Scars',
  screening: 'Health screening',
  screeningClear: 'Nothing in the screening calls for caution.',
  screeningNotAsked: 'The screening questions were not answered yet.',
  monthsOld: (n) => (n === 1 ? '1 month old' : `${n} months old`),
  count: (n) => (n === 1 ? '1 scar' : `${n} scars`),
  dotDiameter: (mm) => `dots ${mm} mm across`,
  donorArea: (l, w) => `over a donor area of ${[l, w].filter((v) => v !== undefined).join(' × ')} mm`,
  scales: { norwood: 'Norwood-Hamilton', ludwig: 'Ludwig', savin: 'Savin', none: 'no pattern hair loss' },
  hairColours: {
    black: 'black',
    'dark-brown': 'dark brown',
    brown: 'brown',
    'light-brown': 'light brown',
    blonde: 'blonde',
    red: 'red',
    grey: 'grey',
    white: 'white',
  },
  goalNames: {
    'scar-camouflage': 'scar camouflage',
    density: 'more density',
    'shaved-look': 'full shaved look',
    hairline: 'hairline',
  },
  causes: {
    fut: 'FUT strip scar',
    fue: 'FUE dot scars',
    surgery: 'surgical scar',
    trauma: 'injury scar',
    burn: 'burn scar',
    other: 'scar',
  },
  textures: { flat: 'flat', raised: 'raised', atrophic: 'indented', keloid: 'keloid' },
  colours: { hypo: 'lighter than the skin', hyper: 'darker than the skin', normal: 'skin-coloured' },
  regions: {
    frontal: 'front',
    'mid-scalp': 'mid-scalp',
    vertex: 'vertex',
    crown: 'crown',
    occipital: 'back of the head',
    nape: 'nape',
    'temporal-left': 'left temple',
    'temporal-right': 'right temple',
    'parietal-left': 'left side',
    'parietal-right': 'right side',
  },
  views: { front: 'Front', top: 'Top', left: 'Left', right: 'Right', back: 'Back', 'close-up': 'Close-up' },
  screeningNames: {
    keloidHistory: 'keloids (own or in the family)',
    hypertrophicScarringTendency: 'scars tend to become raised',
    activeScalpCondition: 'active scalp condition',
    sunburnOrWounds: 'sunburn or wounds on the scalp',
    severeScalpDryness: 'severe scalp dryness',
    wartsOrMolesInArea: 'warts or moles in the area',
    herpesOnScalp: 'herpes on the scalp',
    pihTendency: 'tends to dark marks after inflammation',
    vitiligo: 'vitiligo',
    anticoagulants: 'anticoagulants or aspirin',
    bleedingDisorder: 'bleeding disorder',
    diabetes: 'diabetes',
    immuneCondition: 'immune or autoimmune disease',
    heartConditionOrHighBloodPressure: 'heart condition or high blood pressure',
    epilepsy: 'epilepsy',
    liverDisease: 'liver disease',
    infectiousDisease: 'infectious disease',
    steroidsOrRetinoids: 'steroids or retinoids',
    antibiotics: 'antibiotics now',
    isotretinoinMonthsAgo: 'months since isotretinoin',
    isotretinoinStoppedDate: 'isotretinoin stopped',
    pregnant: 'pregnant',
    breastfeeding: 'breastfeeding',
    chemotherapyMonthsAgo: 'months since chemotherapy',
    chemotherapyEndDate: 'chemotherapy ended',
    chemotherapyPlanned: 'chemotherapy planned',
    laserRemovalDaysAgo: 'days since laser tattoo removal',
    laserRemovalDate: 'laser tattoo removal',
    monthsSinceHairTransplant: 'months since hair transplant',
    hairTransplantDate: 'hair transplant',
    monthsSinceScalpSurgery: 'months since scalp surgery',
    scalpSurgeryDate: 'scalp surgery',
    inkAllergy: 'allergy to tattoo ink',
    activeProgressiveHairLoss: 'hair loss still progressing',
    temporaryAlopecia: 'temporary or active alopecia',
  },
  photos: 'Photos and preview',
  noPhotos: 'No photos were taken at this consultation yet.',
  photoAndHealed: 'Left: the photo. Right: the simulated healed result after the last session.',
  photoOnly: 'The photo (no preview rendered yet).',
  camouflageWorse:
    'The healed preview stands out more than the skin does now here: the artist will adjust the shade or density before treating this zone.',
  camouflageScore: (zone, before, after) =>
    `${zone}: colour difference to the surrounding skin ΔE00 ${before} before, ${after} in the healed preview (lower blends in better)`,
  scarRange: (zone, texture, expected, poor) =>
    `${zone} (${texture} scar): scar tissue holds pigment unpredictably. Left: healed as expected (about ${expected} % of the pigment kept). Right: at the poor end of the range for this kind of scar (about ${poor} %). Both are simulations.`,
  scarExpected: 'As expected',
  scarPoor: 'At the poor end of the range',
  plan: 'Treatment plan',
  noPlan: 'No plan was made yet.',
  eligibility: 'Decision',
  eligibilities: {
    eligible: 'Eligible for treatment',
    postpone: 'Treatment postponed',
    refer: 'Referral to a physician first',
    not_eligible: 'Not eligible for SMP',
  },
  earliestStart: 'Earliest first session',
  reasons: 'Why',
  waiting: 'Waiting periods',
  preTreatments: 'Before treatment',
  sessions: 'Sessions',
  sessionsText: (n, d, h) =>
    n === 1
      ? `1 session of about ${h} hours`
      : `${n} sessions, at least ${d} days apart, about ${h} hours each`,
  zoneKinds: { scar: 'Scar zone', fill: 'Density fill', hairline: 'Hairline' },
  everyZone: 'In every zone',
  zoneText: (density, dot, needle, diameter) =>
    `${density} dots per cm² · dot ${dot} mm · needle ${needle} (${diameter} mm)`,
  transition: (mm) => `soft transition over ${mm} mm`,
  zoneSession: (s, percent, shade) => `session ${s}: ${percent}% of the density, shade ${shade}`,
  cautions: 'Cautions',
  overrides: "The artist's changes to the plan",
  overrideText: (value, from, to, reason, by, at) =>
    `${value}: ${from} → ${to}. Reason: ${reason} (${by}, ${at})`,
  expectations: 'What to expect',
  qualifiers: {
    'up-to': (p) => `up to ${p}% camouflage`,
    about: (p) => `about ${p}% camouflage`,
    'at-most': (p) => `at most ${p}% camouflage`,
    'not-treated': () => 'not treated',
  },
  touchUp: (years) => `Pigment fades slowly: plan a touch-up after about ${years} years.`,
  limits: [
    'Scars are camouflaged, not removed: SMP does not change the texture of a scar.',
    'Scar tissue holds pigment less well and less predictably than healthy skin, so scars may need extra sessions.',
    'Each session looks darker at first; once healed, the dots are one to two shades lighter.',
    'The preview is a simulation on your own photo, not a promise: real results vary with skin and aftercare.',
    'Sun, sweat and time fade the pigment; protect the scalp from the sun (hat or sunscreen).',
  ],
  aftercare: 'Aftercare after each session',
  aftercareKinds: { prepare: 'before', avoid: 'avoid', do: 'do' },
  days: (from, to) =>
    from < 0
      ? `${-from} days before`
      : to === null
        ? `from day ${from}`
        : from === to
          ? `day ${from}`
          : `days ${from}-${to}`,
  assumptions: 'What the plan assumed',
  assumptionsIntro: (n) =>
    n === 1
      ? '1 fact was not recorded at the consultation; the plan assumed the following and the artist will check it:'
      : `${n} facts were not recorded at the consultation; the plan assumed the following and the artist will check them:`,
  price: 'Price estimate',
  priceText: (n, each, total) =>
    `${n} ${n === 1 ? 'session' : 'sessions'} × ${each} = ${total} (an estimate; touch-ups are extra)`,
  footer: (at, artist) =>
    `Made on ${at} by Stipple for ${artist}. Every statement cites the rule that made it.`,
};

const zh: ReportLabels = {
  title: '咨询报告',
  client: '客户',
  date: '咨询日期',
  artist: '纹绣师',
  planVersion: (v, rules) => `方案版本 ${v} · 规则 ${rules}`,
  assessment: '评估',
  notRecorded: '未记录',
  none: '无',
  age: '年龄',
  ageText: (years, born) => (born ? `${years} 岁（出生日期 ${born}）` : `${years} 岁`),
  filename: '咨询报告',
  fitzpatrick: '皮肤类型（Fitzpatrick）',
  hairLoss: '脱发',
  hairColour: '发色',
  goals: '目标',
  scars: '疤痕',
  screening: '健康筛查',
  screeningClear: '筛查中没有需要注意的情况。',
  screeningNotAsked: '尚未回答筛查问题。',
  monthsOld: (n) => `${n} 个月`,
  count: (n) => `${n} 处疤痕`,
  dotDiameter: (mm) => `点径 ${mm} 毫米`,
  donorArea: (l, w) => `分布在 ${[l, w].filter((v) => v !== undefined).join(' × ')} 毫米的供区内`,
  scales: { norwood: 'Norwood-Hamilton 分级', ludwig: 'Ludwig 分级', savin: 'Savin 分级', none: '无型脱发' },
  hairColours: {
    black: '黑色',
    'dark-brown': '深棕色',
    brown: '棕色',
    'light-brown': '浅棕色',
    blonde: '金色',
    red: '红色',
    grey: '灰色',
    white: '白色',
  },
  goalNames: {
    'scar-camouflage': '遮盖疤痕',
    density: '增加密度',
    'shaved-look': '全头寸头效果',
    hairline: '发际线',
  },
  causes: {
    fut: 'FUT 条状疤痕',
    fue: 'FUE 点状疤痕',
    surgery: '手术疤痕',
    trauma: '外伤疤痕',
    burn: '烧伤疤痕',
    other: '疤痕',
  },
  textures: { flat: '平整', raised: '凸起', atrophic: '凹陷', keloid: '瘢痕疙瘩' },
  colours: { hypo: '比皮肤浅', hyper: '比皮肤深', normal: '与皮肤同色' },
  regions: {
    frontal: '前额',
    'mid-scalp': '头顶中部',
    vertex: '头顶',
    crown: '头顶旋',
    occipital: '后枕部',
    nape: '颈后',
    'temporal-left': '左侧太阳穴',
    'temporal-right': '右侧太阳穴',
    'parietal-left': '左侧',
    'parietal-right': '右侧',
  },
  views: { front: '正面', top: '顶部', left: '左侧', right: '右侧', back: '后面', 'close-up': '特写' },
  screeningNames: {
    keloidHistory: '瘢痕疙瘩（本人或家族）',
    hypertrophicScarringTendency: '疤痕容易增生凸起',
    activeScalpCondition: '头皮有活动性皮肤病',
    sunburnOrWounds: '头皮晒伤或有伤口',
    severeScalpDryness: '头皮严重干燥',
    wartsOrMolesInArea: '治疗区域有疣或痣',
    herpesOnScalp: '头皮疱疹',
    pihTendency: '炎症后容易色素沉着',
    vitiligo: '白癜风',
    anticoagulants: '服用抗凝药或阿司匹林',
    bleedingDisorder: '出血性疾病',
    diabetes: '糖尿病',
    immuneCondition: '免疫或自身免疫疾病',
    heartConditionOrHighBloodPressure: '心脏病或高血压',
    epilepsy: '癫痫',
    liverDisease: '肝病',
    infectiousDisease: '传染病',
    steroidsOrRetinoids: '服用类固醇或维A酸类药物',
    antibiotics: '正在服用抗生素',
    isotretinoinMonthsAgo: '停用异维A酸的月数',
    isotretinoinStoppedDate: '停用异维A酸',
    pregnant: '怀孕',
    breastfeeding: '哺乳期',
    chemotherapyMonthsAgo: '化疗结束的月数',
    chemotherapyEndDate: '化疗结束',
    chemotherapyPlanned: '计划化疗',
    laserRemovalDaysAgo: '激光洗纹身后的天数',
    laserRemovalDate: '激光洗纹身',
    monthsSinceHairTransplant: '植发后的月数',
    hairTransplantDate: '植发',
    monthsSinceScalpSurgery: '头皮手术后的月数',
    scalpSurgeryDate: '头皮手术',
    inkAllergy: '对纹身色素过敏',
    activeProgressiveHairLoss: '脱发仍在进展',
    temporaryAlopecia: '暂时性或活动性斑秃',
  },
  photos: '照片与效果预览',
  noPhotos: '本次咨询尚未拍摄照片。',
  photoAndHealed: '左：照片。右：最后一次治疗后愈合效果的模拟。',
  photoOnly: '照片（尚未生成效果预览）。',
  camouflageWorse: '此区域的愈合预览比现在更显眼：纹绣师会在治疗该区域前调整色号或密度。',
  camouflageScore: (zone, before, after) =>
    `${zone}：与周围皮肤的色差 ΔE00 治疗前 ${before}，愈合预览中 ${after}（数值越低越自然）`,
  scarRange: (zone, texture, expected, poor) =>
    `${zone}，${texture}疤痕：疤痕组织留存色素难以预料。左：按预期愈合（约保留 ${expected}% 的色素）。右：此类疤痕范围中较差的一端（约 ${poor}%）。两者均为模拟。`,
  scarExpected: '预期效果',
  scarPoor: '范围的较差一端',
  plan: '治疗方案',
  noPlan: '尚未制定方案。',
  eligibility: '结论',
  eligibilities: {
    eligible: '可以进行治疗',
    postpone: '需推迟治疗',
    refer: '需先咨询医生',
    not_eligible: '不适合头皮微色素',
  },
  earliestStart: '最早首次治疗日期',
  reasons: '原因',
  waiting: '等待期',
  preTreatments: '治疗前',
  sessions: '疗程',
  sessionsText: (n, d, h) => `${n} 次治疗，每次至少间隔 ${d} 天，每次约 ${h} 小时`,
  zoneKinds: { scar: '疤痕区域', fill: '密度填充', hairline: '发际线' },
  everyZone: '所有区域',
  zoneText: (density, dot, needle, diameter) =>
    `每平方厘米 ${density} 个点 · 点径 ${dot} 毫米 · 针 ${needle}（${diameter} 毫米）`,
  transition: (mm) => `${mm} 毫米柔和过渡`,
  zoneSession: (s, percent, shade) => `第 ${s} 次：密度的 ${percent}%，色号 ${shade}`,
  cautions: '注意事项',
  overrides: '纹绣师对方案的修改',
  overrideText: (value, from, to, reason, by, at) =>
    `${value}：${from} → ${to}。原因：${reason}（${by}，${at}）`,
  expectations: '预期效果',
  qualifiers: {
    'up-to': (p) => `最多可遮盖 ${p}%`,
    about: (p) => `约可遮盖 ${p}%`,
    'at-most': (p) => `至多遮盖 ${p}%`,
    'not-treated': () => '不做治疗',
  },
  touchUp: (years) => `色素会缓慢褪色：约 ${years} 年后需要补色。`,
  limits: [
    '疤痕只能被遮盖，不能被去除：头皮微色素不会改变疤痕的质地。',
    '疤痕组织对色素的保持不如健康皮肤稳定，因此疤痕可能需要额外的治疗次数。',
    '每次治疗后起初颜色较深；愈合后点会浅一到两个色阶。',
    '效果预览是在您本人照片上的模拟，并非承诺：实际效果因皮肤和护理而异。',
    '日晒、出汗和时间都会使色素变浅；请注意头皮防晒（戴帽子或涂防晒霜）。',
  ],
  aftercare: '每次治疗后的护理',
  aftercareKinds: { prepare: '治疗前', avoid: '避免', do: '要做' },
  days: (from, to) =>
    from < 0
      ? `治疗前 ${-from} 天`
      : to === null
        ? `第 ${from} 天起`
        : from === to
          ? `第 ${from} 天`
          : `第 ${from}-${to} 天`,
  assumptions: '方案的假设',
  assumptionsIntro: (n) => `咨询时有 ${n} 项信息未记录；方案作了以下假设，纹绣师会逐项核实：`,
  price: '费用估算',
  priceText: (n, each, total) => `${n} 次 × ${each} = ${total}（估算；补色另计）`,
  footer: (at, artist) => `由 Stipple 于 ${at} 为 ${artist} 生成。每一项结论都注明了得出它的规则。`,
};

export const REPORT_LABELS: Record<DocLocale, ReportLabels> = { en, 'zh-CN': zh };
