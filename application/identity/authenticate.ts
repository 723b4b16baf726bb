import type { Actor } from '../../domain/authorization/actor.js';
import type { SessionInfo } from '../../domain/identity/session.js';
import type { User } from '../../domain/identity/user.js';
import type { StaffMember } from '../../domain/staff/staff-member.js';
import type { Services } from '../shared/services.js';
import { membershipsFrom } from '../accounts/memberships.js';

export interface AuthenticatedUser {
  readonly kind: 'user';
  readonly user: User;
  readonly session: SessionInfo;
  readonly actor: Actor;
}

export interface AuthenticatedStaff {
  readonly kind: 'staff';
  readonly staff: StaffMember;
  readonly session: SessionInfo;
  readonly actor: Actor;
}

/**
 * Turns a session cookie into the actor the policy reasons about; null for anything not live. Runs on every request,
 * outside a transaction: the session with the person and their memberships in one statement, which the read model may
 * answer from memory only for as long as the database announces no change behind it (a removed contact loses access
 * as soon as the change commits); whether the session is live is decided here each time, against the clock. The
 * session is written only when its idle expiry is a minute behind.
 */
export class Authenticate {
  constructor(private readonly deps: Pick<Services, 'uow'>) {}

  user(token: string): Promise<AuthenticatedUser | null> {
    return this.deps.uow.read(async (scope) => {
      const found = await scope.reads.userSession(scope.sessions.idOf(token));
      if (!found) return null;
      const session = await scope.sessions.check('user', found.session);
      if (!session) return null;
      const { signedIn } = found;
      const actor: Actor = { kind: 'user', userId: signedIn.user.id, memberships: membershipsFrom(signedIn) };
      return { kind: 'user' as const, user: signedIn.user, session, actor };
    });
  }

  staff(token: string): Promise<AuthenticatedStaff | null> {
    return this.deps.uow.read(async (scope) => {
      const found = await scope.reads.staffSession(scope.sessions.idOf(token));
      if (!found?.staff.active) return null;
      const session = await scope.sessions.check('staff', found.session);
      if (!session) return null;
      const { staff } = found;
      return { kind: 'staff' as const, staff, session, actor: { kind: 'staff' as const, staffId: staff.id, roles: staff.roles } };
    });
  }
}
