/**
 * What the database's change notices name (migration ChangeNotices: `portal_change_notice`), and so the tags the read
 * cache keeps values under: a notice drops every value with its tag.
 */
export const changeTag = {
  session: (id: string) => `s ${id}`,
  user: (id: string) => `u ${id}`,
  staff: (id: string) => `m ${id}`,
  help: 'help',
} as const;

/** Not a notice of the database: what a process's own unit of work drops after it changed sessions wholesale. */
export const EVERY_SESSION = '*';
