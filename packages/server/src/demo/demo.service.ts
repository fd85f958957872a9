// The demo studio created on a first start (STIPPLE_DEMO_DATA=true, no studio yet): an owner, an
// artist, a front-desk account and three clients whose names exercise accents and Chinese, with
// consent and aftercare templates, inventory, working hours and a few appointments.
import { randomInt } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_BOOKING_POLICY, type StaffRole } from '@stipple/core';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { hashPassword } from '../auth/password.js';
import { clientRepository, type ClientFields } from '../clients/client.repository.js';
import { staffRepository } from '../staff/staff.repository.js';
import { studioRepository, type StudioFields } from '../studio/studio.repository.js';
import { seedDemoRecords } from './demo-records.js';

export const DEMO_STUDIO_NAME = 'Demo Studio';
export const DEMO_SIGN_IN_FILE = 'demo-sign-in.txt';

/** The demo studio's page and policy (/s/demo-studio); the phone is an Ofcom drama number. */
export const DEMO_STUDIO_PROFILE = {
  slug: 'demo-studio',
  address: 'Unit 2, 14 Example Street, Leeds LS1 4AB, United Kingdom',
  phone: '+44 113 496 0000',
  email: 'hello@demo-studio.example',
  timeZone: 'Europe/London',
  languages: ['en', 'zh-CN'],
  currency: 'GBP',
  consultationMinutes: 45,
  consultationTypes: [
    { key: 'consultation', name: { en: 'Consultation', 'zh-CN': '咨询' }, minutes: 45 },
    { key: 'scar-consultation', name: { en: 'Scar consultation', 'zh-CN': '疤痕咨询' }, minutes: 60 },
  ],
  intro: {
    en: 'We look at your scalp together, talk about what you would like, take a few photos and show you a preview on your own photo. You leave with a written plan and a price; nothing is decided on the day.',
    'zh-CN':
      '我们会一起查看您的头皮，了解您的期望，拍几张照片，并在您自己的照片上展示预览效果。您会带走一份书面方案和报价；当天无需做任何决定。',
  },
  policy: {
    ...DEFAULT_BOOKING_POLICY,
    depositRequired: true,
    depositAmountMinor: 2000,
    depositRule: {
      en: 'A £20 deposit secures your consultation and counts towards your first session. It is refunded if you cancel at least 48 hours before; a no-show keeps it.',
      'zh-CN':
        '预约咨询需支付 20 英镑定金，可抵扣首次治疗费用。提前至少 48 小时取消可退还；未到场则不予退还。',
    },
  },
} satisfies Partial<StudioFields>;

export interface DemoAccount {
  role: StaffRole;
  name: string;
  email: string;
  password: string;
}

export type DemoOutcome =
  | {
      created: true;
      studioId: string;
      accounts: DemoAccount[];
      file: string;
      /** The artist, and the client whose photo the demo preview is drawn on. */
      artistId: string;
      previewClientId: string;
    }
  | { created: false; file: string | null };

const DEMO_STAFF: Omit<DemoAccount, 'password'>[] = [
  { role: 'owner', name: 'Alex Morgan', email: 'owner@demo-studio.example' },
  { role: 'artist', name: 'Jordan Lee', email: 'artist@demo-studio.example' },
  { role: 'front_desk', name: 'Casey Taylor', email: 'desk@demo-studio.example' },
];

export const DEMO_CLIENTS: ClientFields[] = [
  {
    givenName: 'José',
    familyName: 'Núñez',
    dateOfBirth: '1984-03-12',
    email: 'jose.nunez@example.com',
    phone: '+34 612 345 678',
    preferredLanguage: 'es',
    notes: 'FUE donor area, about 40 dot scars. Wants them blended before summer.',
  },
  {
    givenName: '芳',
    familyName: '王',
    dateOfBirth: '1990-08-25',
    email: 'wang.fang@example.com',
    phone: '+86 138 0013 8000',
    preferredLanguage: 'zh-CN',
    notes: 'Diffuse thinning on the crown; density fill discussed.',
  },
  {
    givenName: 'Oliver',
    familyName: 'Bennett',
    dateOfBirth: '1977-11-02',
    email: 'oliver.bennett@example.com',
    phone: '+44 20 7946 0018',
    preferredLanguage: 'en',
    notes: 'Norwood 5. Full shaved look with a soft, age-appropriate hairline.',
  },
];

const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
/** Four groups of four unambiguous characters: about 79 bits, easy to type on a tablet. */
export function generateDemoPassword(): string {
  const group = () => Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return [group(), group(), group(), group()].join('-');
}

export class DemoService {
  constructor(private readonly deps: { db: Database; config: Pick<Config, 'dataDir' | 'demoPassword'> }) {}

  get signInFile(): string {
    return join(this.deps.config.dataDir, DEMO_SIGN_IN_FILE);
  }

  /** Whether the installation has any studio (with demo data off, a fresh one has none). */
  async anyStudio(): Promise<boolean> {
    // System: counts across studios.
    return (await this.deps.db.asSystem((tx) => studioRepository.count(tx))) > 0;
  }

  /** Creates the demo studio when the installation has no studio at all. Call under the startup lock. */
  async ensureDemoStudio(): Promise<DemoOutcome> {
    const { db, config } = this.deps;
    // System: on an empty installation there is no studio to act within yet.
    const studios = await db.asSystem((tx) => studioRepository.count(tx));
    if (studios > 0) return { created: false, file: existsSync(this.signInFile) ? this.signInFile : null };

    const accounts = DEMO_STAFF.map((s) => ({
      ...s,
      password: config.demoPassword ?? generateDemoPassword(),
    }));
    const hashes = await Promise.all(accounts.map((a) => hashPassword(a.password)));
    // System, in one transaction: the studio and everything in it appear together or not at all.
    const { studioId, artistId, previewClientId } = await db.asSystem(async (tx) => {
      const studio = await studioRepository.create(tx, DEMO_STUDIO_NAME, DEMO_STUDIO_PROFILE);
      let ownerId: string | null = null;
      let artistId: string | null = null;
      for (const [i, account] of accounts.entries()) {
        const user = await staffRepository.create(tx, {
          studioId: studio.id,
          email: account.email,
          name: account.name,
          role: account.role,
          passwordHash: hashes[i]!,
        });
        if (account.role === 'owner') ownerId = user.id;
        if (account.role === 'artist') artistId = user.id;
      }
      const clients = [];
      for (const fields of DEMO_CLIENTS)
        clients.push(await clientRepository.create(tx, studio.id, fields, ownerId));
      await seedDemoRecords(tx, {
        studioId: studio.id,
        studioName: studio.name,
        timeZone: studio.timeZone,
        ownerId: ownerId!,
        artistId: artistId!,
        clients,
      });
      // Oliver (Norwood 5, full shaved look): the crown photo suits him.
      return { studioId: studio.id, artistId: artistId!, previewClientId: clients.at(-1)!.id };
    });
    this.writeSignInFile(accounts);
    return { created: true, studioId, accounts, file: this.signInFile, artistId, previewClientId };
  }

  private writeSignInFile(accounts: DemoAccount[]): void {
    mkdirSync(this.deps.config.dataDir, { recursive: true });
    const lines = [
      `Stipple demo sign-in, created ${new Date().toISOString()}`,
      ...accounts.map((a) => `${a.email} / ${a.password}   (${a.role.replace('_', ' ')})`),
      '',
    ];
    writeFileSync(this.signInFile, lines.join('\n'), { mode: 0o600 });
    chmodSync(this.signInFile, 0o600);
  }
}

/** The lines printed at start, in the shape the README and the browser tests read. */
export function demoAnnouncement(outcome: DemoOutcome): string[] {
  if (outcome.created)
    return outcome.accounts.map((a) => `[stipple] Demo sign-in: ${a.email} / ${a.password}`);
  return outcome.file ? [`[stipple] Demo sign-in: see ${outcome.file}`] : [];
}
