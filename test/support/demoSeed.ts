import type { Db } from '../../api/db/connect';
import { installStarterPolicies } from '../../api/policies/starterInstall';
import { createPolicyRuntime } from '../../api/policies/policyRuntime';
import { seedDemoCommunity } from '../../api/seed/seedDemo';
import { resetDemoStaff, type DemoCredential } from '../../api/seed/demoStaff';

/** The demo community as `npm start` builds it (without the classifier): staff, starter policies, the judged seed. */
export async function seedDemo(db: Db, now: Date): Promise<DemoCredential[]> {
  const credentials = await resetDemoStaff(db, now);
  await installStarterPolicies(db, now);
  await seedDemoCommunity(db, { now, engine: { runtime: createPolicyRuntime() } });
  return credentials;
}
