import { randomUUID } from 'node:crypto';
import type { Ids } from '../../application/ports/ids.js';

export class CryptoIds implements Ids {
  newId(): string {
    return randomUUID();
  }
}
