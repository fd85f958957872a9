// Simplified Chinese texts of the planner's rule set (RULES_V1), by rule id, for the client's
// report and the plan tab. Placeholders ({scar}, {date}, {fact.path}) stay as they are; numbers, units, drug and
// study names are kept as in the English. rules.v1.zh-CN.test.ts checks that every text of
// RULES_V1 has a translation here with the same placeholders.
import type { PlannerPhrases } from '../rule.schema.js';

export interface RuleTexts {
  reason?: string;
  preTreatment?: string;
  caution?: string;
  camouflage?: string;
  aftercare?: string;
  note?: string;
  until?: string;
  assumption?: string;
}

export const RULE_TEXTS_ZH: Record<string, RuleTexts> = {
  // ---------------------------------------------------------------- eligibility baseline
  'eligibility.base': {
    reason: '评估中的各项回答均不需要等待、转诊或拒绝治疗。',
  },

  // ---------------------------------------------------------------- refusals
  'age.minor': {
    reason:
      '客户现年 {ageYears} 岁：即使有父母同意，也禁止为未满 18 岁者纹刺（英国 Tattooing of Minors Act 1969）。',
  },
  'keloid.history': {
    reason:
      '有瘢痕疙瘩病史或倾向：针刺可能诱发新的瘢痕疙瘩，且瘢痕疙瘩可能在受伤后长达一年才出现；因此不能做头皮微色素（SMP）。',
  },
  'keloid.scar': {
    reason: '{scar} 是瘢痕疙瘩：有瘢痕疙瘩不能做头皮微色素（SMP）。',
    camouflage: '不做治疗：瘢痕疙瘩不做色素处理。',
  },
  'allergy.ink': {
    reason:
      '已知对纹身色素过敏：不能做头皮微色素（SMP）。如果当时是对彩色色素过敏，在医生监督下用碳素色素做的斑贴试验可以作为修改此结论的依据，修改时须注明这一点。',
  },

  // ---------------------------------------------------------------- referrals to a physician
  'scar.raised': {
    reason:
      '{scar} 凸起（增生性瘢痕）：在凹凸不平、胶原致密的疤痕中，色素会游走并受牵拉，因此需先由医生将疤痕压平；压平需要数周，所以最早 {date} 才能开始。',
    preTreatment:
      '由医生向凸起的疤痕内注射皮质类固醇（曲安奈德，triamcinolone），约每 6 周一次，直至疤痕变平后停止（继续注射可能使疤痕凹陷；有些医生的疗程约为 6 个月）。疤痕变平后重新评估。',
    camouflage: '疤痕压平后，约可遮盖 80%。',
  },
  'scarring.hypertrophic-tendency': {
    reason: '疤痕容易增生凸起（增生性瘢痕）：在任何针刺之前，应先由医生评估风险。',
    preTreatment: '由医生评估疤痕增生凸起的倾向；如获准，先做一小块测试区域，待其愈合后再进行完整方案。',
  },
  'refer.anticoagulants': {
    reason: '正在服用抗凝药或阿司匹林：出血会稀释色素并形成较厚的结痂，因此治疗前需由开药医生作出决定。',
    preTreatment: '开药医生就抗凝药或阿司匹林出具的书面许可。',
  },
  'refer.bleeding-disorder': {
    reason: '出血性疾病（血友病、血小板疾病或镰状细胞病）：需先获得医生许可。',
    preTreatment: '医生就出血性疾病出具的书面许可。',
  },
  'refer.diabetes': {
    reason: '糖尿病：诊所会要求治疗前获得全科医生（GP）的许可（有些诊所只针对 2 型糖尿病）。',
    preTreatment: '全科医生（GP）就糖尿病出具的书面许可（涉及愈合和感染风险）。',
  },
  'refer.immune': {
    reason: '免疫或自身免疫疾病：需先获得医生许可。',
    preTreatment: '医生就免疫或自身免疫疾病出具的书面许可。',
  },
  'refer.heart-bp': {
    reason: '心脏病或高血压：需先取得医生证明。',
    preTreatment: '医生就心脏病或高血压出具的证明。',
  },
  'refer.epilepsy': {
    reason: '癫痫：需先获得医生许可（每次治疗持续数小时）。',
    preTreatment: '医生就癫痫出具的书面许可。',
  },
  'refer.liver': {
    reason: '肝病：需先获得医生许可。',
    preTreatment: '医生就肝病出具的书面许可。',
  },
  'refer.infectious': {
    reason: '传染病：需先获得医生许可。',
    preTreatment: '医生就传染病出具的书面许可。',
  },
  'refer.steroids-retinoids': {
    reason: '正在使用类固醇或维A酸类药物，诊所将其列为禁忌：需先由开药医生作出决定。',
    preTreatment: '开药医生就类固醇或维A酸类药物出具的书面许可。',
  },
  'refer.vitiligo': {
    reason: '白癜风：有些病例会被诊所拒绝，因此需先由医生评估本例情况。',
    preTreatment: '由医生评估白癜风情况。',
  },

  // ---------------------------------------------------------------- waiting times
  'scar.young': {
    reason:
      '{scar} 已形成 {scar.ageMonths} 个月：疤痕约需 12 个月才能成熟（各来源为 6-12 个月），因此需等到 {date}；届时若疤痕仍呈红色或粉色，也还不能治疗。',
  },
  'wait.hair-transplant': {
    reason:
      '{screening.monthsSinceHairTransplant} 个月前做过植发：移植的毛囊和供区疤痕约需 9 个月才能稳定（各来源为 6-12 个月），因此需等到 {date}。',
  },
  'wait.scalp-surgery': {
    reason:
      '{screening.monthsSinceScalpSurgery} 个月前做过头皮手术：术后需等待 12 个月（各来源为 6-12 个月），即到 {date}。',
  },
  'wait.chemotherapy': {
    reason:
      '{screening.chemotherapyMonthsAgo} 个月前接受过化疗：化疗结束后需等待 12 个月（各来源说法不一，为 6-12 个月），即到 {date}。',
  },
  'wait.chemotherapy-planned': {
    reason:
      '已计划化疗：化疗前 4 周内不能做头皮微色素（SMP），之后要到化疗结束 12 个月后才能做（各来源为 6-12 个月），因此推迟到那时。',
    until: '计划中的化疗结束 12 个月后',
  },
  'wait.laser-removal': {
    reason: '{screening.laserRemovalDaysAgo} 天前做过激光祛除纹身：激光祛除后需等待 90 天，即到 {date}。',
  },
  'wait.isotretinoin': {
    reason:
      '最后一次服用异维A酸（isotretinoin / Accutane）是 {screening.isotretinoinMonthsAgo} 个月前（0 表示仍在服用）：末次服药后需等待 6 个月，即到 {date}。各来源列出了异维A酸，但没有给出等待时间；6 个月是本规则集的选择，需与开药医生确认。',
  },
  'wait.pregnancy': {
    reason: '怀孕：推迟到孕期（及哺乳期）结束后。',
    until: '孕期和哺乳期结束后',
  },
  'wait.breastfeeding': {
    reason: '哺乳期：推迟到哺乳期结束后。',
    until: '哺乳期已结束',
  },
  'wait.active-scalp-condition': {
    reason: '治疗区域有活动期的银屑病、湿疹、皮炎、皮疹、痤疮或感染（包括毛囊炎）：推迟到其消退后。',
    until: '头皮问题已消退',
  },
  'wait.herpes': {
    reason: '头皮单纯疱疹在各诊所的禁忌清单上：推迟到疱疹消退后。',
    until: '疱疹已消退',
  },
  'wait.sunburn-wounds': {
    reason: '头皮有晒伤、割伤或擦伤：推迟到皮肤愈合后。',
    until: '晒伤、割伤或擦伤已愈合',
  },
  'wait.antibiotics': {
    reason: '正在服用抗生素：推迟到疗程结束后。',
    until: '抗生素疗程已结束',
  },

  // ---------------------------------------------------------------- cautions
  'caution.progressive-hair-loss': {
    caution:
      '脱发仍在进展：头皮微色素（SMP）不能阻止脱发，新的脱发会在治疗区域旁边显现出来（Traquina 2001 建议此时不做 SMP）。请按预期的脱发形态进行设计，并先讨论医学治疗。',
  },
  'caution.temporary-alopecia': {
    caution:
      '暂时性或仍处于活动期的脱发症：重新长出的头发会使治疗区域看起来更深。优先选择稳定的区域，并在治疗前说明这一点。',
  },
  'caution.pih': {
    caution:
      '容易出现炎症后色素沉着（列明的注意事项）：针刺可能留下颜色较深的斑块；从浅色开始，并检查第一次治疗愈合后的效果。',
  },
  'caution.warts-moles': {
    caution: '治疗区域有疣或痣：操作时绕开它们，不在其上着色；痣上覆盖色素会使黑色素瘤更难被发现。',
  },
  'caution.scalp-dryness': {
    reason: '头皮干燥、脱屑或皮肤很厚，需要第 4 次治疗。',
    caution: '头皮严重干燥在各诊所的注意事项清单上：请在第一次治疗前先改善。',
  },

  // ---------------------------------------------------------------- sessions and touch-ups
  'sessions.base': {
    reason:
      '两次治疗之间至少间隔 14 天（各来源说法不一，为 7-30 天；仍有结痂时间隔更长），每次约 4 小时（2-5 小时；第一次往往最长）。',
  },
  'sessions.alopecia': {
    reason: '脱发症需要第 4 次治疗（各来源：3 次，脱发症再加一次；最多 5-7 次）。',
  },
  'touchup.base': {
    reason:
      '色素会褪色（紫外线和免疫系统会将其分解）：约 4 年后安排补色（各来源说法不一，为 1-6 年）；补色次数过多会使点越积越多，形成“头盔”般的效果。',
  },
  'touchup.scarring-alopecia': {
    reason:
      '瘢痕性脱发褪色更快（6 个月时视觉密度评分 -1.6 分，对比 -0.9 分，Liu 2025）：约 2 年后（而不是 4 年后）安排补色（4 × 0.9/1.6 ≈ 2.3，推算得出）。',
  },

  // ---------------------------------------------------------------- zones: which, and their defaults
  'goal.unknown': {
    assumption:
      '目标未记录：为每处已记录的疤痕规划了疤痕遮盖，为已记录的脱发规划了增加密度；请与客户商定目标。',
  },
  'scars.unknown': {
    assumption: '疤痕未记录：假定没有疤痕；请检查头皮并记录每一处疤痕。',
  },
  'goal.scar-without-scars': {
    caution:
      '目标包括遮盖疤痕，但没有记录任何疤痕：请记录每处疤痕（成因、大小、质地、颜色、形成时间）以便规划。',
  },
  'zone.depth': {
    note: '深度：真皮上层 / 表皮-真皮交界处，约 0.5-1 mm（各来源说法不一，为 0.25-1.5 mm），比身体纹身浅；以不出血为判断标准。刺得过深、一次上色过多或用力过大，都会使点模糊、晕开（晕色，即 blow-out，形成“头盔”效果）。',
  },
  'zone.density.reference': {
    note: '目标密度参照自然的毛囊单位密度（参考值 70 FU/cm²，范围 60-100；点距约 1 mm、即 ≈100/cm² 为上限）；与照片分析在该区域周围测得的密度相匹配，并以艺术化的方式布点，而不是排成固定网格。',
  },
  'zone.hairline.params': {
    note: '发际线先定得偏高、偏柔和，如有需要再在之后的治疗中降低：前额中点约在眉间上方 8 cm（7 为激进、10 为保守），颞峰距额颞点约 5 cm，设 0.5-1 cm 的不规则过渡带、最前方为单个散点，左右差异不超过 2 mm，不要直线，并与年龄相称。',
  },
  'zone.scar.params': {
    note: '疤痕组织更致密，需要更大力度，色素留存也较难预测：第一次治疗后预计留色不均，在下一次治疗中补上空缺；头皮微色素（SMP）只能遮盖疤痕，不会改变疤痕的质地。',
  },
  'zone.fill.ludwig': {
    note: 'Ludwig 型：前额发际线保留，其后 1-3 cm 处起头顶弥漫性变稀；在发际线后方的现有头发之间布点，不要布在发际线前方。',
  },
  'zone.fill.savin-frontal': {
    note: 'Savin 前额型：前部变稀更明显；保留现有发际线，在其紧后方增加密度。',
  },
  'zone.fill.extensive': {
    note: 'Norwood V-VII 级：整个头顶都要治疗；全头总共约需 20 小时操作时间（最多 20-30 小时），第一次治疗最长，每 60-90 分钟休息一次。',
  },

  // ---------------------------------------------------------------- scars: camouflage and specifics
  'scar.sessions': {
    reason: '疤痕组织的色素留存较难预测，且需要更大力度：疤痕需 4 次治疗（各来源为 3-6+ 次）。',
  },
  'scar.flat.camouflage': {
    camouflage: '最多 100%：平整的疤痕是最理想的情况，但头皮微色素（SMP）只能遮盖疤痕，不能去除疤痕。',
  },
  'scar.atrophic': {
    reason: '{scar} 凹陷（萎缩性瘢痕）：遮盖效果预计不超过约 50%，先做一次测试治疗，并多安排一次治疗。',
    preTreatment:
      '在确定完整方案之前，先在每处萎缩性瘢痕的一部分上做一次测试治疗，待愈合后（约 4 周）评估效果。',
    camouflage: '至多约 50%：凹陷的疤痕仍会留有阴影，头皮微色素（SMP）不会改变疤痕的质地。',
  },
  'outcome.scar.low-retention': {
    reason:
      '{scar} 在愈合后的复诊照片中保留了 {scar.measuredRetentionPercent}% 的色素（低于 60%）：多安排一次治疗，色号加深一级（5）。',
  },
  'outcome.studio-retention.low': {
    reason:
      '本工作室在此肤质上愈合的 {scar.texture} 疤痕共 {scar.studioRetentionCases} 例，平均保留 {scar.studioRetentionPercent}% 的色素（低于 60%，以工作室数据代替默认值）：为 {scar} 多安排一次治疗。',
  },
  'outcome.studio-retention.known': {
    reason:
      '本工作室在此肤质上愈合的 {scar.texture} 疤痕共 {scar.studioRetentionCases} 例，平均保留 {scar.studioRetentionPercent}% 的色素：{scar} 采用工作室数据代替默认值，无需为此增加治疗。',
  },
  'scar.burn': {
    reason: '{scar} 是烧伤疤痕：面积大、常经过植皮且敏感的区域需要更多次治疗（5 次；各来源为 3-6+ 次）。',
    caution:
      '烧伤疤痕：皮肤敏感，常在多次手术后经过植皮，且有期望不切实际的风险；请先以书面形式商定目标和治疗方案。',
    preTreatment:
      '可考虑在第一次治疗前用甘醇酸（glycolic acid）为烧伤疤痕去角质，以帮助色素留存（来自半永久化妆的实践建议）。',
  },
  'scar.burn.prepare': {
    aftercare: '每次治疗前的 5 天内不摄入咖啡因和酒精，不服用阿司匹林（烧伤疤痕）。',
  },
  'scar.hypo': {
    note: '白色（色素减退）疤痕是最适合的情况：色点可降低白色疤痕与周围头发和皮肤之间的反差。',
  },
  'scar.hyper': {
    caution: '颜色较深（色素沉着）的疤痕需要调色和融合方案：填充之前，先在疤痕上测试色号。',
  },
  'scar.fut': {
    note: 'FUT 条状疤痕：愈合后通常宽 1-2 mm，在最初 6 个月内可能被拉宽；头发短于 10-15 mm 时会露出疤痕，因此要把这条线融入周围的密度中。',
  },
  'scar.fut.stretched': {
    caution:
      '条状疤痕宽于愈合良好时的 1-2 mm，说明已被拉宽：其中疤痕组织更多，因此留色更难预测，可能需要更多次治疗。',
  },
  'scar.fut.sparse-surround': {
    note: '条状疤痕周围的头发少于约 100 根/cm²，而这是遮住一般供区疤痕所需的最低密度：疤痕周围也要增加密度。',
  },
  'scar.fue': {
    note: 'FUE 点状疤痕是直径约 0.8 mm 的白色圆点（取发钻头为 0.7-1.0 mm）：在疤痕上和疤痕之间布点，使其看起来像毛囊，每个点保持在 1 mm 以下；连成一片的“虫蛀状”区域按密度填充处理。',
  },

  // ---------------------------------------------------------------- shade and dilution
  'shade.base': {
    note: '色号是用蒸馏水稀释的碳黑色素，按数字编号：数字越小越深，60 为最浅；从浅色开始，每次治疗逐步加深（色素只能加，不能去除）。愈合后的点看起来会浅 1-2 个色阶（最多 3 个）。',
  },
  'shade.hair.grey': {
    note: '灰发或白发：剃短后的头发看起来像灰色的阴影，因此稀释后的黑色在头发变白的过程中依然能够匹配。',
  },
  'shade.skin.fair': {
    caution:
      '白皙皮肤（Fitzpatrick I-II 型）：色号过深时透过皮肤会显得发蓝；请使用较浅的色号（多加水），并检查第一次治疗愈合后的效果。',
  },
  'shade.skin.dark': {
    caution:
      '深色皮肤（Fitzpatrick V-VI 型）：变色风险小，但色点与皮肤的反差较小；深色皮肤也更容易出现瘢痕疙瘩，因此要仔细询问。',
  },

  // ---------------------------------------------------------------- preparation and aftercare
  'prep.clip-hair': {
    aftercare: '在治疗前 48 小时剃发或推短头发，不要在治疗当天剃；不要使用发纤维或增发粉。',
  },
  'prep.day-of-session': {
    aftercare: '治疗当天不饮酒，也不使用毒品；如果头皮发红、起疹或感染，请改期。',
  },
  'aftercare.no-wetting': {
    aftercare: '保持头皮干燥：4 天内不要洗头、淋雨或接触蒸汽（各来源为 3-5 天）。',
  },
  'aftercare.first-wash': {
    aftercare: '从第 4 天起，用清水和不含酒精、不含硫酸盐的温和洁发产品清洗；轻轻拍干。',
  },
  'aftercare.no-sweating': {
    aftercare: '7 天内不要出汗、去健身房或做剧烈运动（各来源为 4-10 天）。',
  },
  'aftercare.no-picking': {
    aftercare: '不要触摸、抠或抓挠结痂：色素会随结痂一起脱落。让结痂自然脱落（约一周）。',
  },
  'aftercare.no-swimming': {
    aftercare: '28 天内不要游泳（泳池、海水或湖泊）、蒸桑拿、进蒸汽房或使用日光浴床（各来源为 28-30 天）。',
  },
  'aftercare.no-sun': {
    aftercare: '30 天内避免阳光直射头皮（各来源为 14-30 天）：外出时戴宽松的帽子。',
  },
  'aftercare.moisturiser': {
    aftercare: '从第 6 天起，头皮感觉干燥时使用无香料的保湿霜（各来源：第 4-6 天）。',
  },
  'aftercare.first-shave': {
    aftercare:
      '从第 7 天起可第一次剃发（各来源说法不一，为第 4-10 天），使用网式电动剃须刀或理发推子，不要用剃刀，并避开所有结痂；以后也请一直使用推子或网式剃须刀。',
  },
  'aftercare.no-acids': {
    aftercare: '头皮上避免使用含 AHA（果酸）或甘醇酸的产品。',
  },
  'aftercare.sun-protection': {
    aftercare:
      '此后外出时，用帽子或高倍防晒霜（SPF 30-60）保护头皮免受紫外线照射：紫外线是导致褪色的主要原因。',
  },
  'aftercare.blood-donation': {
    aftercare: '每次治疗后一年内不要献血（这是各国血液服务机构的规定，因国家而异）。',
  },
};

/** The planner's own words round the rule texts (see PlannerPhrases). */
export const PHRASES_ZH: PlannerPhrases = {
  theScar: '该疤痕',
  scarNumbered: '疤痕 {n}',
  dateToBeSet: '待定日期',
  unknownValue: '未知',
  noneValue: '无',
  notKnown: '{fact}未记录：{assumed}。',
  notApplied: '读取它的规则（{rule}）未被应用',
  aboutScar: '{scar}：{text}',
};

// Printed as {assumed} in PHRASES_ZH.notKnown, which adds the final full stop.
export const UNKNOWN_FACTS_ZH: Record<string, string> = {
  ageYears: '假定已满 18 岁；首次治疗前请查验带照片的身份证件（在英国不得为未满 18 岁者纹刺）',
  fitzpatrick: '假定为 III-IV 型，因此未针对白皙皮肤调浅色号；选择色素前请记录皮肤类型',
  hairColour: '按深棕色头发规划色号（色号 30）；请在自然光下确认发色',
  ancestry: '采用 70 FU/cm² 的自然密度参考值；更好的做法是在校准过的照片上测量毛囊密度',
  goal: '为每处已记录的疤痕规划了疤痕遮盖，为已记录的脱发规划了增加密度；请与客户商定目标',
  scars: '假定没有疤痕；请检查头皮并记录每一处疤痕',
  'hairLoss.scale': '假定没有需要治疗的脱发类型；请按 Norwood、Ludwig 或 Savin 分级评定',
  'hairLoss.stage': '假定为早期（非 Norwood V-VII 级）；请评定脱发分级',
  'hairLoss.type':
    '假定为雄激素性（型态性）脱发，因此未因脱发症增加治疗次数或提前补色；请询问是否有医生诊断过脱发症',
  'scar.ageMonths':
    '假定疤痕已形成超过 12 个月，因此无需等待；请询问受伤或手术的日期（仍呈红色或粉色的疤痕还不能治疗）',
  'scar.colour': '假定与周围皮肤颜色相同；请在自然光下检查',
  'scar.widthMm': '假定为愈合良好、宽 1-2 mm 的条状疤痕；请测量其宽度',
  'scar.surroundingHairDensityPerCm2': '假定疤痕周围至少有 100 根/cm² 的头发；请在校准过的照片上测量密度',
  'screening.keloidHistory': '假定没有瘢痕疙瘩；首次治疗前请询问瘢痕疙瘩情况（本人或家族）',
  'screening.hypertrophicScarringTendency': '假定疤痕愈合后是平整的；首次治疗前请询问',
  'screening.activeScalpCondition': '假定没有；请检查头皮有无银屑病、湿疹、皮疹、痤疮或感染',
  'screening.sunburnOrWounds': '假定没有；请在治疗当天检查头皮',
  'screening.severeScalpDryness': '假定没有严重干燥；请检查头皮',
  'screening.wartsOrMolesInArea': '假定没有；请检查治疗区域',
  'screening.herpesOnScalp': '假定没有；首次治疗前请询问',
  'screening.pihTendency': '假定没有；请询问痘痘或伤口是否会留下深色印记',
  'screening.vitiligo': '假定没有；首次治疗前请询问',
  'screening.anticoagulants': '假定未服用抗凝药或阿司匹林；首次治疗前请询问正在使用的所有药物',
  'screening.bleedingDisorder': '假定没有；首次治疗前请询问',
  'screening.diabetes': '假定没有；首次治疗前请询问',
  'screening.immuneCondition': '假定没有；首次治疗前请询问',
  'screening.heartConditionOrHighBloodPressure': '假定没有；首次治疗前请询问',
  'screening.epilepsy': '假定没有；首次治疗前请询问',
  'screening.liverDisease': '假定没有；首次治疗前请询问',
  'screening.infectiousDisease': '假定没有；首次治疗前请询问',
  'screening.steroidsOrRetinoids': '假定没有；首次治疗前请询问正在使用的所有药物',
  'screening.antibiotics': '假定目前未服用抗生素；请在治疗当天询问',
  'screening.isotretinoinMonthsAgo': '假定最近 6 个月内未服用异维A酸（isotretinoin / Accutane）；请询问',
  'screening.pregnant': '假定未怀孕；首次治疗前请询问',
  'screening.breastfeeding': '假定不在哺乳期；首次治疗前请询问',
  'screening.chemotherapyMonthsAgo': '假定最近 12 个月内没有接受过化疗；请询问',
  'screening.chemotherapyPlanned': '假定没有化疗计划；请询问',
  'screening.laserRemovalDaysAgo': '假定最近 90 天内没有做过激光祛除纹身；请询问',
  'screening.monthsSinceHairTransplant': '假定最近 9 个月内没有植发；如做过植发，请询问日期',
  'screening.monthsSinceScalpSurgery': '假定最近 12 个月内没有做过头皮手术；请询问',
  'screening.inkAllergy': '假定没有；请询问做纹身或半永久化妆后是否出现过不良反应',
  'screening.activeProgressiveHairLoss': '假定脱发已稳定；请询问过去一年脱发有何变化',
  'screening.temporaryAlopecia': '假定没有；请询问是否有医生诊断过斑秃',
};

/** The name of each fact in unknownFacts, printed where the plan says it was not recorded. */
export const FACT_NAMES_ZH: Record<string, string> = {
  ageYears: '年龄',
  fitzpatrick: '皮肤类型（Fitzpatrick）',
  hairColour: '发色',
  ancestry: '族裔',
  goal: '目标',
  scars: '疤痕',
  'hairLoss.scale': '脱发分级标准',
  'hairLoss.stage': '脱发分级',
  'hairLoss.type': '脱发类型',
  'scar.ageMonths': '疤痕形成时间',
  'scar.colour': '疤痕颜色',
  'scar.widthMm': '疤痕宽度',
  'scar.surroundingHairDensityPerCm2': '疤痕周围的头发密度',
  'screening.keloidHistory': '瘢痕疙瘩',
  'screening.hypertrophicScarringTendency': '疤痕增生倾向',
  'screening.activeScalpCondition': '头皮疾病',
  'screening.sunburnOrWounds': '晒伤或伤口',
  'screening.severeScalpDryness': '头皮干燥',
  'screening.wartsOrMolesInArea': '疣或痣',
  'screening.herpesOnScalp': '头皮疱疹',
  'screening.pihTendency': '愈合后色素沉着',
  'screening.vitiligo': '白癜风',
  'screening.anticoagulants': '抗凝药',
  'screening.bleedingDisorder': '出血性疾病',
  'screening.diabetes': '糖尿病',
  'screening.immuneCondition': '免疫疾病',
  'screening.heartConditionOrHighBloodPressure': '心脏病或高血压',
  'screening.epilepsy': '癫痫',
  'screening.liverDisease': '肝病',
  'screening.infectiousDisease': '传染性疾病',
  'screening.steroidsOrRetinoids': '类固醇或维 A 酸类药物',
  'screening.antibiotics': '抗生素',
  'screening.isotretinoinMonthsAgo': '异维 A 酸',
  'screening.pregnant': '怀孕',
  'screening.breastfeeding': '哺乳',
  'screening.chemotherapyMonthsAgo': '化疗',
  'screening.chemotherapyPlanned': '化疗计划',
  'screening.laserRemovalDaysAgo': '激光洗纹身',
  'screening.monthsSinceHairTransplant': '植发',
  'screening.monthsSinceScalpSurgery': '头皮手术',
  'screening.inkAllergy': '色素过敏',
  'screening.activeProgressiveHairLoss': '脱发进展',
  'screening.temporaryAlopecia': '斑秃',
};

/** What each rule does, in a sentence: the rule's card in the plan tab (RULES_V1 descriptions). */
export const RULE_DESCRIPTIONS_ZH: Record<string, string> = {
  'eligibility.base': '除非下列规则另有结论，否则可以治疗；首次治疗最早可在咨询当天进行。',
  'age.minor': '未满 18 岁：即使有父母同意也不予治疗。',
  'keloid.history': '有瘢痕疙瘩病史或倾向：不能做头皮微色素（SMP）。',
  'keloid.scar': '瘢痕疙瘩：不能做 SMP，也不对其上色。',
  'allergy.ink': '已知对纹身色素过敏：不能做 SMP。',
  'scar.raised': '凸起（增生性）的疤痕需先由医生压平，然后重新评估。',
  'scarring.hypertrophic-tendency': '疤痕容易增生凸起：先由医生评估风险。',
  'refer.anticoagulants': '服用抗凝药或阿司匹林：先由开药医生决定。',
  'refer.bleeding-disorder': '血友病、血小板疾病或镰状细胞病：先获得医生许可。',
  'refer.diabetes': '糖尿病：先获得全科医生（GP）许可。',
  'refer.immune': '免疫或自身免疫疾病：先获得医生许可。',
  'refer.heart-bp': '心脏病或高血压：先取得医生证明。',
  'refer.epilepsy': '癫痫：先获得医生许可。',
  'refer.liver': '肝病：先获得医生许可。',
  'refer.infectious': '传染性疾病：先获得医生许可。',
  'refer.steroids-retinoids': '使用类固醇或维 A 酸类药物：先由开药医生决定。',
  'refer.vitiligo': '白癜风：先由医生评估。',
  'scar.young': '形成不足 12 个月的疤痕（各来源为 6-12 个月）需等待其成熟。',
  'wait.hair-transplant': '植发后不足 9 个月（各来源为 6-12 个月）：需等待。',
  'wait.scalp-surgery': '头皮手术后不足 12 个月（各来源为 6-12 个月）：需等待。',
  'wait.chemotherapy': '化疗结束后不足 12 个月（各来源为 6-12 个月，说法不一）：需等待。',
  'wait.chemotherapy-planned': '已计划化疗：等化疗结束后再治疗。',
  'wait.laser-removal': '激光洗纹身后不足 90 天：需等待。',
  'wait.isotretinoin': '停用异维 A 酸（Accutane）不足 6 个月：需等待（规划器的选择，来源中没有具体数字）。',
  'wait.pregnancy': '怀孕：推迟到孕期结束后。',
  'wait.breastfeeding': '哺乳期：推迟到哺乳结束后。',
  'wait.active-scalp-condition': '治疗区域有活动性皮肤病或感染：推迟到痊愈后。',
  'wait.herpes': '头皮有单纯疱疹：推迟到消退后。',
  'wait.sunburn-wounds': '头皮晒伤、割伤或擦伤：推迟到愈合后。',
  'wait.antibiotics': '正在服用抗生素：推迟到疗程结束后。',
  'caution.progressive-hair-loss': '脱发仍在进展：SMP 不能阻止脱发。',
  'caution.temporary-alopecia': '暂时性或活动期脱发症：头发长回后，治疗过的区域会显得更深。',
  'caution.pih': '容易出现炎症后色素沉着。',
  'caution.warts-moles': '治疗区域内的疣或痣不上色。',
  'caution.scalp-dryness': '头皮严重干燥或皮肤很厚：先加以改善，并计划第 4 次治疗。',
  'sessions.base': '3 次治疗（2-4 次），每次至少间隔 14 天（7-30 天），每次约 4 小时（2-5 小时）。',
  'sessions.alopecia': '脱发症（瘢痕性或斑秃）：增加第 4 次治疗。',
  'touchup.base': '约每 4 年补色一次（各来源为 1-6 年）。',
  'touchup.scarring-alopecia': '瘢痕性脱发褪色更快：约 2 年后补色。',
  'zone.fill': '目标为增加密度或寸头效果：设置填充区域。',
  'zone.hairline': '目标为发际线或寸头效果：设置发际线区域。',
  'goal.unknown': '未记录目标：疤痕设置疤痕区域，已记录的脱发设置填充区域。',
  'zone.fill.default': '未记录目标但有脱发类型：设置填充区域。',
  'scars.unknown': '完全未记录疤痕：假定没有疤痕。',
  'goal.scar-without-scars': '目标是遮盖疤痕，但没有记录任何疤痕。',
  'zone.scar': '每一处已记录的疤痕都是一个疤痕区域。',
  'zone.density.by-session': '密度在各次治疗中逐步达到目标的 30% → 70% → 100%。',
  'zone.depth': '深度：真皮上层，约 0.5-1 毫米，以不出血为准。',
  'zone.density.reference': '目标密度：自然毛囊单位密度，默认 70 FU/cm²（60-100）。',
  'zone.fill.params': '填充：3RL 针，0.25 毫米；愈合后点径约 0.12 毫米。',
  'zone.hairline.params': '发际线：1RL 针，0.20 毫米；点径约 0.10 毫米；0.5-1 厘米的柔和过渡。',
  'zone.scar.params': '疤痕：1RL 针，0.20 毫米，适合在疤痕组织上精细操作；点径约 0.10 毫米。',
  'zone.density.caucasian': '白种人：约 100 FU/cm²（220 根/cm² ÷ 每单位 2.2 根，推算）。',
  'zone.density.hispanic': '拉丁裔：约 88 FU/cm²（175 根/cm² ÷ 每单位 2.0 根，推算）。',
  'zone.density.african': '非洲裔：60 FU/cm²，取范围低端（未找到 FU 数据）。',
  'zone.density.han-chinese': '汉族：约 74 FU/cm²。',
  'zone.density.east-asian': '东亚/东南亚：约 61 FU/cm²。',
  'zone.density.west-asian': '西亚：约 64 FU/cm²。',
  'zone.density.south-asian': '南亚：约 64 FU/cm²。',
  'zone.fill.ludwig': 'Ludwig 型：保留前额发际线，在其后填充。',
  'zone.fill.savin-frontal': 'Savin 前额型：保留发际线，在其后增加密度。',
  'zone.fill.extensive': 'Norwood V-VII：治疗整个头顶；总计约 20 小时。',
  'scar.sessions': '疤痕需要 4 次治疗（3-6 次以上）。',
  'scar.flat.camouflage': '平整的疤痕：最多可遮盖 100%。',
  'outcome.scar.low-retention': '愈合复诊保留色素低于 60% 的疤痕：多一次治疗，色号加深一级。',
  'outcome.studio-retention.low': '本工作室同质地、同肤质疤痕（10 例以上）保留低于 60%：多一次治疗。',
  'outcome.studio-retention.known': '本工作室同质地、同肤质疤痕的数据已有 10 例以上且不低于 60%。',
  'scar.atrophic': '萎缩（凹陷）性疤痕：最多约 50%，先做一次测试治疗，并多加一次治疗。',
  'scar.burn': '烧伤疤痕：面积大，常为植皮区域；5 次治疗（3-6 次以上），3RL 填充，书面约定目标。',
  'scar.burn.prepare': '烧伤疤痕：每次治疗前 5 天内不摄入咖啡因、酒精或阿司匹林。',
  'scar.hypo': '白色（色素减退）的疤痕最适合做 SMP。',
  'scar.hyper': '颜色较深（色素沉着）的疤痕需要调色与过渡方案。',
  'scar.fut': 'FUT 条状疤痕的要点。',
  'scar.fut.stretched': '宽于 2 毫米的条状疤痕属于被拉宽的疤痕。',
  'scar.fut.sparse-surround': '条状疤痕周围头发少于约 100 根/cm²：周围也要增加密度。',
  'scar.fue': 'FUE 点状疤痕的要点。',
  'shade.base': '编号色阶上的 30 号；第 1 次最浅（+10），然后 +5，最后达到目标色号。',
  'shade.hair.black': '黑发：25 号（少加水）。',
  'shade.hair.brown': '棕发：35 号。',
  'shade.hair.light-brown': '浅棕发：40 号。',
  'shade.hair.blonde-red': '金发或红发：45 号（金发客户通常为 40-50 号）。',
  'shade.hair.grey': '灰发或白发：40 号；剃短的灰发看起来是灰色的阴影。',
  'shade.skin.fair': '白皙皮肤（Fitzpatrick I-II 型）：调浅 5 个色号。',
  'shade.skin.dark': '深色皮肤（Fitzpatrick V-VI 型）：颜色变化小，对比度较低。',
  'prep.clip-hair': '每次治疗前 48 小时剃短或推短头发。',
  'prep.day-of-session': '治疗当天：保持清醒；如头皮发炎，请改期。',
  'aftercare.no-wetting': '4 天内（3-5 天）不要沾水。',
  'aftercare.first-wash': '从第 4 天起轻柔清洗。',
  'aftercare.no-sweating': '7 天内（4-10 天）不要出汗或去健身房。',
  'aftercare.no-picking': '不要抠结痂。',
  'aftercare.no-swimming': '28 天内不要游泳、蒸桑拿、进蒸汽房或使用日光浴床。',
  'aftercare.no-sun': '30 天内（14-30 天）避免阳光直射。',
  'aftercare.moisturiser': '从第 6 天（第 4-6 天）起使用保湿霜。',
  'aftercare.first-shave': '第 7 天（第 4-10 天）第一次剃发，用网式或电动剃须刀，不要用剃刀。',
  'aftercare.no-acids': '头皮上不用 AHA（果酸）或甘醇酸产品。',
  'aftercare.sun-protection': '长期防晒：戴帽子或用 SPF 30-60 的防晒霜。',
  'aftercare.blood-donation': '一年内不要献血（各国规定不同）。',
};
