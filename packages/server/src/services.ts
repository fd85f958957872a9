// Wires the services together; routes and jobs receive them from here.
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import { AuditService } from './audit/audit.service.js';
import { AuthService } from './auth/auth.service.js';
import { ClientService } from './clients/client.service.js';
import { DemoService } from './demo/demo.service.js';
import { StaffService } from './staff/staff.service.js';

export interface Services {
  auth: AuthService;
  staff: StaffService;
  clients: ClientService;
  audit: AuditService;
  demo: DemoService;
}

export function createServices(deps: { db: Database; config: Config; log: FastifyBaseLogger }): Services {
  const { db, config, log } = deps;
  const auth = new AuthService({ db, config, log: log.child({ component: 'auth' }) });
  return {
    auth,
    staff: new StaffService({ db, config, auth }),
    clients: new ClientService({ db }),
    audit: new AuditService({ db }),
    demo: new DemoService({ db, config }),
  };
}
