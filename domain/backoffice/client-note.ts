import { fail, InvalidInput, ok, type Result } from '../shared/result.js';

/** An internal note of staff about a client: never shown to the client, kept with who wrote it and when. */
export class ClientNote {
  id!: string;
  accountId!: string;
  staffId!: string;
  staffName!: string;
  body!: string;
  createdAt!: Date;

  static write(input: { id: string; accountId: string; staffId: string; staffName: string; body: string; now: Date }): Result<ClientNote, InvalidInput> {
    const body = input.body.trim();
    if (body.length < 2 || body.length > 4000) return fail(new InvalidInput('note.body', 'body'));
    const note = new ClientNote();
    note.id = input.id;
    note.accountId = input.accountId;
    note.staffId = input.staffId;
    note.staffName = input.staffName;
    note.body = body;
    note.createdAt = input.now;
    return ok(note);
  }
}
