// The words of the emails, in the client's language (English or Simplified Chinese). They say
// only what the client needs: when to come, or what to do for their skin. No diagnosis, no
// treatment details, no session numbers; a calendar invitation or a forwarded email reveals
// nothing medical.
import { formatDay, formatInstant, type DocLocale } from '../documents/format.js';

export interface Text {
  subject: string;
  body: string;
}

export function appointmentReminderText(
  locale: DocLocale,
  p: { givenName: string; studioName: string; startsAt: Date; timeZone: string },
): Text {
  const when = formatInstant(p.startsAt, locale, p.timeZone);
  if (locale === 'zh-CN')
    return {
      subject: `预约提醒：${p.studioName} ${when}`,
      body: `${p.givenName}您好，\n\n提醒您在 ${when} 于 ${p.studioName} 有一个预约。\n如需改期，请联系工作室。\n\n${p.studioName}`,
    };
  return {
    subject: `Reminder: your appointment at ${p.studioName} on ${when}`,
    body: `Hello ${p.givenName},\n\nThis is a reminder of your appointment at ${p.studioName} on ${when}.\nIf you need to change it, please contact the studio.\n\n${p.studioName}`,
  };
}

export function aftercareText(
  locale: DocLocale,
  p: { givenName: string; studioName: string; fromDate: string; title: string; instructions: string },
): Text {
  const day = formatDay(p.fromDate, locale);
  if (locale === 'zh-CN')
    return {
      subject: `护理提示：${p.title}`,
      body: `${p.givenName}您好，\n\n从 ${day} 起：${p.title}\n${p.instructions}\n\n如有疑问，请联系 ${p.studioName}。`,
    };
  return {
    subject: `Aftercare: ${p.title}`,
    body: `Hello ${p.givenName},\n\nFrom ${day}: ${p.title}\n${p.instructions}\n\nQuestions? Contact ${p.studioName}.`,
  };
}

export function touchUpRecallText(
  locale: DocLocale,
  p: { givenName: string; studioName: string; years: number },
): Text {
  if (locale === 'zh-CN')
    return {
      subject: `${p.studioName}：补色时间到了吗？`,
      body: `${p.givenName}您好，\n\n距离您上次在我们这里的护理已约 ${p.years} 年。色素会随时间自然变淡；如需补色，请联系我们预约。\n\n这是一条与您的护理有关的服务通知，不是广告。\n\n${p.studioName}`,
    };
  return {
    subject: `Time for a touch-up at ${p.studioName}?`,
    body: `Hello ${p.givenName},\n\nIt has been about ${p.years} years since your last treatment with us. Pigment fades naturally over time; if you would like a touch-up, contact us to book one.\n\nThis is a service message about your treatment, not advertising.\n\n${p.studioName}`,
  };
}

export function passwordResetText(
  locale: DocLocale,
  p: { name: string; studioName: string; link: string; minutes: number },
): Text {
  if (locale === 'zh-CN')
    return {
      subject: `${p.studioName}：重置您的 Stipple 密码`,
      body: `${p.name}您好，\n\n有人（希望是您本人）申请重置您在 ${p.studioName} 的 Stipple 密码。请在 ${p.minutes} 分钟内打开以下链接设置新密码（链接只能使用一次）：\n\n${p.link}\n\n如果不是您本人申请，请忽略此邮件，您的密码不会改变。\n\n${p.studioName}`,
    };
  return {
    subject: `Reset your Stipple password at ${p.studioName}`,
    body: `Hello ${p.name},\n\nSomeone (we hope you) asked to reset your Stipple password at ${p.studioName}. Open this link within ${p.minutes} minutes to choose a new one (it works once):\n\n${p.link}\n\nIf you did not ask for this, ignore this email: your password stays as it is.\n\n${p.studioName}`,
  };
}
