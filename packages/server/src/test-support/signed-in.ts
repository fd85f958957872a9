// Where most API tests start: a studio with its owner, artist and front desk each signed in on an
// API client of their own, instead of the sign-in lines every test file used to repeat.
import { createStudioFixture, TEST_PASSWORD, type FixtureStudio } from './fixtures.js';
import type { ApiClient, TestServer } from './test-server.js';

/** A new API client of `ts`, signed in as `email` (a fixture member: the fixtures' password). */
export async function signedInAs(ts: TestServer, email: string): Promise<ApiClient> {
  const client = ts.client();
  await client.login(email, TEST_PASSWORD);
  return client;
}

export interface SignedInStudio {
  studio: FixtureStudio;
  owner: ApiClient;
  artist: ApiClient;
  desk: ApiClient;
}

/** A new studio named `name` with its three roles signed in. */
export async function signedInStudio(ts: TestServer, name: string): Promise<SignedInStudio> {
  const studio = await createStudioFixture(ts.server.db, name);
  const [owner, artist, desk] = await Promise.all(
    [studio.owner, studio.artist, studio.desk].map((m) => signedInAs(ts, m.email)),
  );
  return { studio, owner: owner!, artist: artist!, desk: desk! };
}
