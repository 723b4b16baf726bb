/** Texts of the JSON API and of integrations (webhooks, staff API tokens). */
export const hr = {
  'failure.cursor.invalid': 'Pokazivač stranice (after) nije onaj koji je popis dao. Krenite od prve stranice.',
  'failure.idempotency.key': 'Idempotency-Key: do 200 znakova (slova, znamenke i . _ : -).',
  'failure.idempotency.key_reused': 'Taj je Idempotency-Key već upotrijebljen za drukčiji zahtjev.',
  'failure.webhook.url': 'Adresa mora biti https:// (http samo na lokalnom računalu) i ne smije voditi na privatnu mrežu.',
  'failure.webhook.events': 'Odaberite barem jedan događaj s popisa.',
  'failure.webhook.name': 'Naziv ima od 2 do 80 znakova.',
  'failure.webhook.too_many': 'Najviše 10 adresa za dojave po korisničkom računu.',
  'failure.webhook.not_replayable': 'Ta je dojava već isporučena.',
  'failure.staff_token.name': 'Naziv ima od 2 do 80 znakova.',
  'failure.staff_token.roles': 'Odaberite barem jednu ulogu (podrška, naplata, provjera, urednik).',
  'failure.order.not_found': 'Narudžba ne postoji.',
} as const;

export const en: Record<keyof typeof hr, string> = {
  'failure.cursor.invalid': 'The page cursor (after) is not one a list gave out. Start from the first page.',
  'failure.idempotency.key': 'Idempotency-Key: up to 200 characters (letters, digits and . _ : -).',
  'failure.idempotency.key_reused': 'That Idempotency-Key was already used for a different request.',
  'failure.webhook.url': 'The address must be https:// (http only on this computer) and must not lead into a private network.',
  'failure.webhook.events': 'Choose at least one event from the list.',
  'failure.webhook.name': 'The name has 2 to 80 characters.',
  'failure.webhook.too_many': 'At most 10 webhook addresses per account.',
  'failure.webhook.not_replayable': 'That delivery has already been made.',
  'failure.staff_token.name': 'The name has 2 to 80 characters.',
  'failure.staff_token.roles': 'Choose at least one role (support, billing, verifier, editor).',
  'failure.order.not_found': 'The order does not exist.',
};
