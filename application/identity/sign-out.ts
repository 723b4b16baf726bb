import type { SessionSubject } from '../../domain/identity/session.js';
import { audit } from '../shared/audit.js';
import type { RequestMeta } from '../shared/request-meta.js';
import type { Services } from '../shared/services.js';

export class SignOut {
  constructor(private readonly deps: Pick<Services, 'uow' | 'clock' | 'ids'>) {}

  async execute(subject: SessionSubject, token: string, meta: RequestMeta): Promise<void> {
    await this.deps.uow.run(async (scope) => {
      const session = await scope.sessions.validate(subject, token);
      await scope.sessions.invalidate(subject, token);
      if (session) {
        await audit(scope, this.deps, meta, {
          action: subject === 'staff' ? 'staff.signed_out' : 'auth.signed_out',
          actorKind: subject,
          actorId: session.subjectId,
        });
      }
    });
  }
}
