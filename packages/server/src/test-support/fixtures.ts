// Named fixtures: studios with an owner, an artist and a front-desk member, written straight
// into the database as the system (the way an installation would be set up).
import { randomBytes } from 'node:crypto';
import type { ClientFields } from '../clients/client.repository.js';
import { clientRepository } from '../clients/client.repository.js';
import type { Database } from '../db/database.js';
import { hashPassword } from '../auth/password.js';
import { staffRepository } from '../staff/staff.repository.js';
import { studioRepository } from '../studio/studio.repository.js';

/** Strong enough for the policy; shared by every fixture account. */
export const TEST_PASSWORD = 'violet kettle marches under seven lanterns';
let passwordHash: Promise<string> | undefined;

export interface FixtureMember {
  id: string;
  email: string;
  name: string;
}

export interface FixtureStudio {
  id: string;
  name: string;
  owner: FixtureMember;
  artist: FixtureMember;
  desk: FixtureMember;
}

export async function createStudioFixture(db: Database, name: string): Promise<FixtureStudio> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const hash = await passwordHash;
  const tag = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${randomBytes(3).toString('hex')}`;
  return db.asSystem(async (tx) => {
    const studio = await studioRepository.create(tx, name);
    const member = async (role: 'owner' | 'artist' | 'front_desk', who: string): Promise<FixtureMember> => {
      const row = await staffRepository.create(tx, {
        studioId: studio.id,
        email: `${role.replace('_', '-')}@${tag}.example`,
        name: `${who} of ${name}`,
        role,
        passwordHash: hash,
      });
      return { id: row.id, email: row.email, name: row.name };
    };
    return {
      id: studio.id,
      name,
      owner: await member('owner', 'Owner'),
      artist: await member('artist', 'Artist'),
      desk: await member('front_desk', 'Desk'),
    };
  });
}

export function clientFields(overrides: Partial<ClientFields> = {}): ClientFields {
  return {
    givenName: 'Ana',
    familyName: 'Silva',
    dateOfBirth: null,
    email: null,
    phone: null,
    preferredLanguage: 'en',
    notes: '',
    ...overrides,
  };
}

export async function createClientFixture(
  db: Database,
  studioId: string,
  overrides: Partial<ClientFields> = {},
): Promise<string> {
  const row = await db.withStudio(studioId, (tx) =>
    clientRepository.create(tx, studioId, clientFields(overrides), null),
  );
  return row.id;
}
