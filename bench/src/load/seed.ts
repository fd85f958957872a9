// The studio the load runs against, made through the API as staff would make it: clients with
// contact details, a week of appointments, photos with their renditions, and one calibrated photo
// whose zones are saved during the load (each save queues a full render job).
import sharp from 'sharp';
import type { StudioUser } from './http-client.js';

const GIVEN = ['Ana', 'Ben', 'Chen', 'Dara', 'Eli', 'Farah', 'Gus', 'Hana', 'Ivo', 'Jun', 'Kofi', 'Lena'];
const FAMILY = ['Silva', 'Nowak', 'Okafor', 'Wang', 'Müller', 'Haddad', 'Kim', 'Rossi', 'Dubois', 'Singh'];

export interface Seeded {
  clientIds: string[];
  photoClientIds: string[];
  photoIds: string[];
  searchTerms: string[];
  renderPhotoId: string;
  zonesVersion: number;
  zones(i: number): unknown;
}

async function inBatches<T>(items: T[], size: number, fn: (item: T, i: number) => Promise<void>) {
  for (let i = 0; i < items.length; i += size)
    await Promise.all(items.slice(i, i + size).map((item, j) => fn(item, i + j)));
}

function expectStatus(what: string, status: number, ok: number[]) {
  if (!ok.includes(status)) throw new Error(`seeding: ${what} answered ${status}`);
}

export async function seedStudio(
  owner: StudioUser,
  opts: { clients: number; photo: Buffer },
): Promise<Seeded> {
  const clientIds: string[] = [];
  await inBatches([...Array(opts.clients).keys()], 8, async (i) => {
    const res = await owner.send('POST', '/api/clients', {
      json: {
        givenName: `${GIVEN[i % GIVEN.length]}${i}`,
        familyName: FAMILY[i % FAMILY.length],
        email: `client-${i}@load.example`,
        phone: `+44 7700 ${String(900000 + i)}`,
        preferredLanguage: i % 5 === 0 ? 'zh-CN' : 'en',
      },
    });
    expectStatus('a new client', res.status, [201]);
    clientIds.push((res.body as { id: string }).id);
  });

  const staff = (await owner.send('GET', '/api/staff')).body as { items: { id: string; role: string }[] };
  const artists = staff.items.filter((s) => s.role !== 'front_desk').map((s) => s.id);
  // A week of consultations: hourly slots per artist; slots the working hours refuse are skipped.
  let booked = 0;
  const slots: { artistId: string; startsAt: string }[] = [];
  for (let day = 1; day <= 7; day++)
    for (let hour = 8; hour <= 17; hour++)
      for (const artistId of artists) {
        const at = new Date();
        at.setUTCDate(at.getUTCDate() + day);
        at.setUTCHours(hour, 0, 0, 0);
        slots.push({ artistId, startsAt: at.toISOString() });
      }
  await inBatches(slots, 4, async (slot, i) => {
    const res = await owner.send('POST', '/api/appointments', {
      json: {
        clientId: clientIds[i % clientIds.length],
        artistId: slot.artistId,
        kind: 'consultation',
        startsAt: slot.startsAt,
        durationMinutes: 45,
      },
    });
    if (res.status === 201) booked++;
  });
  console.log(`  seeded ${clientIds.length} clients, ${booked} appointments`);

  const photoClientIds = clientIds.slice(0, 8);
  const photoIds: string[] = [];
  for (const clientId of photoClientIds) {
    const res = await owner.send('POST', `/api/clients/${clientId}/photos?view=top&takenOn=2026-11-02`, {
      raw: opts.photo,
      contentType: 'image/jpeg',
    });
    expectStatus('a photo upload', res.status, [201]);
    photoIds.push((res.body as { id: string }).id);
  }
  const small = await sharp(opts.photo).resize(1008).jpeg({ quality: 88 }).toBuffer();
  const up = await owner.send('POST', `/api/clients/${clientIds[0]}/photos?view=back&takenOn=2026-11-02`, {
    raw: small,
    contentType: 'image/jpeg',
  });
  expectStatus('the render photo', up.status, [201]);
  const renderPhotoId = (up.body as { id: string }).id;
  const cal = await owner.send('PATCH', `/api/photos/${renderPhotoId}`, {
    json: { calibration: { pxPerMm: 5 } },
  });
  expectStatus('a calibration', cal.status, [200]);
  // Renditions first, so the load reads the photos as a studio would later in the day.
  for (let i = 0; i < 120; i++) {
    const pending = await Promise.all(
      photoClientIds.map(async (id) => {
        const list = (await owner.send('GET', `/api/clients/${id}/photos`)).body as {
          items: { derivatives: string }[];
        };
        return list.items.some((p) => p.derivatives === 'pending');
      }),
    );
    if (!pending.includes(true)) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  return {
    clientIds,
    photoClientIds,
    photoIds,
    searchTerms: [...GIVEN.map((g) => g.slice(0, 3)), ...FAMILY.map((f) => f.slice(0, 4))],
    renderPhotoId,
    zonesVersion: 0,
    zones: (i) => ({
      calibration: { pxPerMm: 5 },
      seed: i + 1,
      sessions: 2,
      zones: [
        {
          id: 'crown',
          kind: 'fill',
          polygon: [
            [250, 200],
            [750, 200],
            [750, 560],
            [250, 560],
          ],
          densityPerCm2: 40,
          shade: 32,
        },
      ],
    }),
  };
}
