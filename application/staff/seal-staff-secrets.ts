import { isPlainTotpSecret, sealTotpSecret } from '../identity/totp-secret.js';
import type { Services } from '../shared/services.js';

/**
 * Staff TOTP secrets stored in clear by an earlier version are sealed, like every secret at rest. Run at start,
 * before the portal serves anybody; a no-op once done.
 */
export class SealStaffSecrets {
  constructor(private readonly deps: Pick<Services, 'uow' | 'secrets'>) {}

  async execute(): Promise<number> {
    return this.deps.uow.run(async (scope) => {
      let sealed = 0;
      for (const member of await scope.staff.listAll()) {
        if (!isPlainTotpSecret(member.totpSealed)) continue;
        member.totpSealed = sealTotpSecret(this.deps.secrets, member.totpSealed);
        await scope.staff.save(member);
        sealed += 1;
      }
      return sealed;
    });
  }
}
