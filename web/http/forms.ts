import { z } from 'zod';
import type { Upload } from '../../application/support/tickets.js';
import { notFound } from './params.js';
import { validated } from './validate.js';

/** A text field of at most `max` characters; missing is empty (the use case says what is wrong). */
export const text = (max: number) => z.string().max(max).default('');

/** A file field of a multipart form; an empty file input arrives as an empty string. */
export const fileField = z.union([z.instanceof(File), z.string().max(0)]).optional();

/** The uploaded file, or null when none was chosen. */
export async function uploadOf(value: unknown): Promise<Upload | null> {
  return value instanceof File && value.size > 0 ? { name: value.name, content: new Uint8Array(await value.arrayBuffer()) } : null;
}

/** A message in a ticket, from the client or from staff. */
export const replyForm = z.object({ body: text(20_000), attachment: fileField, close: z.string().max(5).optional() });

export const ticketFileParam = validated('param', z.object({ accountId: z.uuid().optional(), ticketId: z.uuid(), fileId: z.uuid() }), notFound);
