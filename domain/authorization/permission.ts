/** What an account owner can grant to a contact. The owner holds all of them. */
export const PERMISSIONS = [
  'profile',
  'contacts',
  'services',
  'services.manage',
  'credentials',
  'domains',
  'domains.manage',
  'orders',
  'quotes',
  'invoices',
  'tickets',
  'emails',
] as const;
export type Permission = (typeof PERMISSIONS)[number];
