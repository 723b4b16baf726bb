import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { NewContactInput } from '../../application/contacts/manage-contacts.js';
import type { DomainFailure } from '../../domain/shared/result.js';
import { writeCookie, readCookie } from '../http/cookies.js';
import type { AppEnv } from '../http/env.js';
import { FAILURE_STATUS } from '../http/failures.js';
import { failurePage, formErrors, html, pageOf } from '../http/render.js';
import { noStore } from '../http/security.js';
import { validated } from '../http/validate.js';
import { accountParam, listPaging, listQuery, notFound } from '../http/params.js';
import { ContactPage, ContactsPage, NewContactPage, type ContactFormValues } from '../views/contact-pages.js';
import { InvitationPage } from '../views/security-pages.js';
import type { UseCases } from '../use-cases.js';


const many = (max: number) => z.union([z.string().max(60), z.array(z.string().max(60)).max(max)]).optional();
const asList = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** The contact form; rights, services and domains are checked by the use case, not here. */
export const contactForm = z.object({
  name: z.string().max(200).default(''),
  email: z.string().max(254).default(''),
  login: z.string().max(5).optional(),
  permissions: many(20),
  scope: z.enum(['account', 'chosen']).default('account'),
  serviceIds: many(500),
  domainIds: many(500),
  subscriptions: many(10),
});

export function contactInput(form: z.infer<typeof contactForm>): NewContactInput & ContactFormValues {
  return {
    name: form.name,
    email: form.email,
    login: form.login === 'on',
    permissions: asList(form.permissions),
    scope: form.scope,
    serviceIds: asList(form.serviceIds),
    domainIds: asList(form.domainIds),
    subscriptions: asList(form.subscriptions),
  };
}

const contactParam = validated('param', z.object({ accountId: z.uuid(), contactId: z.uuid() }), notFound);

/** Contacts of an account, mounted under the signed-in portal (its middleware requires a session). */
export function contactRoutes(useCases: UseCases) {
  const app = new Hono<AppEnv>();
  const { contacts } = useCases;
  const now = () => new Date();

  app.get('/accounts/:accountId/contacts', accountParam, validated('query', z.object({ ...listQuery, notice: z.enum(['removed']).optional() }), notFound), async (c) => {
    const { accountId } = c.req.valid('param');
    const query = c.req.valid('query');
    const result = await contacts.list(c.get('actor'), accountId, listPaging(query));
    if (!result.ok) return failurePage(c, result.error);
    const notice = query.notice ? c.get('t')('contacts.removed') : undefined;
    return html(c, <ContactsPage page={pageOf(c)} accountId={accountId} contacts={result.value.items} next={result.value.next} now={now()} notice={notice} list={query} />);
  });

  app.get('/accounts/:accountId/contacts/new', accountParam, async (c) => {
    const { accountId } = c.req.valid('param');
    const choices = await contacts.choices(c.get('actor'), accountId);
    if (!choices.ok) return failurePage(c, choices.error);
    return html(c, <NewContactPage page={pageOf(c)} accountId={accountId} choices={choices.value} />);
  });

  app.post('/accounts/:accountId/contacts', accountParam, validated('form', contactForm), async (c) => {
    const { accountId } = c.req.valid('param');
    const input = contactInput(c.req.valid('form'));
    const result = await contacts.add(c.get('actor'), accountId, input, c.get('meta'));
    if (result.ok) return c.redirect(`/accounts/${accountId}/contacts/${result.value.id}?notice=${result.value.login ? 'invited' : 'saved'}`, 303);
    const choices = await contacts.choices(c.get('actor'), accountId);
    if (!isFormError(result.error) || !choices.ok) return failurePage(c, result.error);
    const { errors, error } = formErrors(c, result.error);
    return html(c, <NewContactPage page={pageOf(c)} accountId={accountId} choices={choices.value} values={input} errors={errors} error={error} />, FAILURE_STATUS[result.error.kind]);
  });

  app.get('/accounts/:accountId/contacts/:contactId', contactParam, validated('query', z.object({ notice: z.enum(['invited', 'saved']).optional(), confirm: z.enum(['remove']).optional() })), async (c) => {
    const { accountId, contactId } = c.req.valid('param');
    const shown = await contacts.show(c.get('actor'), accountId, contactId);
    if (!shown.ok) return failurePage(c, shown.error);
    const choices = shown.value.mayManage ? await contacts.choices(c.get('actor'), accountId) : null;
    const { notice } = c.req.valid('query');
    const message = notice === 'invited' ? c.get('t')('contacts.invited', { email: shown.value.contact.email }) : notice === 'saved' ? c.get('t')('contacts.saved') : undefined;
    return html(c, <ContactPage page={pageOf(c)} accountId={accountId} contact={shown.value.contact} now={now()} choices={choices?.ok ? choices.value : null} notice={message} confirmRemove={c.req.valid('query').confirm === 'remove'} />);
  });

  app.post('/accounts/:accountId/contacts/:contactId', contactParam, validated('form', contactForm), async (c) => {
    const { accountId, contactId } = c.req.valid('param');
    const input = contactInput(c.req.valid('form'));
    const result = await contacts.update(c.get('actor'), accountId, contactId, input, c.get('meta'));
    if (result.ok) return c.redirect(`/accounts/${accountId}/contacts/${contactId}?notice=saved`, 303);
    const shown = await contacts.show(c.get('actor'), accountId, contactId);
    const choices = await contacts.choices(c.get('actor'), accountId);
    if (!isFormError(result.error) || !shown.ok || !choices.ok) return failurePage(c, result.error);
    const { errors, error } = formErrors(c, result.error);
    const values = { ...input, email: shown.value.contact.email, login: shown.value.contact.login };
    return html(c, <ContactPage page={pageOf(c)} accountId={accountId} contact={shown.value.contact} now={now()} choices={choices.value} values={values} errors={errors} error={error} />, FAILURE_STATUS[result.error.kind]);
  });

  app.post('/accounts/:accountId/contacts/:contactId/invite', contactParam, async (c) => {
    const { accountId, contactId } = c.req.valid('param');
    const result = await contacts.invite(c.get('actor'), accountId, contactId, c.get('meta'));
    if (!result.ok) return failurePage(c, result.error);
    return c.redirect(`/accounts/${accountId}/contacts/${contactId}?notice=invited`, 303);
  });

  app.post('/accounts/:accountId/contacts/:contactId/remove', contactParam, async (c) => {
    const { accountId, contactId } = c.req.valid('param');
    const result = await contacts.remove(c.get('actor'), accountId, contactId, c.get('meta'));
    if (!result.ok) return failurePage(c, result.error);
    return c.redirect(`/accounts/${accountId}/contacts?notice=removed`, 303);
  });

  return app;
}

/** A refusal the form can show beside its fields (bad input, a clash, or rights beyond the actor's own). */
function isFormError(failure: DomainFailure): boolean {
  return failure.kind === 'invalid' || failure.kind === 'conflict' || (failure.kind === 'forbidden' && failure.code.startsWith('contact.'));
}

const tokenParam = z.object({ token: z.string().regex(/^[a-z2-7]{16,64}$/u) });
const invalidLink = (c: Context<AppEnv>) => failurePage(c, { kind: 'invalid', code: 'invitation.invalid', details: {} });

/** Accepting an invitation: public pages, the link is the proof. */
export function invitationRoutes(useCases: UseCases, secure: boolean) {
  const app = new Hono<AppEnv>();
  const { invitations } = useCases;
  app.use('/invitations/*', noStore);

  const page = async (c: Context<AppEnv>, token: string, extra: { errors?: Partial<Record<string, string>>; error?: string } = {}, status: 200 | 409 | 422 | 429 = 200) => {
    const shown = await invitations.show(token);
    if (!shown.ok) return failurePage(c, shown.error);
    const { contact, account, hasSignIn } = shown.value;
    const signedInAs = c.get('auth')?.user.email ?? null;
    return html(c, <InvitationPage page={pageOf(c)} token={token} contact={contact} account={account} hasSignIn={hasSignIn} signedInAs={signedInAs} errors={extra.errors ?? {}} error={extra.error} />, status);
  };

  app.get('/invitations/:token', validated('param', tokenParam, invalidLink), (c) => page(c, c.req.valid('param').token));

  app.post('/invitations/:token', validated('param', tokenParam, invalidLink), validated('form', z.object({ name: z.string().max(200).default(''), password: z.string().max(1024).default('') })), async (c) => {
    const { token } = c.req.valid('param');
    const result = await invitations.acceptAsNewcomer(token, c.req.valid('form'), c.get('meta'));
    if (result.ok) {
      const previous = readCookie(c, 'session', secure);
      if (previous) await useCases.signOut.execute('user', previous, c.get('meta'));
      writeCookie(c, 'session', result.value.token, secure);
      return c.redirect('/dashboard', 303);
    }
    if (result.error.code === 'invitation.invalid' || result.error.kind === 'rate_limited') return failurePage(c, result.error);
    const { errors, error } = formErrors(c, result.error);
    return page(c, token, error ? { errors, error } : { errors }, result.error.kind === 'conflict' ? 409 : 422);
  });

  app.post('/invitations/:token/accept', validated('param', tokenParam, invalidLink), async (c) => {
    const { token } = c.req.valid('param');
    if (!c.get('auth')) return c.redirect(`/sign-in?next=${encodeURIComponent(`/invitations/${token}`)}`, 303);
    const result = await invitations.acceptSignedIn(c.get('actor'), token, c.get('meta'));
    if (!result.ok) return failurePage(c, result.error);
    return c.redirect(`/dashboard?account=${result.value.accountId}`, 303);
  });

  return app;
}
