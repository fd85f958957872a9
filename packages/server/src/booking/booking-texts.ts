// The words of the emails about online bookings, the waitlist and the portal links, in the
// client's language (English or Simplified Chinese); the artist's email in theirs. They say when,
// where and what to do next, and nothing medical: a forwarded email reveals no health details.
import { formatInstant, type DocLocale } from '../documents/format.js';
import type { Text } from '../outbox/message-texts.js';

export interface StudioContact {
  name: string;
  address: string;
  phone: string;
  email: string;
  timeZone: string;
}

export interface When {
  startsAt: Date;
  studio: StudioContact;
}

/** "7 December 2026 at 14:00 (Europe/London)": in the studio's time zone, named. */
export const whenText = (w: When, locale: DocLocale): string =>
  `${formatInstant(w.startsAt, locale, w.studio.timeZone)} (${w.studio.timeZone})`;

/** The studio's name and how to reach it, under every email. */
export function signature(studio: StudioContact): string {
  return [studio.name, studio.address, studio.phone, studio.email].filter(Boolean).join('\n');
}

const hello = (locale: DocLocale, name: string) => (locale === 'zh-CN' ? `${name}您好，` : `Hello ${name},`);

export function bookingLinkText(
  locale: DocLocale,
  p: When & { name: string; typeName: string; link: string; verifyBy: Date },
): Text {
  const when = whenText(p, locale);
  const until = formatInstant(p.verifyBy, locale, p.studio.timeZone);
  if (locale === 'zh-CN')
    return {
      subject: `请确认您在 ${p.studio.name} 的咨询预约`,
      body: `${hello(locale, p.name)}\n\n感谢您预约 ${p.studio.name} 的${p.typeName}，时间为 ${when}。\n\n请在 ${until} 之前打开以下链接，确认是您本人预约（链接只能使用一次）：\n\n${p.link}\n\n打开后，您还可以在到店前在线填写健康问卷，并阅读和签署同意书。\n\n如果不是您本人预约，请忽略此邮件，该时段将被释放。\n\n${signature(p.studio)}`,
    };
  return {
    subject: `Please confirm your consultation at ${p.studio.name}`,
    body: `${hello(locale, p.name)}\n\nThank you for booking a ${p.typeName.toLowerCase()} at ${p.studio.name} on ${when}.\n\nPlease open this link by ${until} to confirm that it was you (it works once):\n\n${p.link}\n\nThere you can also answer the health questions and read and sign the consent before your visit.\n\nIf you did not book this, ignore this email and the time is given back.\n\n${signature(p.studio)}`,
  };
}

export function bookingReceivedText(locale: DocLocale, p: When & { name: string; portalUrl: string }): Text {
  const when = whenText(p, locale);
  if (locale === 'zh-CN')
    return {
      subject: `${p.studio.name} 已收到您的预约申请`,
      body: `${hello(locale, p.name)}\n\n我们已收到您 ${when} 的咨询预约申请。工作室确认后会再发邮件通知您。\n\n您可随时在此查看预约：${p.portalUrl}\n\n${signature(p.studio)}`,
    };
  return {
    subject: `${p.studio.name} has your booking request`,
    body: `${hello(locale, p.name)}\n\nWe have your request for a consultation on ${when}. The studio will email you again once it is confirmed.\n\nYou can see your booking at any time here: ${p.portalUrl}\n\n${signature(p.studio)}`,
  };
}

export function bookingConfirmedText(
  locale: DocLocale,
  p: When & { name: string; portalUrl: string; intakeLink: string | null; cancellationNoticeHours: number },
): Text {
  const when = whenText(p, locale);
  if (locale === 'zh-CN')
    return {
      subject: `您在 ${p.studio.name} 的咨询已确认：${formatInstant(p.startsAt, locale, p.studio.timeZone)}`,
      body: `${hello(locale, p.name)}\n\n您的咨询已确认：${when}，地点：${p.studio.address || p.studio.name}。日历文件已附在邮件中。\n\n${p.intakeLink ? `请在到店前填写健康问卷并签署同意书（链接只能使用一次）：\n${p.intakeLink}\n\n` : ''}需要改期或取消？请至少提前 ${p.cancellationNoticeHours} 小时在此操作：${p.portalUrl}；之后请致电工作室。\n\n${signature(p.studio)}`,
    };
  return {
    subject: `Your consultation at ${p.studio.name} is confirmed: ${formatInstant(p.startsAt, locale, p.studio.timeZone)}`,
    body: `${hello(locale, p.name)}\n\nYour consultation is confirmed for ${when} at ${p.studio.address || p.studio.name}. The calendar file is attached.\n\n${p.intakeLink ? `Before your visit, please answer the health questions and sign the consent (the link works once):\n${p.intakeLink}\n\n` : ''}Need to move or cancel? Do it here up to ${p.cancellationNoticeHours} hours before: ${p.portalUrl}; after that, please call the studio.\n\n${signature(p.studio)}`,
  };
}

export function bookingDeclinedText(
  locale: DocLocale,
  p: When & { name: string; reason: string; bookingUrl: string },
): Text {
  const when = whenText(p, locale);
  if (locale === 'zh-CN')
    return {
      subject: `${p.studio.name} 无法接受您 ${formatInstant(p.startsAt, locale, p.studio.timeZone)} 的预约`,
      body: `${hello(locale, p.name)}\n\n很抱歉，工作室无法接受您 ${when} 的咨询预约。\n原因：${p.reason}\n\n您可以在此另选时间：${p.bookingUrl}\n\n${signature(p.studio)}`,
    };
  return {
    subject: `${p.studio.name} cannot take your booking on ${formatInstant(p.startsAt, locale, p.studio.timeZone)}`,
    body: `${hello(locale, p.name)}\n\nWe are sorry: the studio cannot take your consultation on ${when}.\nReason: ${p.reason}\n\nYou can choose another time here: ${p.bookingUrl}\n\n${signature(p.studio)}`,
  };
}

export function bookingCancelledText(
  locale: DocLocale,
  p: When & { name: string; bookingUrl: string },
): Text {
  const when = whenText(p, locale);
  if (locale === 'zh-CN')
    return {
      subject: `您在 ${p.studio.name} 的预约已取消`,
      body: `${hello(locale, p.name)}\n\n您 ${when} 的预约已取消。如需另约时间：${p.bookingUrl}\n\n${signature(p.studio)}`,
    };
  return {
    subject: `Your appointment at ${p.studio.name} is cancelled`,
    body: `${hello(locale, p.name)}\n\nYour appointment on ${when} is cancelled. To book another time: ${p.bookingUrl}\n\n${signature(p.studio)}`,
  };
}

export function bookingMovedText(locale: DocLocale, p: When & { name: string; portalUrl: string }): Text {
  const when = whenText(p, locale);
  if (locale === 'zh-CN')
    return {
      subject: `您在 ${p.studio.name} 的预约已改到 ${formatInstant(p.startsAt, locale, p.studio.timeZone)}`,
      body: `${hello(locale, p.name)}\n\n您的预约已改到 ${when}。新的日历文件已附在邮件中。\n\n查看预约：${p.portalUrl}\n\n${signature(p.studio)}`,
    };
  return {
    subject: `Your appointment at ${p.studio.name} is now on ${formatInstant(p.startsAt, locale, p.studio.timeZone)}`,
    body: `${hello(locale, p.name)}\n\nYour appointment is now on ${when}. The new calendar file is attached.\n\nSee your booking: ${p.portalUrl}\n\n${signature(p.studio)}`,
  };
}

/** To the artist: a new online booking (no health details: those are in Stipple). */
export function bookingRequestStaffText(
  locale: DocLocale,
  p: When & {
    artistName: string;
    clientName: string;
    typeName: string;
    needsConfirmation: boolean;
    url: string;
  },
): Text {
  const when = whenText(p, locale);
  if (locale === 'zh-CN')
    return {
      subject: `${p.needsConfirmation ? '待确认的' : '新的'}在线预约：${formatInstant(p.startsAt, locale, p.studio.timeZone)}`,
      body: `${p.artistName}您好，\n\n${p.clientName} 在网上预约了${p.typeName}：${when}。\n${p.needsConfirmation ? '请在 Stipple 中查看并确认：' : '该预约已自动确认，可在 Stipple 中查看：'}\n${p.url}\n\n日历文件已附在邮件中。`,
    };
  return {
    subject: `${p.needsConfirmation ? 'Booking to confirm' : 'New booking'}: ${formatInstant(p.startsAt, locale, p.studio.timeZone)}`,
    body: `Hello ${p.artistName},\n\n${p.clientName} booked a ${p.typeName.toLowerCase()} online for ${when}.\n${p.needsConfirmation ? 'Review and confirm it in Stipple:' : 'It is confirmed; see it in Stipple:'}\n${p.url}\n\nThe calendar file is attached.`,
  };
}

export function portalLinkText(
  locale: DocLocale,
  p: { name: string; studio: StudioContact; link: string; minutes: number },
): Text {
  if (locale === 'zh-CN')
    return {
      subject: `登录您在 ${p.studio.name} 的客户中心`,
      body: `${hello(locale, p.name)}\n\n请在 ${p.minutes} 分钟内打开以下链接登录客户中心（链接只能使用一次）：\n\n${p.link}\n\n如果不是您本人申请，请忽略此邮件。\n\n${signature(p.studio)}`,
    };
  return {
    subject: `Sign in to your page at ${p.studio.name}`,
    body: `${hello(locale, p.name)}\n\nOpen this link within ${p.minutes} minutes to sign in to your page (it works once):\n\n${p.link}\n\nIf you did not ask for it, ignore this email.\n\n${signature(p.studio)}`,
  };
}

export function intakeLinkText(locale: DocLocale, p: When & { name: string; link: string }): Text {
  const when = whenText(p, locale);
  if (locale === 'zh-CN')
    return {
      subject: `到店前：请填写 ${p.studio.name} 的健康问卷`,
      body: `${hello(locale, p.name)}\n\n为了您 ${when} 的咨询，请在到店前填写健康问卷，并阅读和签署同意书（链接只能使用一次，在预约开始前有效）：\n\n${p.link}\n\n纹绣师会在咨询前查看您的回答。\n\n${signature(p.studio)}`,
    };
  return {
    subject: `Before your visit: health questions from ${p.studio.name}`,
    body: `${hello(locale, p.name)}\n\nFor your consultation on ${when}, please answer the health questions and read and sign the consent before you come (the link works once, until the appointment):\n\n${p.link}\n\nThe artist reads your answers before the consultation.\n\n${signature(p.studio)}`,
  };
}

export function waitlistLinkText(
  locale: DocLocale,
  p: { name: string; studio: StudioContact; link: string; fromDay: string; untilDay: string },
): Text {
  if (locale === 'zh-CN')
    return {
      subject: `请确认加入 ${p.studio.name} 的候补名单`,
      body: `${hello(locale, p.name)}\n\n请打开以下链接，确认加入 ${p.fromDay} 至 ${p.untilDay} 的咨询候补名单（链接只能使用一次）：\n\n${p.link}\n\n有时段空出时，我们会发邮件通知您。\n\n${signature(p.studio)}`,
    };
  return {
    subject: `Please confirm the waitlist at ${p.studio.name}`,
    body: `${hello(locale, p.name)}\n\nOpen this link to confirm that you want to wait for a consultation between ${p.fromDay} and ${p.untilDay} (it works once):\n\n${p.link}\n\nWe email you when a time becomes free.\n\n${signature(p.studio)}`,
  };
}

export function waitlistOfferText(locale: DocLocale, p: When & { name: string; bookingUrl: string }): Text {
  const when = whenText(p, locale);
  if (locale === 'zh-CN')
    return {
      subject: `${p.studio.name} 有咨询时段空出：${formatInstant(p.startsAt, locale, p.studio.timeZone)}`,
      body: `${hello(locale, p.name)}\n\n${when} 的咨询时段刚刚空出。先到先得，如需预约请在此选择：\n${p.bookingUrl}\n\n${signature(p.studio)}`,
    };
  return {
    subject: `A consultation time is free at ${p.studio.name}: ${formatInstant(p.startsAt, locale, p.studio.timeZone)}`,
    body: `${hello(locale, p.name)}\n\nA consultation on ${when} has just become free. It goes to whoever books it first: ${p.bookingUrl}\n\n${signature(p.studio)}`,
  };
}
