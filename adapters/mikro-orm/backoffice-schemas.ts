import { EntitySchema } from '@mikro-orm/core';
import { ClientNote } from '../../domain/backoffice/client-note.js';

export const ClientNoteSchema = new EntitySchema<ClientNote>({
  class: ClientNote,
  tableName: 'client_notes',
  properties: {
    id: { type: 'uuid', primary: true },
    accountId: { type: 'uuid' },
    staffId: { type: 'uuid' },
    staffName: { type: 'string', columnType: 'text' },
    body: { type: 'string', columnType: 'text' },
    createdAt: { type: 'datetime', columnType: 'timestamptz' },
  },
});

export const BACKOFFICE_SCHEMAS = [ClientNoteSchema];
